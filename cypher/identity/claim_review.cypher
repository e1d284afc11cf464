// A moderator decides a claim filed by someone else: APPROVE (method MODERATOR; creates the Ownership, which
// fails with ConstraintError when the record is owned already), REJECT (also revokes an approved claim and its
// Ownership) or NEEDS_EVIDENCE. No row unless the session is a moderator's and the claim may take the decision.
// $token_hash: session token digest; $claim_id; $decision: APPROVE | REJECT | NEEDS_EVIDENCE;
// $reason: the moderator's note (nullable).
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(m:User)
WHERE s.expiresAt > datetime() AND 'moderator' IN m.roles
MATCH (claimant:User)-[:FILED]->(c:Claim {id: $claim_id})-[:CLAIMS]->(r:Researcher)
WHERE claimant <> m
  AND (c.status IN ['PENDING', 'NEEDS_EVIDENCE'] OR (c.status = 'APPROVED' AND $decision = 'REJECT'))
WITH m, claimant, c, r, c.status AS before
SET c.status = CASE $decision WHEN 'APPROVE' THEN 'APPROVED' WHEN 'REJECT' THEN 'REJECTED'
                              ELSE 'NEEDS_EVIDENCE' END,
    c.method = CASE WHEN $decision = 'APPROVE' THEN 'MODERATOR' ELSE c.method END,
    c.reasons = CASE WHEN $decision = 'REJECT' THEN [x IN c.reasons WHERE x <> 'REJECTED_BY_MODERATOR']
                     + 'REJECTED_BY_MODERATOR' ELSE c.reasons END,
    c.moderatorNote = $reason,
    c.decidedAt = datetime()
CREATE (m)-[:REVIEWED {decision: $decision, reason: $reason, at: datetime()}]->(c)
WITH m, claimant, c, r, before
CALL (claimant, c, r) {
  WITH * WHERE $decision = 'APPROVE'
  CREATE (o:Ownership {researcherId: r.id, since: datetime()})-[:HELD_BY]->(claimant)
  CREATE (o)-[:GRANTED_BY]->(c)
}
CALL (c, r, before) {
  WITH * WHERE $decision = 'REJECT' AND before = 'APPROVED'
  MATCH (o:Ownership {researcherId: r.id})-[:GRANTED_BY]->(c)
  DETACH DELETE o
}
RETURN c {
  .id, .status, .method, .reasons, .orcid, .evidenceUrl, .note, .moderatorNote, .earlierEvidence,
  createdAt: c.createdAt, decidedAt: c.decidedAt,
  decisions: COLLECT {
    MATCH (:User)-[d:REVIEWED]->(c)
    WITH d ORDER BY d.at
    RETURN d { .decision, .reason, .at }
  },
  researcher: r { .id, .name, .orcid, .summary, .openToCollaborate },
  claimant: claimant { .id, .displayName, .email, .emailVerified, .roles }
} AS claim
