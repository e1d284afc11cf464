// The viewer's feed: what happened to the researchers they follow since they followed them (and since $since,
// when given), newest first: NEW_WORK and NEW_CITATION events the importer recorded, and CLAIM_APPROVED from the
// claims themselves. No rows unless $user_id is the session's user.
// $token_hash: session token digest; $user_id; $since: ISO date-time string or null; $limit: maximum rows.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User {id: $user_id})
WHERE s.expiresAt > datetime()
CALL (u) {
  MATCH (u)-[f:FOLLOWS]->(r:Researcher)
  MATCH (e:FeedEvent {researcherId: r.id})
  WHERE e.at >= f.since
  RETURN e.kind AS kind, e.at AS at, r, e.workId AS workId, e.citingWorkId AS citingId
  UNION ALL
  MATCH (u)-[f:FOLLOWS]->(r:Researcher)<-[:CLAIMS]-(c:Claim {status: 'APPROVED'})
  WHERE c.decidedAt >= f.since
  RETURN 'CLAIM_APPROVED' AS kind, c.decidedAt AS at, r, null AS workId, null AS citingId
}
WITH kind, at, r, workId, citingId
WHERE $since IS NULL OR at > datetime($since)
ORDER BY at DESC, r.id, workId LIMIT $limit
OPTIONAL MATCH (w:Work {id: workId})
OPTIONAL MATCH (citing:Work {id: citingId})
RETURN {
  kind: kind, at: at,
  researcher: r { .id, .name, .orcid, .summary, .openToCollaborate },
  work: w { .id, .title, .year, .type },
  citingWork: citing { .id, .title, .year, .type }
} AS event
