// The signed-in user's own claims, newest first; no rows unless $user_id is the session's user.
// $token_hash: session token digest; $user_id; $limit: maximum rows.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User {id: $user_id})
WHERE s.expiresAt > datetime()
MATCH (u)-[:FILED]->(c:Claim)-[:CLAIMS]->(r:Researcher)
WITH u, c, r ORDER BY c.createdAt DESC, c.id LIMIT $limit
RETURN c {
  .id, .status, .method, .reasons, .orcid, .evidenceUrl, .note, .moderatorNote, .earlierEvidence,
  createdAt: c.createdAt, decidedAt: c.decidedAt,
  decisions: COLLECT {
    MATCH (:User)-[d:REVIEWED]->(c)
    WITH d ORDER BY d.at
    RETURN d { .decision, .reason, .at }
  },
  researcher: r { .id, .name, .orcid, .summary, .openToCollaborate },
  claimant: u { .id, .displayName, .email, .emailVerified, .roles }
} AS claim
