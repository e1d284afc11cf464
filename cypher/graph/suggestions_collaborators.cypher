// Ranked collaborator suggestions for one researcher (docs/discovery-model.md); no row when the id is unknown.
// $researcher_id: the researcher to suggest for. $ref_year: the year recency is measured from (this year).
// $offset, $first: the page, as an offset into the ranking ($first + 1 rows are returned to tell hasNextPage).
// $open_to_collaborate: null, or keep only candidates whose openToCollaborate equals it.
// $topic_id / $institution_id: null, or keep only candidates that WORKS_ON / AFFILIATED_WITH that node.
// Weights: $w_mutual (Adamic–Adar), $w_topic (topic overlap), $w_institution (same current institution),
// $w_cites_you / $w_cited_by_you (times ln(1 + distinct works)); $half_life: years for a mutual tie to count half.
// Caps, so hubs bound the cost: $scan_limit relationships read per node per hop before any ordering;
// $coauthor_limit own co-authors (most shared works first); $topic_limit own topics (highest weight first);
// $fanout_limit candidates per co-author / topic / institution; $work_limit own works (newest first);
// $citation_limit citing or cited works per own work (newest first among the first $scan_limit);
// $author_limit authors per such work (byline order);
// $candidate_limit shortlisted candidates (the ranking's length, hence totalCount); $via_limit nodes per reason.
// Every capped scan is `LIMIT $scan_limit`, then collect(), then ORDER BY: the collect() is a barrier, since
// otherwise the planner may satisfy the unordered LIMIT with the ORDER BY (sorting a hub's whole adjacency list).
// COAUTHOR, WORKS_ON and AFFILIATED_WITH ends carry no label test: the graph model fixes their labels, and on a
// hub a label check is a store read per relationship.
MATCH (me:Researcher {id: $researcher_id})
OPTIONAL CALL (me) {
  MATCH (me)-[a:AFFILIATED_WITH]->(i:Institution)
  RETURN i AS home ORDER BY a.lastYear DESC, i.id LIMIT 1
}
CALL (me) {
  MATCH (me)-[k:COAUTHOR]-(m)
  WITH m, k LIMIT $scan_limit
  WITH collect({node: m, shared: k.sharedWorks, year: k.lastYear}) AS sample
  UNWIND sample AS x
  WITH x ORDER BY x.shared DESC, x.year DESC, x.node.id LIMIT $coauthor_limit
  WITH x, x.node AS m
  WITH x, COUNT { (m)-[:COAUTHOR]-() } AS degree
  RETURN collect(x {.node, .year, aa: CASE WHEN degree > 1 THEN 1.0 / log(degree) ELSE 0.0 END}) AS mine
}
CALL (me) {
  // Every co-author, to exclude them: one pass over my own edges, then a set test per candidate.
  MATCH (me)-[:COAUTHOR]-(o)
  RETURN collect(o) AS coauthors
}
CALL (me) {
  MATCH (me)-[s:WORKS_ON]->(t)
  WITH t, s LIMIT $scan_limit
  WITH collect({node: t, weight: s.weight}) AS sample
  UNWIND sample AS y
  WITH y ORDER BY y.weight DESC, y.node.id LIMIT $topic_limit
  RETURN collect(y {.node, .weight, idf: 1.0 / log(2 + coalesce(y.node.worksCount, 0))}) AS my_topics
}
CALL (me) {
  MATCH (me)-[:AUTHORED]->(w:Work)
  WHERE NOT coalesce(w.stub, false) AND NOT w.id IN coalesce(me.hiddenWorkIds, [])
  WITH w LIMIT $scan_limit
  WITH collect(w) AS sample
  UNWIND sample AS w
  WITH w ORDER BY w.sortDate DESC, w.id LIMIT $work_limit
  RETURN collect(w) AS my_works
}
CALL (me, home, mine, my_topics, my_works, coauthors) {
  // Phase 1: gather candidates from every signal with capped fan-out, keep the best shortlist by a prior score.
  CALL (me, home, mine, my_topics, my_works, coauthors) {
    CALL (me, home, mine, my_topics, my_works, coauthors) {
      UNWIND mine AS x
      WITH x, x.node AS m
      CALL (m) {
        MATCH (m)-[k:COAUTHOR]-(c)
        WITH c, k LIMIT $scan_limit
        WITH collect({c: c, shared: k.sharedWorks}) AS sample
        UNWIND sample AS z
        RETURN z.c AS c ORDER BY z.shared DESC, z.c.id LIMIT $fanout_limit
      }
      RETURN c, $w_mutual * x.aa AS prior, null AS citing, null AS cited
      UNION ALL
      UNWIND my_topics AS y
      WITH y, y.node AS t
      CALL (t) {
        MATCH (t)<-[s:WORKS_ON]-(c)
        WITH c, s LIMIT $scan_limit
        WITH collect({c: c, weight: s.weight}) AS sample
        UNWIND sample AS z
        RETURN z.c AS c, z.weight AS weight ORDER BY z.weight DESC, z.c.id LIMIT $fanout_limit
      }
      RETURN c, $w_topic * y.idf * log(1 + CASE WHEN weight < y.weight THEN weight ELSE y.weight END) AS prior,
             null AS citing, null AS cited
      UNION ALL
      WITH home WHERE home IS NOT NULL
      CALL (home) {
        MATCH (home)<-[a:AFFILIATED_WITH]-(c)
        WITH c, a LIMIT $scan_limit
        WITH collect({c: c, year: a.lastYear}) AS sample
        UNWIND sample AS z
        RETURN z.c AS c ORDER BY z.year DESC, z.c.id LIMIT $fanout_limit
      }
      RETURN c, $w_institution AS prior, null AS citing, null AS cited
      UNION ALL
      UNWIND my_works AS mw
      CALL (mw) {
        MATCH (cw:Work)-[:CITES]->(mw) WHERE NOT coalesce(cw.stub, false)
        WITH cw LIMIT $scan_limit
        WITH collect(cw) AS sample
        UNWIND sample AS cw
        RETURN cw ORDER BY cw.sortDate DESC, cw.id LIMIT $citation_limit
      }
      CALL (cw) {
        MATCH (c:Researcher)-[a:AUTHORED]->(cw)
        WITH c, a LIMIT $scan_limit
        WITH collect({c: c, position: a.position}) AS sample
        UNWIND sample AS z
        RETURN z.c AS c ORDER BY z.position, z.c.id LIMIT $author_limit
      }
      RETURN c, $w_cites_you AS prior,
             cw { .id, .title, .type, .year, .publicationDate, .doi, .arxivId, .citedByCount, .authorNames } AS citing,
             null AS cited
      UNION ALL
      UNWIND my_works AS mw
      CALL (mw) {
        MATCH (mw)-[:CITES]->(cw:Work) WHERE NOT coalesce(cw.stub, false)
        WITH cw LIMIT $scan_limit
        WITH collect(cw) AS sample
        UNWIND sample AS cw
        RETURN cw ORDER BY cw.sortDate DESC, cw.id LIMIT $citation_limit
      }
      CALL (cw) {
        MATCH (c:Researcher)-[a:AUTHORED]->(cw)
        WITH c, a LIMIT $scan_limit
        WITH collect({c: c, position: a.position}) AS sample
        UNWIND sample AS z
        RETURN z.c AS c ORDER BY z.position, z.c.id LIMIT $author_limit
      }
      RETURN c, $w_cited_by_you AS prior, null AS citing,
             cw { .id, .title, .type, .year, .publicationDate, .doi, .arxivId, .citedByCount, .authorNames } AS cited
    }
    // Newest works first in the reasons' `via` lists (collect keeps this order).
    WITH me, c, prior, citing, cited ORDER BY citing.year DESC, citing.id, cited.year DESC, cited.id
    WITH me, c, sum(prior) AS prior, collect(DISTINCT citing) AS citing, collect(DISTINCT cited) AS cited
    WHERE c <> me AND NOT c IN coauthors
      AND ($open_to_collaborate IS NULL OR coalesce(c.openToCollaborate, false) = $open_to_collaborate)
      AND ($topic_id IS NULL OR EXISTS { (c)-[:WORKS_ON]->(:Topic {id: $topic_id}) })
      AND ($institution_id IS NULL OR EXISTS { (c)-[:AFFILIATED_WITH]->(:Institution {id: $institution_id}) })
    WITH c, citing, cited ORDER BY prior DESC, c.id LIMIT $candidate_limit
    RETURN c, citing, cited
  }
  // Phase 2: score each shortlisted candidate exactly against the (capped) own co-authors and topics, walking the
  // candidate's own edges (capped) and matching them against the short lists, not probing hub adjacency lists.
  WITH c, citing, cited,
    COLLECT {
      MATCH (c)-[k:COAUTHOR]-(m)
      WITH m, k LIMIT $scan_limit
      UNWIND [x IN mine WHERE x.node = m] AS x
      WITH m, x.aa AS aa, coalesce(CASE WHEN k.lastYear < x.year THEN k.lastYear ELSE x.year END, $ref_year) AS oldest
      WITH m, aa * 0.5 ^ ((CASE WHEN oldest < $ref_year THEN $ref_year - oldest ELSE 0 END) / toFloat($half_life))
        AS contribution
      RETURN {node: m, contribution: contribution} ORDER BY contribution DESC, m.id
    } AS mutual,
    COLLECT {
      MATCH (c)-[s:WORKS_ON]->(t)
      WITH t, s LIMIT $scan_limit
      UNWIND [y IN my_topics WHERE y.node = t] AS y
      WITH t, y.idf * log(1 + CASE WHEN s.weight < y.weight THEN s.weight ELSE y.weight END) AS contribution
      RETURN {node: t, contribution: contribution} ORDER BY contribution DESC, t.id
    } AS topics,
    CASE WHEN home IS NOT NULL AND EXISTS { MATCH (c)-[:AFFILIATED_WITH]->(i:Institution) WHERE i = home }
      THEN home { .id, .name, .ror, .countryCode, .type } END AS institution
  WITH c, citing, cited, mutual, topics, institution,
    $w_mutual * reduce(total = 0.0, m IN mutual | total + m.contribution) AS mutual_score,
    $w_topic * reduce(total = 0.0, t IN topics | total + t.contribution) AS topic_score,
    CASE WHEN institution IS NULL THEN 0.0 ELSE toFloat($w_institution) END AS institution_score,
    $w_cites_you * log(1 + size(citing)) AS cites_you_score,
    $w_cited_by_you * log(1 + size(cited)) AS cited_by_you_score
  WITH *, round(mutual_score + topic_score + institution_score + cites_you_score + cited_by_you_score, 9) AS score
  WHERE score > 0
  ORDER BY score DESC, c.id
  RETURN collect({
    researcher: c { .id, .name, .orcid, .summary, .openToCollaborate },
    score: score,
    mutual: [x IN mutual[..$via_limit] | {id: x.node.id, name: x.node.name, orcid: x.node.orcid,
                                          summary: x.node.summary, openToCollaborate: x.node.openToCollaborate}],
    mutualCount: size(mutual), mutualScore: mutual_score,
    topics: [x IN topics[..$via_limit] | {id: x.node.id, name: x.node.name, worksCount: x.node.worksCount}],
    topicCount: size(topics), topicScore: topic_score,
    institution: institution, institutionScore: institution_score,
    citing: citing[..$via_limit], citingCount: size(citing), citesYouScore: cites_you_score,
    cited: cited[..$via_limit], citedCount: size(cited), citedByYouScore: cited_by_you_score
  }) AS ranked
}
RETURN size(ranked) AS total_count, ranked[$offset..($offset + $first + 1)] AS page
