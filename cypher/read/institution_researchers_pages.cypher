// One page of each institution's researchers, most recently affiliated first (keyset on lastYear then id).
// $pages: list of {id, first, after_year, after_id}; after_* are null on the first page (after_year is -1 for a
// researcher whose years are unknown). Returns up to first + 1 researchers per page (first is at most 100).
UNWIND $pages AS page
MATCH (i:Institution {id: page.id})
CALL (i, page) {
  MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(i)
  WITH r, coalesce(a.lastYear, -1) AS lastYear
  WHERE page.after_id IS NULL OR lastYear < page.after_year OR (lastYear = page.after_year AND r.id < page.after_id)
  WITH r, lastYear ORDER BY lastYear DESC, r.id DESC
  LIMIT 101
  WITH page, collect(r { .id, .name, .orcid, .summary, .openToCollaborate, lastYear: lastYear }) AS ordered
  RETURN ordered[..page.first + 1] AS researchers
}
RETURN page.id AS id, page.first AS first, page.after_year AS after_year, page.after_id AS after_id, researchers,
  COUNT { (:Researcher)-[:AFFILIATED_WITH]->(i) } AS total_count
