// Lock researchers whose stored suggestions are about to be recomputed, in key order (the importer's order for
// researchers), so a recomputation never overlaps an import batch that writes their edges. $ids: sorted ids.
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
SET r._lock = true
REMOVE r._lock
