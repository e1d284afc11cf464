// A work with exactly the parts the GraphQL request selected (the work page in one round trip), one row per
// requested id that exists and is not a citation stub. Same pattern as researcher_read_by_ids: each part is an
// OPTIONAL CALL opened by a test on $want, so an unselected part costs nothing (docs/resolvers.md).
// $ids: work ids. $want: the plan resolvers/work.py builds from the selection (never user text):
//   byline: how many names of authorNames to return (-1 = all; authorsCount is always the whole byline's size);
//   venue, topics, abstract: booleans; authors: how many known authors to return in byline order (0 = none),
//   authorDetails: boolean (orcid, summary, openToCollaborate besides id and name);
//   referencesTotal, citedByTotal: booleans (in-graph degree look-ups, for the connections' totalCount);
//   referencesPage, citedByPage: rows to return (first + 1, 0 = no page); referencesAfterDate/Id,
//   citedByAfterDate/Id: the keyset position after which the page starts (null on the first page);
//   cardVenue, cardTopics, cardAbstract, cardAuthorDetails: booleans; cardAuthors: known authors per card (0 = none);
//   cardByline: names per card (-1 = all): what each work card on the two pages carries.
// References to works outside the graph are stubs (stub = true, only an id; ordered last as '0000-00-00').
UNWIND $ids AS id
MATCH (w:Work {id: id})
WHERE NOT coalesce(w.stub, false)
OPTIONAL CALL (w) {
  WITH w WHERE $want.venue
  MATCH (w)-[:PUBLISHED_IN]->(s:Source)
  RETURN s { .id, .name, .type } AS venue LIMIT 1
}
OPTIONAL CALL (w) {
  WITH w WHERE $want.authors > 0
  MATCH (a:Researcher)-[x:AUTHORED]->(w)
  WITH a, x ORDER BY x.position LIMIT $want.authors
  RETURN collect(CASE WHEN $want.authorDetails THEN a { .id, .name, .orcid, .summary, .openToCollaborate }
                      ELSE a { .id, .name } END) AS authors
}
OPTIONAL CALL (w) {
  WITH w WHERE $want.topics
  MATCH (w)-[h:HAS_TOPIC]->(t:Topic)
  WITH t, h ORDER BY h.score DESC, t.id
  RETURN collect(t { .id, .name, .worksCount, score: h.score }) AS topics
}
OPTIONAL CALL (w) {
  WITH w WHERE $want.referencesTotal OR $want.citedByTotal
  RETURN COUNT { (w)-[:CITES]->(:Work) } AS referencesTotal, COUNT { (:Work)-[:CITES]->(w) } AS citedByTotal
}
OPTIONAL CALL (w) {
  // One page of references, newest first (keyset on sortDate then id).
  WITH w WHERE $want.referencesPage > 0
  MATCH (w)-[:CITES]->(x:Work)
  WITH x, coalesce(x.sortDate, '0000-00-00') AS sortDate
  WHERE $want.referencesAfterDate IS NULL OR sortDate < $want.referencesAfterDate
        OR (sortDate = $want.referencesAfterDate AND x.id < $want.referencesAfterId)
  WITH x, sortDate ORDER BY sortDate DESC, x.id DESC LIMIT $want.referencesPage
    OPTIONAL CALL (x) {
      WITH x WHERE $want.cardVenue
      MATCH (x)-[:PUBLISHED_IN]->(s:Source)
      RETURN s { .id, .name, .type } AS venue LIMIT 1
    }
    OPTIONAL CALL (x) {
      WITH x WHERE $want.cardAuthors > 0
      MATCH (a:Researcher)-[y:AUTHORED]->(x)
      WITH a, y ORDER BY y.position LIMIT $want.cardAuthors
      RETURN collect(CASE WHEN $want.cardAuthorDetails THEN a { .id, .name, .orcid, .summary, .openToCollaborate }
                          ELSE a { .id, .name } END) AS authors
    }
    OPTIONAL CALL (x) {
      WITH x WHERE $want.cardTopics
      MATCH (x)-[h:HAS_TOPIC]->(t:Topic)
      WITH t, h ORDER BY h.score DESC, t.id
      RETURN collect(t { .id, .name, .worksCount, score: h.score }) AS topics
    }
    RETURN collect(x { .id, .title, .type, .year, .publicationDate, sortDate: sortDate, .doi, .arxivId, .citedByCount,
                       .stub, abstract: CASE WHEN $want.cardAbstract THEN x.abstract END,
                       authorNames: CASE WHEN $want.cardByline < 0 THEN x.authorNames
                                         ELSE x.authorNames[..$want.cardByline] END,
                       authorsCount: size(coalesce(x.authorNames, [])),
                       venue: venue, authors: authors, topics: topics }) AS references
}
OPTIONAL CALL (w) {
  // One page of citing works (always full records), newest first.
  WITH w WHERE $want.citedByPage > 0
  MATCH (x:Work)-[:CITES]->(w)
  WITH x, x.sortDate AS sortDate
  WHERE $want.citedByAfterDate IS NULL OR sortDate < $want.citedByAfterDate
        OR (sortDate = $want.citedByAfterDate AND x.id < $want.citedByAfterId)
  WITH x, sortDate ORDER BY sortDate DESC, x.id DESC LIMIT $want.citedByPage
    OPTIONAL CALL (x) {
      WITH x WHERE $want.cardVenue
      MATCH (x)-[:PUBLISHED_IN]->(s:Source)
      RETURN s { .id, .name, .type } AS venue LIMIT 1
    }
    OPTIONAL CALL (x) {
      WITH x WHERE $want.cardAuthors > 0
      MATCH (a:Researcher)-[y:AUTHORED]->(x)
      WITH a, y ORDER BY y.position LIMIT $want.cardAuthors
      RETURN collect(CASE WHEN $want.cardAuthorDetails THEN a { .id, .name, .orcid, .summary, .openToCollaborate }
                          ELSE a { .id, .name } END) AS authors
    }
    OPTIONAL CALL (x) {
      WITH x WHERE $want.cardTopics
      MATCH (x)-[h:HAS_TOPIC]->(t:Topic)
      WITH t, h ORDER BY h.score DESC, t.id
      RETURN collect(t { .id, .name, .worksCount, score: h.score }) AS topics
    }
    RETURN collect(x { .id, .title, .type, .year, .publicationDate, sortDate: sortDate, .doi, .arxivId, .citedByCount,
                       .stub, abstract: CASE WHEN $want.cardAbstract THEN x.abstract END,
                       authorNames: CASE WHEN $want.cardByline < 0 THEN x.authorNames
                                         ELSE x.authorNames[..$want.cardByline] END,
                       authorsCount: size(coalesce(x.authorNames, [])),
                       venue: venue, authors: authors, topics: topics }) AS citedBy
}
RETURN id, w { .id, .title, .type, .year, .publicationDate, .sortDate, .doi, .arxivId, .citedByCount,
               abstract: CASE WHEN $want.abstract THEN w.abstract END,
               authorNames: CASE WHEN $want.byline < 0 THEN w.authorNames ELSE w.authorNames[..$want.byline] END,
               authorsCount: size(coalesce(w.authorNames, [])),
               venue: venue, authors: authors, topics: topics, referencesTotal: referencesTotal,
               citedByTotal: citedByTotal, references: references, citedBy: citedBy } AS work
