// Place topics in the hierarchy Topic -IN-> Subfield -IN-> Field -IN-> Domain (numeric ids as strings).
// $rows: maps with topic (T…), subfield, subfieldName, field, fieldName, domain, domainName (none null).
UNWIND $rows AS row
MATCH (t:Topic {id: row.topic})
MERGE (s:Subfield {id: row.subfield})
SET s.name = coalesce(row.subfieldName, s.name)
MERGE (f:Field {id: row.field})
SET f.name = coalesce(row.fieldName, f.name)
MERGE (d:Domain {id: row.domain})
SET d.name = coalesce(row.domainName, d.name)
MERGE (t)-[:IN]->(s)
MERGE (s)-[:IN]->(f)
MERGE (f)-[:IN]->(d)
