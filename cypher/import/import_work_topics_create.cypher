// Link works that have no topics yet (new to the graph or stubs) to their topics: CREATE, nothing to merge with.
// $rows: maps with work (W…), topic (T…/C…), score (0-1), primary (bool); both nodes exist.
UNWIND $rows AS row
MATCH (w:Work {id: row.work})
MATCH (t:Topic {id: row.topic})
CREATE (w)-[:HAS_TOPIC {score: row.score, primary: row.primary}]->(t)
