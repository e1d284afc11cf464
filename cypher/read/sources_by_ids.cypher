// Sources (venues) by id, one row per id that exists.
// $ids: source ids.
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN id, s { .id, .name, .type, .issnL, worksCount: COUNT { (:Work)-[:PUBLISHED_IN]->(s) } } AS source
