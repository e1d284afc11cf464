// One page of each institution's researchers, keyset-paged on (sort key, id), largest key first: 'RECENT' (the
// default) orders by the affiliation's last year (-1 when unknown), 'WORKS' by the researcher's works (a degree
// look-up), 'CITATIONS' by the sum of their works' OpenAlex citation counts (reads each researcher's works, so it
// grows with the institution's authorships, like its metrics).
// $pages: list of {id, first, order ('RECENT' | 'WORKS' | 'CITATIONS', from an enum), after_key, after_id};
// after_* are null on the first page. Returns up to first + 1 researchers per page (first is at most 100).
UNWIND $pages AS page
MATCH (i:Institution {id: page.id})
CALL (i, page) {
  MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(i)
  WITH r, coalesce(a.lastYear, -1) AS lastYear
  WITH r, lastYear, COUNT { (r)-[:AUTHORED]->(:Work) } AS works
  WITH r, lastYear, works, CASE page.order
      WHEN 'WORKS' THEN works
      WHEN 'CITATIONS' THEN reduce(total = 0, cited IN COLLECT {
        MATCH (r)-[:AUTHORED]->(w:Work) RETURN coalesce(w.citedByCount, 0) } | total + cited)
      ELSE lastYear END AS key
  WHERE page.after_id IS NULL OR key < page.after_key OR (key = page.after_key AND r.id < page.after_id)
  WITH r, lastYear, works, key ORDER BY key DESC, r.id DESC
  LIMIT 101
  WITH page, collect(r { .id, .name, .orcid, .summary, .openToCollaborate, lastYear: lastYear, worksCount: works,
                         sortKey: key }) AS ordered
  RETURN ordered[..page.first + 1] AS researchers
}
RETURN page.id AS id, page.first AS first, page.order AS order, page.after_key AS after_key,
  page.after_id AS after_id, researchers, COUNT { (:Researcher)-[:AFFILIATED_WITH]->(i) } AS total_count
