// Collaborator suggestions read from the candidates stored on the researcher (docs/discovery-model.md, "Stored
// candidates"); no row when the id is unknown, `stored` false when nothing is stored yet (the resolver then runs
// suggestions_collaborators). The stored ranking is unfiltered; the live filters apply here, at read time:
// not me, not anyone who is my co-author now, $open_to_collaborate, $topic_id, $institution_id, and candidates or
// `via` nodes deleted since are skipped. Names and other display fields are read now, not stored.
// $researcher_id, $offset, $first ($first + 1 rows returned to tell hasNextPage), filters as in
// suggestions_collaborators. Stored: suggestIds (ranked), suggestScores, and per candidate suggestFacts, fields
// split by '|': mutual score, count, ids; topic score, count, ids; institution score, id; cites-you score, count,
// work ids; cited-by-you score, count, work ids (ids split by ' ').
MATCH (me:Researcher {id: $researcher_id})
WITH me, me.suggestIds AS ids, me.suggestScores AS scores, me.suggestFacts AS facts
CALL (me, ids) {
  UNWIND range(0, coalesce(size(ids), 0) - 1) AS i
  MATCH (c:Researcher {id: ids[i]})
  WHERE c <> me AND NOT EXISTS { (me)-[:COAUTHOR]-(c) }
    AND ($open_to_collaborate IS NULL OR coalesce(c.openToCollaborate, false) = $open_to_collaborate)
    AND ($topic_id IS NULL OR EXISTS { (c)-[:WORKS_ON]->(:Topic {id: $topic_id}) })
    AND ($institution_id IS NULL OR EXISTS { (c)-[:AFFILIATED_WITH]->(:Institution {id: $institution_id}) })
  WITH i, c ORDER BY i
  RETURN collect({i: i, c: c}) AS kept
}
CALL (kept, scores, facts) {
  UNWIND kept[$offset..($offset + $first + 1)] AS k
  WITH k.i AS i, k.c AS c, split(facts[k.i], '|') AS f
  WITH i, c, f, [x IN split(f[2], ' ') WHERE x <> ''] AS mutual_ids, [x IN split(f[5], ' ') WHERE x <> ''] AS topic_ids,
       [x IN split(f[10], ' ') WHERE x <> ''] AS citing_ids, [x IN split(f[13], ' ') WHERE x <> ''] AS cited_ids
  RETURN collect({
    researcher: c { .id, .name, .orcid, .summary, .openToCollaborate },
    score: scores[i],
    mutual: COLLECT {
      UNWIND range(0, size(mutual_ids) - 1) AS j
      MATCH (m:Researcher {id: mutual_ids[j]})
      RETURN m { .id, .name, .orcid, .summary, .openToCollaborate } ORDER BY j
    },
    mutualCount: toInteger(f[1]), mutualScore: toFloat(f[0]),
    topics: COLLECT {
      UNWIND range(0, size(topic_ids) - 1) AS j
      MATCH (t:Topic {id: topic_ids[j]})
      RETURN t { .id, .name, .worksCount } ORDER BY j
    },
    topicCount: toInteger(f[4]), topicScore: toFloat(f[3]),
    institution: CASE WHEN f[7] <> '' THEN COLLECT {
      MATCH (p:Institution {id: f[7]}) RETURN p { .id, .name, .ror, .countryCode, .type }
    }[0] END,
    institutionScore: toFloat(f[6]),
    citing: COLLECT {
      UNWIND range(0, size(citing_ids) - 1) AS j
      MATCH (w:Work {id: citing_ids[j]})
      RETURN w { .id, .title, .type, .year, .publicationDate, .doi, .arxivId, .citedByCount, .authorNames } ORDER BY j
    },
    citingCount: toInteger(f[9]), citesYouScore: toFloat(f[8]),
    cited: COLLECT {
      UNWIND range(0, size(cited_ids) - 1) AS j
      MATCH (w:Work {id: cited_ids[j]})
      RETURN w { .id, .title, .type, .year, .publicationDate, .doi, .arxivId, .citedByCount, .authorNames } ORDER BY j
    },
    citedCount: toInteger(f[12]), citedByYouScore: toFloat(f[11])
  }) AS page
}
RETURN ids IS NOT NULL AS stored, size(kept) AS total_count, page
