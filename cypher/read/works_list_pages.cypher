// Sorted, filtered pages of an owner's works (a researcher's, a topic's, a source's or an institution's: its
// researchers' works, each once), as cards with venue and authors, and how many works pass the filter. Keyset
// paging on (sort key, id). At most $scan of the owner's works are gathered (the first the store yields), so a
// hub costs the same as an owner with $scan works; `scanned` says how many were gathered (docs/lists.md).
// $scan: works gathered at most per page.
// $pages: list of {kind ('Researcher' | 'Topic' | 'Source' | 'Institution', from a whitelist), id, first (≤ 100), order ('DATE':
// newest first, 'CITATIONS': most cited first, 'TITLE': A to Z), after_key, after_id (null on the first page),
// yearFrom, yearTo, types (list), topic, source (ids), hasAbstract (boolean)}; a null filter field means "any".
// Each page returns up to first + 1 works (the extra one means another page follows). A researcher's hidden works
// are left out.
UNWIND $pages AS page
CALL (page) {
  CALL (page) {
    MATCH (r:Researcher {id: page.id})-[:AUTHORED]->(w:Work)
    WHERE page.kind = 'Researcher' AND NOT w.id IN coalesce(r.hiddenWorkIds, [])
    RETURN w
    UNION
    MATCH (:Topic {id: page.id})<-[:HAS_TOPIC]-(w:Work)
    WHERE page.kind = 'Topic'
    RETURN w
    UNION
    MATCH (:Source {id: page.id})<-[:PUBLISHED_IN]-(w:Work)
    WHERE page.kind = 'Source'
    RETURN w
    UNION
    MATCH (:Institution {id: page.id})<-[:AFFILIATED_WITH]-(:Researcher)-[:AUTHORED]->(w:Work)
    WHERE page.kind = 'Institution'
    RETURN w
  }
  WITH page, w LIMIT $scan
  WITH page, collect(w) AS gathered
  UNWIND gathered AS w
  WITH page, w, size(gathered) AS scanned
  WHERE (page.yearFrom IS NULL OR w.year >= page.yearFrom) AND (page.yearTo IS NULL OR w.year <= page.yearTo)
    AND (page.types IS NULL OR w.type IN page.types)
    AND (page.hasAbstract IS NULL OR (w.abstract IS NOT NULL) = page.hasAbstract)
    AND (page.topic IS NULL OR EXISTS { (w)-[:HAS_TOPIC]->(:Topic {id: page.topic}) })
    AND (page.source IS NULL OR EXISTS { (w)-[:PUBLISHED_IN]->(:Source {id: page.source}) })
  WITH page, w, scanned, CASE page.order
      WHEN 'CITATIONS' THEN coalesce(w.citedByCount, 0)
      WHEN 'TITLE' THEN toLower(coalesce(w.title, ''))
      ELSE w.sortDate END AS key
  WITH page, w, scanned, key, page.order <> 'TITLE' AS descending
  WITH page, scanned, collect({w: w, key: key, descending: descending}) AS matched
  CALL (page, matched) {
    UNWIND matched AS m
    WITH m.w AS w, m.key AS key, m.descending AS descending
    WHERE page.after_id IS NULL
       OR (descending AND (key < page.after_key OR (key = page.after_key AND w.id < page.after_id)))
       OR (NOT descending AND (key > page.after_key OR (key = page.after_key AND w.id > page.after_id)))
    WITH w, key, descending
    ORDER BY CASE WHEN descending THEN key END DESC, CASE WHEN descending THEN w.id END DESC,
             CASE WHEN NOT descending THEN key END ASC, CASE WHEN NOT descending THEN w.id END ASC
    LIMIT 101
    WITH collect({w: w, key: key}) AS ordered
    UNWIND ordered[..page.first + 1] AS row
    WITH row.w AS x, row.key AS key
    RETURN collect(x { .id, .title, .type, .year, .publicationDate, .sortDate, .doi, .arxivId, .citedByCount,
                       .authorNames, .stub, sortKey: key,
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
  RETURN works, size(matched) AS total_count, scanned
}
RETURN page, works, total_count, scanned
