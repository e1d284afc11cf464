// Lock the topics a batch touches (before and after the write), in key order, creating missing ones, so
// Topic.worksCount and WORKS_ON are recomputed by one writer at a time.
// $ids: topic ids (T…/C…), sorted.
UNWIND $ids AS id
MERGE (t:Topic {id: id})
ON CREATE SET t.worksCount = 0
SET t._lock = true
REMOVE t._lock
