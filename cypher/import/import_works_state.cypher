// Stored state of works a batch is about to write: newest updatedDate seen, and current authors and topics
// and references and sources (the derived-value refresh needs the old ones too). Works not in the graph yet return no row.
// $ids: work ids (W…).
UNWIND $ids AS id
MATCH (w:Work {id: id})
RETURN id, w.updatedDate AS updatedDate, w.stub AS stub,
       COLLECT { MATCH (r:Researcher)-[:AUTHORED]->(w) RETURN r.id } AS authors,
       COLLECT { MATCH (w)-[:HAS_TOPIC]->(t:Topic) RETURN t.id } AS topics,
       COLLECT { MATCH (w)-[:CITES]->(x:Work) RETURN x.id } AS references,
       COLLECT { MATCH (w)-[:PUBLISHED_IN]->(s:Source) RETURN s.id } AS sources
