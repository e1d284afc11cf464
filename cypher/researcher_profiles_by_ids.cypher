// Everything a researcher profile shows, one row per requested id that exists (absent ids: no row).
// $ids: researcher ids. $topic_limit: topics to return, strongest first. $collaborator_limit: close
// collaborators to rank (most shared works first). Counts come from COUNT {} (degree look-ups), never from lists.
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
OPTIONAL CALL (r) {
  MATCH (r)-[a:AFFILIATED_WITH]->(i:Institution)
  RETURN i ORDER BY a.lastYear DESC, i.id LIMIT 1
}
RETURN id, r {
  .id, .name, .orcid, .summary, .openToCollaborate,
  affiliation: i { .id, .name, .ror, .countryCode, .type },
  worksCount: COUNT { (r)-[:AUTHORED]->(w:Work) WHERE NOT w.id IN coalesce(r.hiddenWorkIds, []) },
  followersCount: COUNT { (:User)-[:FOLLOWS]->(r) },
  topicsCount: COUNT { (r)-[:WORKS_ON]->(:Topic) },
  collaboratorsCount: COUNT { (r)-[:COAUTHOR]-(:Researcher) },
  claimStates: COLLECT { MATCH (c:Claim)-[:CLAIMS]->(r) RETURN c.status },
  approvedMethods: COLLECT { MATCH (c:Claim {status: 'APPROVED'})-[:CLAIMS]->(r) RETURN c.method },
  topics: COLLECT {
    MATCH (r)-[s:WORKS_ON]->(t:Topic)
    WITH t, s ORDER BY s.weight DESC, t.id LIMIT $topic_limit
    RETURN t { .id, .name, .worksCount, weight: s.weight, works: s.works }
  },
  collaborators: COLLECT {
    MATCH (r)-[c:COAUTHOR]-(o:Researcher)
    WITH o, c ORDER BY c.sharedWorks DESC, c.lastYear DESC, o.id LIMIT $collaborator_limit
    RETURN o { .id, .name, .orcid, .summary, .openToCollaborate, sharedWorks: c.sharedWorks }
  }
} AS researcher
