// Link works to their topics (scores under 0.05 are dropped before this runs).
// $rows: maps with work (W…), topic (T…/C…), score (0-1), primary (bool); both nodes exist.
UNWIND $rows AS row
MATCH (w:Work {id: row.work})
MATCH (t:Topic {id: row.topic})
MERGE (w)-[h:HAS_TOPIC]->(t)
SET h.score = row.score, h.primary = row.primary
