// Remove topics an update left with no work and that have no own record (topic or concept record, ownRecord),
// e.g. the legacy concepts of a work whose newest copy has topics. Only topics a batch dropped are passed.
// $ids: topic ids (T…/C…).
UNWIND $ids AS id
MATCH (t:Topic {id: id})
WHERE t.ownRecord IS NULL AND NOT EXISTS { ()-[:HAS_TOPIC]->(t) }
DETACH DELETE t
