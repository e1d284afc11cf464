// Stored updatedDate of researchers, so an author record older than what is stored can be skipped.
// $ids: researcher ids (A…). Researchers not in the graph return no row.
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
RETURN id, r.updatedDate AS updatedDate
