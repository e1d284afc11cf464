// Place topics in the hierarchy Topic -IN-> Subfield -IN-> Field -IN-> Domain (numeric ids as strings).
// Copies embedded in works place only topics that have no own record (ownRecord); the own record always wins.
// $rows: maps with topic (T…), subfield, subfieldName, field, fieldName, domain, domainName (none null), own (bool).
UNWIND $rows AS row
MATCH (t:Topic {id: row.topic})
WHERE row.own OR t.ownRecord IS NULL
CALL (t, row) {
  // The own record moves the topic: a placement an embedded copy made earlier is dropped.
  WITH * WHERE row.own
  MATCH (t)-[x:IN]->(old:Subfield) WHERE old.id <> row.subfield
  DELETE x
}
MERGE (s:Subfield {id: row.subfield})
SET s.name = coalesce(row.subfieldName, s.name)
MERGE (f:Field {id: row.field})
SET f.name = coalesce(row.fieldName, f.name)
MERGE (d:Domain {id: row.domain})
SET d.name = coalesce(row.domainName, d.name)
MERGE (t)-[:IN]->(s)
MERGE (s)-[:IN]->(f)
MERGE (f)-[:IN]->(d)
