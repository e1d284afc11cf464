// Add the works of a batch that are new to the graph to COAUTHOR (one edge per pair, smaller id → larger):
// sharedWorks grows by the pair's new shared works, lastYear by their newest year. Exact because those works
// had no AUTHORED edges before; pairs that also share a re-imported work go to import_coauthors_refresh.
// $pairs: maps with a (smaller id), b (larger id), works (count of new shared works), lastYear (int or null).
UNWIND $pairs AS pair
MATCH (a:Researcher {id: pair.a})
MATCH (b:Researcher {id: pair.b})
MERGE (a)-[c:COAUTHOR]->(b)
ON CREATE SET c.sharedWorks = pair.works, c.lastYear = pair.lastYear
ON MATCH SET c.sharedWorks = c.sharedWorks + pair.works,
             c.lastYear = CASE WHEN c.lastYear IS NULL OR pair.lastYear > c.lastYear THEN coalesce(pair.lastYear, c.lastYear) ELSE c.lastYear END
