// Recompute WORKS_ON for researcher-topic pairs a batch touched: works = the researcher's works with that topic,
// weight = the sum of their HAS_TOPIC scores, summed in integer millionths so the result does not depend on
// summation order. Pairs with no such work any more are removed by import_works_on_prune.
// $pairs: [researcher id, topic id] lists.
UNWIND $pairs AS pair
MATCH (r:Researcher {id: pair[0]})
MATCH (t:Topic {id: pair[1]})
CALL (r, t) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(w:Work)-[h:HAS_TOPIC]->(t)
  RETURN count(w) AS works, sum(toInteger(round(coalesce(h.score, 0.0) * 1000000))) AS micro
}
WITH r, t, works, micro
WHERE works > 0
MERGE (r)-[x:WORKS_ON]->(t)
SET x.works = works, x.weight = micro / 1000000.0
