// Recompute WORKS_ON for researcher-topic pairs a batch touched: works = the researcher's works with that topic,
// weight = the sum of their HAS_TOPIC scores (rounded to 6 decimals so it does not depend on summation order).
// Pairs with no such work any more are removed by import_works_on_prune.
// $pairs: [researcher id, topic id] lists.
UNWIND $pairs AS pair
MATCH (r:Researcher {id: pair[0]})
MATCH (t:Topic {id: pair[1]})
CALL (r, t) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(w:Work)-[h:HAS_TOPIC]->(t)
  RETURN count(w) AS works, round(sum(coalesce(h.score, 0.0)), 6) AS weight
}
WITH r, t, works, weight
WHERE works > 0
MERGE (r)-[x:WORKS_ON]->(t)
SET x.works = works, x.weight = weight
