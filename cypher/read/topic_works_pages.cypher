// One page of each topic's works, newest first (keyset on sortDate then id), as short work rows.
// $pages: list of {id, first, after_date, after_id}; returns up to first + 1 works per page (first is at most
// 100, hence the top-101 sort, which keeps hub topics cheap).
UNWIND $pages AS page
MATCH (t:Topic {id: page.id})
CALL (t, page) {
  MATCH (w:Work)-[:HAS_TOPIC]->(t)
  WHERE page.after_date IS NULL OR w.sortDate < page.after_date
        OR (w.sortDate = page.after_date AND w.id < page.after_id)
  WITH w ORDER BY w.sortDate DESC, w.id DESC
  LIMIT 101
  WITH page, collect(w) AS ordered
  WITH ordered[..page.first + 1] AS page_works
  UNWIND page_works AS w
  RETURN collect(w { .id, .title, .type, .year, .publicationDate, .sortDate, .citedByCount, .authorNames }) AS works
}
RETURN page.id AS id, page.first AS first, page.after_date AS after_date, page.after_id AS after_id, works,
  COUNT { (:Work)-[:HAS_TOPIC]->(t) } AS total_count
