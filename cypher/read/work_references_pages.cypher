// One page of each work's references (the works it cites), newest first (keyset on sortDate then id), as work
// cards with venue, authors and topics (so a page needs no further look-ups). References to works outside the
// graph are stubs: only their id is known (stub = true, sortDate null, ordered last as '0000-00-00').
// $pages: list of {id, first, after_date, after_id}; after_* are null on the first page. Each page returns up to
// first + 1 works so the caller can tell whether another page follows (first is at most 100, hence top-101).
UNWIND $pages AS page
MATCH (w:Work {id: page.id})
CALL (w, page) {
  MATCH (w)-[:CITES]->(x:Work)
  WITH x, coalesce(x.sortDate, '0000-00-00') AS sortDate
  WHERE page.after_date IS NULL OR sortDate < page.after_date
        OR (sortDate = page.after_date AND x.id < page.after_id)
  WITH x, sortDate ORDER BY sortDate DESC, x.id DESC
  LIMIT 101
  WITH page, collect(x) AS ordered
  UNWIND ordered[..page.first + 1] AS x
  RETURN collect(x { .id, .title, .type, .year, .publicationDate, sortDate: coalesce(x.sortDate, '0000-00-00'),
                     .doi, .arxivId, .citedByCount, .authorNames, .stub,
    venue: COLLECT { MATCH (x)-[:PUBLISHED_IN]->(s:Source) RETURN s { .id, .name, .type } }[0],
    authors: COLLECT {
      MATCH (a:Researcher)-[y:AUTHORED]->(x)
      WITH a, y ORDER BY y.position
      RETURN a { .id, .name, .orcid, .summary, .openToCollaborate }
    },
    topics: COLLECT {
      MATCH (x)-[h:HAS_TOPIC]->(t:Topic)
      WITH t, h ORDER BY h.score DESC, t.id
      RETURN t { .id, .name, .worksCount, score: h.score }
    }
  }) AS works
}
RETURN page.id AS id, page.first AS first, page.after_date AS after_date, page.after_id AS after_id, works,
  COUNT { (w)-[:CITES]->(:Work) } AS total_count
