// Work cards by id, one row per id that exists and is not a citation stub.
// $ids: work ids.
UNWIND $ids AS id
MATCH (w:Work {id: id})
WHERE NOT coalesce(w.stub, false)
RETURN id, w {
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
} AS work
