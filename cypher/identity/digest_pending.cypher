// The e-mail digest: for every verified user who follows someone, the feed events after their last digest (or
// after following) up to $until, newest first, at most $limit per user; users without news give no row.
// $until: ISO date-time string (the digest run's start); $limit: maximum events per user.
MATCH (u:User)
WHERE u.emailVerified AND EXISTS { (u)-[:FOLLOWS]->(:Researcher) }
WITH u, coalesce(u.digestSentAt, datetime('1970-01-01T00:00:00Z')) AS after, datetime($until) AS until
WITH u, COLLECT {
  CALL (u) {
    MATCH (u)-[f:FOLLOWS]->(r:Researcher)
    MATCH (e:FeedEvent {researcherId: r.id})
    WHERE e.at >= f.since
    RETURN e.kind AS kind, e.at AS at, r, e.workId AS workId
    UNION ALL
    MATCH (u)-[f:FOLLOWS]->(r:Researcher)<-[:CLAIMS]-(c:Claim {status: 'APPROVED'})
    WHERE c.decidedAt >= f.since
    RETURN 'CLAIM_APPROVED' AS kind, c.decidedAt AS at, r, null AS workId
  }
  WITH kind, at, r, workId WHERE at > after AND at <= until
  ORDER BY at DESC LIMIT $limit
  OPTIONAL MATCH (w:Work {id: workId})
  RETURN {kind: kind, at: at, researcher: r { .id, .name }, work: w { .id, .title }}
} AS events
WHERE size(events) > 0
RETURN u { .id, .email, .displayName } AS user, events
