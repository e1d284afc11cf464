// Institutions by id, one row per id that exists, with their lineage: the institutions they are part of
// (PART_OF, from OpenAlex's lineage) and up to 100 parts, by name.
// $ids: institution ids.
UNWIND $ids AS id
MATCH (i:Institution {id: id})
RETURN id, i { .id, .name, .ror, .countryCode, .type, .domains,
  researchersCount: COUNT { (:Researcher)-[:AFFILIATED_WITH]->(i) },
  parents: COLLECT { MATCH (i)-[:PART_OF]->(p:Institution) RETURN p { .id, .name } ORDER BY p.id },
  children: COLLECT { MATCH (c:Institution)-[:PART_OF]->(i) RETURN c { .id, .name } ORDER BY c.name, c.id LIMIT 100 }
} AS institution
