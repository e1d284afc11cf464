// Drop the stored suggestions of the first 8 authors (byline order) of works a batch writes or cites: a new
// citation of their work is a new reason ("cites your work"). $ids: touched work ids, sorted and locked.
UNWIND $ids AS id
MATCH (w:Work {id: id})
CALL (w) {
  MATCH (n:Researcher)-[a:AUTHORED]->(w)
  WITH n, a LIMIT 300
  WITH collect({n: n, position: a.position}) AS sample
  UNWIND sample AS x
  RETURN x.n AS n ORDER BY x.position LIMIT 8
}
// Locked even when nothing is stored: a recomputation that read before this batch commits must not store after it.
WITH DISTINCT n
SET n._lock = true
REMOVE n._lock, n.suggestIds, n.suggestScores, n.suggestFacts
