// For each topic, the topics that share the most works with it, with the shared count. Bounded: at most $scan of
// a topic's works are read (all of them when it has no more; otherwise the first $scan the store yields), so a
// hub topic costs the same as a small one; `scanned` says how many works were read, and the counts are exact when
// scanned equals the topic's worksCount.
// $keys: list of {id (topic id), first (topics to return, at most 50)}; $scan: works to read at most per topic.
UNWIND $keys AS key
MATCH (t:Topic {id: key.id})
CALL (t) {
  MATCH (w:Work)-[:HAS_TOPIC]->(t)
  WITH w LIMIT $scan
  RETURN collect(w) AS works
}
CALL (t, works) {
  // The 50 largest (the most any key asks for); each key keeps its first.
  UNWIND works AS w
  MATCH (w)-[:HAS_TOPIC]->(o:Topic) WHERE o <> t
  WITH o, count(*) AS shared ORDER BY shared DESC, o.id LIMIT 50
  RETURN collect(o { .id, .name, .worksCount, shared: shared }) AS ranked
}
RETURN key.id AS id, key.first AS first, size(works) AS scanned, t.worksCount AS worksCount,
  ranked[..key.first] AS topics
