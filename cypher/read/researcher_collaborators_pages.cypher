// One page of each researcher's co-authors, closest first: most shared works, then the latest shared year, then
// id (keyset on that triple), with the total. The whole list, beyond the profile's 50; the sort reads the
// researcher's COAUTHOR ties only.
// $pages: list of {id, first (at most 100), after_shared, after_year, after_id} (after_* null on the first page).
UNWIND $pages AS page
MATCH (r:Researcher {id: page.id})
CALL (r, page) {
  MATCH (r)-[c:COAUTHOR]-(o:Researcher)
  WITH o, c.sharedWorks AS shared, coalesce(c.lastYear, -1) AS year
  WHERE page.after_id IS NULL OR shared < page.after_shared
     OR (shared = page.after_shared AND (year < page.after_year OR (year = page.after_year AND o.id > page.after_id)))
  WITH o, shared, year ORDER BY shared DESC, year DESC, o.id LIMIT 101
  WITH page, collect(o { .id, .name, .orcid, .summary, .openToCollaborate, sharedWorks: shared, lastYear: year })
    AS ordered
  RETURN ordered[..page.first + 1] AS collaborators
}
RETURN page.id AS id, page.first AS first, page.after_shared AS after_shared, page.after_year AS after_year,
  page.after_id AS after_id, collaborators, COUNT { (r)-[:COAUTHOR]-() } AS total_count
