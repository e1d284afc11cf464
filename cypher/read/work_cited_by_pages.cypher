// One page of each work's citing works (imported works that list it in their references), newest first (keyset
// on sortDate then id), as work cards with venue, authors and topics.
// Citing works are always full records (stubs cite nothing).
// $pages: list of {id, first, after_date, after_id}; after_* are null on the first page. Each page returns up to
// first + 1 works (first is at most 100, hence top-101).
UNWIND $pages AS page
MATCH (w:Work {id: page.id})
CALL (w, page) {
  MATCH (x:Work)-[:CITES]->(w)
  WHERE page.after_date IS NULL OR x.sortDate < page.after_date
        OR (x.sortDate = page.after_date AND x.id < page.after_id)
  WITH x ORDER BY x.sortDate DESC, x.id DESC
  LIMIT 101
  WITH page, collect(x) AS ordered
  UNWIND ordered[..page.first + 1] AS x
  RETURN collect(x { .id, .title, .type, .year, .publicationDate, .sortDate, .doi, .arxivId, .citedByCount,
                     .authorNames, .stub,
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
  COUNT { (:Work)-[:CITES]->(w) } AS total_count
