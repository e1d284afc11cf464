// Store worksCount on subfields, fields or domains (one level per call): the distinct works tagged with at least one
// of the level's topics, a work with two of them counted once (TopicGroup.taggedWorks). Each node is locked before
// its works are read, in key order, so a concurrent import batch either commits first (and is counted) or drops the
// value again after this commits (and its run recomputes it). Reads every work of the level: run after the import's
// batches, not per request. $rows: maps with kind ('Subfield' | 'Field' | 'Domain') and id, sorted by id.
UNWIND $rows AS row
CALL (row) {
  MATCH (g:Subfield {id: row.id}) WHERE row.kind = 'Subfield' RETURN g
  UNION
  MATCH (g:Field {id: row.id}) WHERE row.kind = 'Field' RETURN g
  UNION
  MATCH (g:Domain {id: row.id}) WHERE row.kind = 'Domain' RETURN g
}
SET g._lock = true
REMOVE g._lock
WITH g
SET g.worksCount = COUNT { MATCH (w:Work)-[:HAS_TOPIC]->(:Topic)-[:IN*1..3]->(g) RETURN DISTINCT w }
RETURN count(g) AS stored
