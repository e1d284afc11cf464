// Drop the stored suggestions that a batch can have changed (docs/discovery-model.md, "Stored candidates"): those of
// the touched researchers and of their co-authors (friends of friends changed; at most 300 co-authors per touched
// researcher, in store order), recomputed after the import run by importer/suggestions.py. A request for a
// researcher without stored suggestions computes them live. $ids: touched researcher ids, sorted and locked.
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
CALL (r) {
  RETURN r AS n
  UNION
  MATCH (r)-[:COAUTHOR]-(n)
  WITH n LIMIT 300
  RETURN n
}
// Locked even when nothing is stored: a recomputation that read before this batch commits must not store after it.
WITH DISTINCT n
SET n._lock = true
REMOVE n._lock, n.suggestIds, n.suggestScores, n.suggestFacts
