// Create or update topics (T…) and legacy concepts (C…, legacy = true). worksCount starts at 0 and is kept by
// import_topic_counts_refresh.
// $rows: maps with id, name, legacy (bool).
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
ON CREATE SET t.worksCount = 0
SET t.name = coalesce(row.name, t.name), t.legacy = row.legacy
