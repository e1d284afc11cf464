// Drop the edges of re-imported works that their newest record no longer has (authors, topics, references,
// venue), so an updated work leaves no stale AUTHORED, HAS_TOPIC, CITES or PUBLISHED_IN behind.
// $rows: maps with id, authors (researcher ids), topics (topic ids), references (work ids), source (id or null).
UNWIND $rows AS row
MATCH (w:Work {id: row.id})
CALL (w, row) {
  MATCH (r:Researcher)-[a:AUTHORED]->(w) WHERE NOT r.id IN row.authors
  DELETE a
}
CALL (w, row) {
  MATCH (w)-[h:HAS_TOPIC]->(t:Topic) WHERE NOT t.id IN row.topics
  DELETE h
}
CALL (w, row) {
  MATCH (w)-[c:CITES]->(x:Work) WHERE NOT x.id IN row.references
  DELETE c
}
CALL (w, row) {
  MATCH (w)-[p:PUBLISHED_IN]->(s:Source) WHERE row.source IS NULL OR s.id <> row.source
  DELETE p
}
