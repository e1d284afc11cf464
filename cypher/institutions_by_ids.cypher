// Institutions by id, one row per id that exists.
// $ids: institution ids.
UNWIND $ids AS id
MATCH (i:Institution {id: id})
RETURN id, i { .id, .name, .ror, .countryCode, .type, .domains,
  researchersCount: COUNT { (:Researcher)-[:AFFILIATED_WITH]->(i) } } AS institution
