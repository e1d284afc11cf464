// Record merged_ids rows whose old id is not in the graph, so node(id:) still resolves it to the survivor.
// $rows: maps with id (old), into (survivor), date (merge date or null).
UNWIND $rows AS row
MERGE (m:MergedId {id: row.id})
SET m.into = row.into, m.date = row.date
