// Recompute Topic.worksCount (number of works with the topic) for topics a batch touched; a degree lookup.
// $ids: topic ids (T…/C…).
UNWIND $ids AS id
MATCH (t:Topic {id: id})
SET t.worksCount = COUNT { (t)<-[:HAS_TOPIC]-() }
