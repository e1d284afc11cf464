// Counts of an owner's works (a researcher's, a topic's, a source's or an institution's) grouped by year, type,
// topic, source or institution (of any author), after the same filter as works_list_pages. Years newest first,
// the rest by count. Like works_list_pages, at most $scan of the owner's works are read.
// $scan: works read at most.
// $kind ('Researcher' | 'Topic' | 'Source' | 'Institution', from a whitelist), $id, $by ('YEAR' | 'TYPE' | 'TOPIC' | 'SOURCE' |
// 'INSTITUTION', from an enum), $yearFrom, $yearTo, $types, $topic, $source, $hasAbstract (null = any),
// $limit: groups to return.
CALL () {
  MATCH (r:Researcher {id: $id})-[:AUTHORED]->(w:Work)
  WHERE $kind = 'Researcher' AND NOT w.id IN coalesce(r.hiddenWorkIds, [])
  RETURN w
  UNION
  MATCH (:Topic {id: $id})<-[:HAS_TOPIC]-(w:Work)
  WHERE $kind = 'Topic'
  RETURN w
  UNION
  MATCH (:Source {id: $id})<-[:PUBLISHED_IN]-(w:Work)
  WHERE $kind = 'Source'
  RETURN w
  UNION
  MATCH (:Institution {id: $id})<-[:AFFILIATED_WITH]-(:Researcher)-[:AUTHORED]->(w:Work)
  WHERE $kind = 'Institution'
  RETURN w
}
WITH w LIMIT $scan
WITH w
WHERE ($yearFrom IS NULL OR w.year >= $yearFrom) AND ($yearTo IS NULL OR w.year <= $yearTo)
  AND ($types IS NULL OR w.type IN $types)
  AND ($hasAbstract IS NULL OR (w.abstract IS NOT NULL) = $hasAbstract)
  AND ($topic IS NULL OR EXISTS { (w)-[:HAS_TOPIC]->(:Topic {id: $topic}) })
  AND ($source IS NULL OR EXISTS { (w)-[:PUBLISHED_IN]->(:Source {id: $source}) })
CALL (w) {
  WITH w WHERE $by = 'YEAR' AND w.year IS NOT NULL
  RETURN toString(w.year) AS key, toString(w.year) AS label
  UNION
  WITH w WHERE $by = 'TYPE' AND w.type IS NOT NULL
  RETURN w.type AS key, w.type AS label
  UNION
  MATCH (w)-[:HAS_TOPIC]->(t:Topic) WHERE $by = 'TOPIC'
  RETURN t.id AS key, t.name AS label
  UNION
  MATCH (w)-[:PUBLISHED_IN]->(s:Source) WHERE $by = 'SOURCE'
  RETURN s.id AS key, s.name AS label
  UNION
  MATCH (w)<-[:AUTHORED]-(:Researcher)-[:AFFILIATED_WITH]->(i:Institution) WHERE $by = 'INSTITUTION'
  RETURN i.id AS key, i.name AS label
}
WITH key, label, count(*) AS count
ORDER BY CASE WHEN $by = 'YEAR' THEN key END DESC, count DESC, key
LIMIT $limit
RETURN key, label, count
