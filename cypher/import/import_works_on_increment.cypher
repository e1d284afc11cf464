// Add the works of a batch that are new to the graph to WORKS_ON: works grows by the researcher's new works
// with the topic, weight by their scores. Scores are summed in integer millionths (as import_works_on_refresh
// does), so the total is exact whatever the order works arrive in. Exact because those works had no edges
// before; pairs that also touch a re-imported work go to import_works_on_refresh.
// $pairs: maps with researcher (A…), topic (T…/C…), works (count), micro (sum of the scores in millionths,
// each rounded half up).
UNWIND $pairs AS pair
MATCH (r:Researcher {id: pair.researcher})
MATCH (t:Topic {id: pair.topic})
MERGE (r)-[x:WORKS_ON]->(t)
ON CREATE SET x.works = pair.works, x.weight = pair.micro / 1000000.0
ON MATCH SET x.works = x.works + pair.works,
             x.weight = (toInteger(round(x.weight * 1000000)) + pair.micro) / 1000000.0
