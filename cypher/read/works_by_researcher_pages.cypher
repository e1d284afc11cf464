// One page of each researcher's works, newest first (keyset on sortDate then id), as work cards.
// $pages: list of {id, first, after_date, after_id}; after_* are null on the first page. Each page returns up to
// first + 1 works so the caller can tell whether another page follows (first is at most 100,
// hence the top-101 sort). Works the owner hid are left out.
UNWIND $pages AS page
MATCH (r:Researcher {id: page.id})
CALL (r, page) {
  MATCH (r)-[:AUTHORED]->(w:Work)
  WHERE NOT w.id IN coalesce(r.hiddenWorkIds, [])
    AND (page.after_date IS NULL OR w.sortDate < page.after_date
         OR (w.sortDate = page.after_date AND w.id < page.after_id))
  WITH w ORDER BY w.sortDate DESC, w.id DESC
  LIMIT 101
  WITH page, collect(w) AS ordered
  WITH ordered[..page.first + 1] AS page_works
  UNWIND page_works AS w
  RETURN collect(w {
    .id, .title, .type, .year, .publicationDate, .sortDate, .abstract, .doi, .arxivId, .citedByCount, .authorNames,
    venue: COLLECT { MATCH (w)-[:PUBLISHED_IN]->(s:Source) RETURN s { .id, .name, .type } }[0],
    authors: COLLECT {
      MATCH (a:Researcher)-[x:AUTHORED]->(w)
      WITH a, x ORDER BY x.position
      RETURN a { .id, .name, .orcid, .summary, .openToCollaborate }
    },
    topics: COLLECT {
      MATCH (w)-[h:HAS_TOPIC]->(t:Topic)
      WITH t, h ORDER BY h.score DESC, t.id
      RETURN t { .id, .name, .worksCount, score: h.score }
    }
  }) AS works
}
RETURN page.id AS id, page.first AS first, page.after_date AS after_date, page.after_id AS after_id, works,
  COUNT { (r)-[:AUTHORED]->(x:Work) WHERE NOT x.id IN coalesce(r.hiddenWorkIds, []) } AS total_count
