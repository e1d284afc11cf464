// Create or update topics (T…) and legacy concepts (C…, legacy = true). worksCount starts at 0 and is kept by
// import_topic_counts_refresh. A topic's own record (row.own) always wins: it sets ownRecord, and copies embedded
// in works only fill in topics that have no own record yet (whatever the file order or batch size).
// $rows: maps with id, name, legacy (bool), own (bool: from the topic's or concept's own record).
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
ON CREATE SET t.worksCount = 0
WITH t, row
WHERE row.own OR t.ownRecord IS NULL
SET t.name = coalesce(row.name, t.name), t.legacy = row.legacy,
    t.ownRecord = CASE WHEN row.own THEN true ELSE t.ownRecord END
