// The moderation queue: claims in the given states, oldest first; no rows unless the session is a moderator's.
// $token_hash: session token digest; $statuses: claim states to list; $limit: maximum rows.
// Each claim carries the moderators' decisions so far and the other claims on the same record (newest 20).
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(m:User)
WHERE s.expiresAt > datetime() AND 'moderator' IN m.roles
MATCH (claimant:User)-[:FILED]->(c:Claim)-[:CLAIMS]->(r:Researcher)
WHERE c.status IN $statuses
WITH claimant, c, r ORDER BY c.createdAt, c.id LIMIT $limit
RETURN c {
  .id, .status, .method, .reasons, .orcid, .evidenceUrl, .note, .moderatorNote, .earlierEvidence,
  createdAt: c.createdAt, decidedAt: c.decidedAt,
  decisions: COLLECT {
    MATCH (:User)-[d:REVIEWED]->(c)
    WITH d ORDER BY d.at
    RETURN d { .decision, .reason, .at }
  },
  researcher: r { .id, .name, .orcid, .summary, .openToCollaborate },
  claimant: claimant { .id, .displayName, .email, .emailVerified, .roles },
  others: COLLECT {
    MATCH (who:User)-[:FILED]->(o:Claim)-[:CLAIMS]->(r)
    WHERE o <> c
    WITH who, o ORDER BY o.createdAt DESC LIMIT 20
    RETURN o { .id, .status, createdAt: o.createdAt, claimantName: who.displayName }
  }
} AS claim
