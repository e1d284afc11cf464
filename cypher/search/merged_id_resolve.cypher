// The surviving id of an id OpenAlex merged away (from merged_ids), or no row.
// $id: the requested id.
MATCH (m:MergedId {id: $id})
RETURN m.into AS into
