// Topics by id with their place in the hierarchy, one row per id that exists.
// $ids: topic ids (T… or legacy C…).
UNWIND $ids AS id
MATCH (t:Topic {id: id})
OPTIONAL MATCH (t)-[:IN]->(sf:Subfield)
OPTIONAL MATCH (sf)-[:IN]->(f:Field)
OPTIONAL MATCH (f)-[:IN]->(d:Domain)
RETURN id, t { .id, .name, .worksCount, subfield: sf.name, field: f.name, domain: d.name,
  subfieldId: sf.id, fieldId: f.id, domainId: d.id } AS topic
