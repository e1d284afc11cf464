// The topics that share the most works with a topic, with the shared count. Bounded: at most $scan of the
// topic's works are read (all of them when it has no more; otherwise the first $scan the store yields), so a hub
// topic costs the same as a small one; `scanned` says how many works were read, and the counts are exact when
// scanned equals the topic's worksCount.
// $id: topic id; $scan: works to read at most; $first: topics to return.
MATCH (t:Topic {id: $id})
CALL (t) {
  MATCH (w:Work)-[:HAS_TOPIC]->(t)
  WITH w LIMIT $scan
  RETURN collect(w) AS works
}
CALL (t, works) {
  UNWIND works AS w
  MATCH (w)-[:HAS_TOPIC]->(o:Topic) WHERE o <> t
  WITH o, count(*) AS shared ORDER BY shared DESC, o.id LIMIT $first
  RETURN collect(o { .id, .name, .worksCount, shared: shared }) AS topics
}
RETURN size(works) AS scanned, t.worksCount AS worksCount, topics
