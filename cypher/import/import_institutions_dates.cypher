// Stored updatedDate of institutions, so an institution record older than what is stored can be skipped.
// $ids: institution ids (I…). Institutions not in the graph return no row.
UNWIND $ids AS id
MATCH (i:Institution {id: id})
RETURN id, i.updatedDate AS updatedDate
