// Researchers the suggestions benchmark measures (bench/suggestions_bench.py), one row per researcher:
// 'hub' = the $sample researchers with the most co-authors; 'hub-adjacent' = co-authors of the top $hubs hubs;
// 'ordinary' = researchers with 3 to 15 co-authors. Samples are spread by a fixed hash of the id (deterministic).
// $sample: researchers per group. $hubs: how many top hubs define 'hub-adjacent'.
CALL () {
  MATCH (r:Researcher)
  WITH r, COUNT { (r)-[:COAUTHOR]-() } AS degree
  ORDER BY degree DESC, r.id LIMIT $sample
  RETURN 'hub' AS grp, r
  UNION ALL
  MATCH (h:Researcher)
  WITH h, COUNT { (h)-[:COAUTHOR]-() } AS degree
  ORDER BY degree DESC, h.id LIMIT $hubs
  MATCH (h)-[:COAUTHOR]-(r:Researcher)
  WITH DISTINCT r
  ORDER BY (toInteger(substring(r.id, 1)) * 40503) % 1000003, r.id LIMIT $sample
  RETURN 'hub-adjacent' AS grp, r
  UNION ALL
  MATCH (r:Researcher)
  WITH r, COUNT { (r)-[:COAUTHOR]-() } AS degree
  WHERE 3 <= degree <= 15
  WITH r ORDER BY (toInteger(substring(r.id, 1)) * 40503) % 1000003, r.id LIMIT $sample
  RETURN 'ordinary' AS grp, r
}
RETURN grp, r.id AS id, COUNT { (r)-[:COAUTHOR]-() } AS coauthors, COUNT { (r)-[:AUTHORED]->() } AS works,
       COUNT { (r)-[:WORKS_ON]->() } AS topics,
       COLLECT { MATCH (r)-[:WORKS_ON]->(t:Topic) RETURN t.worksCount ORDER BY t.worksCount DESC LIMIT 1 }[0]
         AS largest_topic
