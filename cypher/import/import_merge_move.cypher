// Redirect ids OpenAlex merged away (merged_ids): the old entity's ties move to the survivor (a tie the survivor
// already has is kept as it is), a survivor known only by id takes the old entity's properties, an Ownership moves
// unless the survivor is owned, earlier redirects to the old id now point at the survivor, and the old node is
// replaced by a MergedId {id, into} so node(id:) resolves it. Derived edges (COAUTHOR, WORKS_ON) are dropped here
// and recomputed by the importer under the same locks (for a topic: its researchers' WORKS_ON to the survivor).
// Runs after both nodes are locked (the survivor created).
// $rows: maps with id (old), into (survivor, same kind), date (merge date or null); the old node exists.
UNWIND $rows AS row
CALL (row) {
  MATCH (n:Researcher {id: row.id}) RETURN n
  UNION MATCH (n:Work {id: row.id}) RETURN n
  UNION MATCH (n:Institution {id: row.id}) RETURN n
  UNION MATCH (n:Topic {id: row.id}) RETURN n
}
WITH row, n AS old
CALL (row) {
  MATCH (n:Researcher {id: row.into}) RETURN n
  UNION MATCH (n:Work {id: row.into}) RETURN n
  UNION MATCH (n:Institution {id: row.into}) RETURN n
  UNION MATCH (n:Topic {id: row.into}) RETURN n
}
WITH row, old, n AS new
CALL (old, new, row) {
  WITH * WHERE new.updatedDate IS NULL AND new.name IS NULL AND new.title IS NULL
  SET new += old {.*, id: row.into}
}
CALL (old, new) {
  MATCH (old)-[r]->(x) WHERE x <> new AND x <> old AND NOT type(r) IN ['COAUTHOR', 'WORKS_ON']
  // A topic has one place in the hierarchy: the survivor keeps its own (the old one's subfield is pruned after).
  AND NOT (type(r) = 'IN' AND EXISTS { (new)-[:IN]->(:Subfield) })
  WITH r, x, type(r) AS kind, properties(r) AS props
  MERGE (new)-[s:$(kind)]->(x)
  ON CREATE SET s = props
  DELETE r
}
CALL (old, new) {
  MATCH (x)-[r]->(old) WHERE x <> new AND x <> old AND NOT type(r) IN ['COAUTHOR', 'WORKS_ON']
  WITH r, x, type(r) AS kind, properties(r) AS props
  MERGE (x)-[s:$(kind)]->(new)
  ON CREATE SET s = props
  DELETE r
}
CALL (row) {
  MATCH (o:Ownership {researcherId: row.id})
  WHERE NOT EXISTS { MATCH (:Ownership {researcherId: row.into}) }
  SET o.researcherId = row.into
}
CALL (row) {
  MATCH (m:MergedId {into: row.id})
  SET m.into = row.into
}
DETACH DELETE old
MERGE (m:MergedId {id: row.id})
SET m.into = row.into, m.date = row.date
