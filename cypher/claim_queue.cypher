// The moderation queue: claims in the given states, oldest first; no rows unless the session is a moderator's.
// $token_hash: session token digest; $statuses: claim states to list; $limit: maximum rows.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(m:User)
WHERE s.expiresAt > datetime() AND 'moderator' IN m.roles
MATCH (claimant:User)-[:FILED]->(c:Claim)-[:CLAIMS]->(r:Researcher)
WHERE c.status IN $statuses
WITH claimant, c, r ORDER BY c.createdAt, c.id LIMIT $limit
RETURN c {
  .id, .status, .method, .reasons, .orcid, .evidenceUrl, .note, .moderatorNote,
  createdAt: c.createdAt, decidedAt: c.decidedAt,
  researcher: r { .id, .name, .orcid, .summary, .openToCollaborate },
  claimant: claimant { .id, .displayName, .email, .emailVerified, .roles }
} AS claim
