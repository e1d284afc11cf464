// Lock topics, sources or institutions whose stored per-year counts are about to be recomputed (importer/
// year_counts.py), so a recomputation reads their works only while no import batch can change them: a batch that
// changes them drops the stored values under the same lock (import_year_counts_invalidate*).
// $rows: [{kind, id}] of one kind, sorted by id.
UNWIND $rows AS row
CALL (row) {
  MATCH (n:Topic {id: row.id}) WHERE row.kind = 'Topic' RETURN n
  UNION
  MATCH (n:Source {id: row.id}) WHERE row.kind = 'Source' RETURN n
  UNION
  MATCH (n:Institution {id: row.id}) WHERE row.kind = 'Institution' RETURN n
}
SET n._lock = true
REMOVE n._lock
