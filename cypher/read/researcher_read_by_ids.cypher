// A researcher with exactly the parts the GraphQL request selected, one row per requested id that exists.
// Each part is an OPTIONAL CALL opened by `WITH r WHERE $want.<flag>`: the planner tests the flag on the argument
// row before any expansion, so an unselected part costs nothing (docs/resolvers.md explains the pattern).
// $ids: researcher ids. $want: the plan resolvers/researcher.py builds from the selection (never user text):
//   affiliation, counts, claims: booleans (counts = works/followers/topics/co-author counts; claims = claim states
//   and approved methods, for the trust snapshot); topics, collaborators: how many to return (0 = none);
//   worksCount: boolean (works.totalCount without a page); worksPage: rows to return (first + 1, 0 = no page);
//   worksAfterDate, worksAfterId: the keyset position after which the page starts (null on the first page);
//   venue, authors, authorDetails (orcid, summary, openToCollaborate), workTopics, abstract: what each work card
//   carries (booleans); metrics: boolean (per work [year, citations, citationYears, citationCounts] and OpenAlex's
//   reported figures, for Researcher.metrics; docs/metrics.md).
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
OPTIONAL CALL (r) {
  WITH r WHERE $want.affiliation
  MATCH (r)-[a:AFFILIATED_WITH]->(i:Institution)
  RETURN i { .id, .name, .ror, .countryCode, .type } AS affiliation ORDER BY a.lastYear DESC, i.id LIMIT 1
}
OPTIONAL CALL (r) {
  // The works count is a degree look-up minus the hidden works that are still linked (the hidden list is short).
  WITH r WHERE $want.counts OR $want.worksCount
  RETURN COUNT { (r)-[:AUTHORED]->() }
           - size([x IN coalesce(r.hiddenWorkIds, []) WHERE EXISTS { (r)-[:AUTHORED]->(:Work {id: x}) }])
           AS worksCount
}
OPTIONAL CALL (r) {
  WITH r WHERE $want.counts
  RETURN COUNT { (:User)-[:FOLLOWS]->(r) } AS followersCount, COUNT { (r)-[:WORKS_ON]->() } AS topicsCount,
         COUNT { (r)-[:COAUTHOR]-() } AS collaboratorsCount
}
OPTIONAL CALL (r) {
  WITH r WHERE $want.claims
  MATCH (c:Claim)-[:CLAIMS]->(r)
  RETURN collect(c.status) AS claimStates,
         collect(CASE WHEN c.status = 'APPROVED' THEN c.method END) AS approvedMethods
}
OPTIONAL CALL (r) {
  WITH r WHERE $want.topics > 0
  MATCH (r)-[s:WORKS_ON]->(t:Topic)
  WITH t, s ORDER BY s.weight DESC, t.id LIMIT $want.topics
  RETURN collect(t { .id, .name, .worksCount, weight: s.weight, works: s.works }) AS topics
}
OPTIONAL CALL (r) {
  WITH r WHERE $want.collaborators > 0
  MATCH (r)-[c:COAUTHOR]-(o:Researcher)
  WITH o, c ORDER BY c.sharedWorks DESC, c.lastYear DESC, o.id LIMIT $want.collaborators
  RETURN collect(o { .id, .name, .orcid, .summary, .openToCollaborate, sharedWorks: c.sharedWorks }) AS collaborators
}
OPTIONAL CALL (r) {
  // One page of works, newest first (keyset on sortDate then id); hidden works left out.
  WITH r WHERE $want.worksPage > 0
  MATCH (r)-[:AUTHORED]->(w:Work)
  WHERE NOT w.id IN coalesce(r.hiddenWorkIds, [])
    AND ($want.worksAfterDate IS NULL OR w.sortDate < $want.worksAfterDate
         OR (w.sortDate = $want.worksAfterDate AND w.id < $want.worksAfterId))
  WITH w ORDER BY w.sortDate DESC, w.id DESC LIMIT $want.worksPage
  OPTIONAL CALL (w) {
    WITH w WHERE $want.venue
    MATCH (w)-[:PUBLISHED_IN]->(s:Source)
    RETURN s { .id, .name, .type } AS venue LIMIT 1
  }
  OPTIONAL CALL (w) {
    WITH w WHERE $want.authors
    MATCH (a:Researcher)-[x:AUTHORED]->(w)
    WITH a, x ORDER BY x.position
    RETURN collect(CASE WHEN $want.authorDetails THEN a { .id, .name, .orcid, .summary, .openToCollaborate }
                        ELSE a { .id, .name } END) AS authors
  }
  OPTIONAL CALL (w) {
    WITH w WHERE $want.workTopics
    MATCH (w)-[h:HAS_TOPIC]->(t:Topic)
    WITH t, h ORDER BY h.score DESC, t.id
    RETURN collect(t { .id, .name, .worksCount, score: h.score }) AS workTopics
  }
  RETURN collect(w { .id, .title, .type, .year, .publicationDate, .sortDate, .doi, .arxivId, .citedByCount,
                     .authorNames, abstract: CASE WHEN $want.abstract THEN w.abstract END, venue: venue,
                     authors: authors, topics: workTopics }) AS works
}
OPTIONAL CALL (r) {
  // One row per work; its in-graph citations are a degree look-up (cost grows with works, not citations).
  WITH r WHERE $want.metrics
  MATCH (r)-[:AUTHORED]->(w:Work)
  WHERE NOT w.id IN coalesce(r.hiddenWorkIds, [])
  WITH w, coalesce(w.citedByCount, 0) AS reported, COUNT { (:Work)-[:CITES]->(w) } AS inGraph
  RETURN collect([w.year, CASE WHEN reported >= inGraph THEN reported ELSE inGraph END,
                  coalesce(w.citationYears, []), coalesce(w.citationCounts, [])]) AS metricsWorks
}
RETURN id, r { .id, .name, .orcid, .summary, .openToCollaborate, affiliation: affiliation, worksCount: worksCount,
               followersCount: followersCount, topicsCount: topicsCount, collaboratorsCount: collaboratorsCount,
               claimStates: claimStates, approvedMethods: approvedMethods, topics: topics,
               collaborators: collaborators, works: works, metricsWorks: metricsWorks,
               metricsReported: CASE WHEN $want.metrics AND (r.reportedWorksCount IS NOT NULL
                                                             OR r.reportedHIndex IS NOT NULL) THEN {
                 worksCount: r.reportedWorksCount, citedByCount: r.reportedCitedByCount, hIndex: r.reportedHIndex,
                 i10Index: r.reportedI10Index } END } AS researcher
