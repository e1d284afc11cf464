// The owner of the invited researcher accepts or declines a pending invitation; no row otherwise.
// $token_hash: session token digest; $invite_id; $status: ACCEPTED | DECLINED.
// The sender's e-mail is returned once accepted, so the two can talk.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime()
MATCH (sender:User)-[:SENT]->(i:Invitation {id: $invite_id, status: 'PENDING'})-[:TO]->(r:Researcher)
WHERE EXISTS { (:Ownership {researcherId: r.id})-[:HELD_BY]->(u) }
SET i.status = $status, i.respondedAt = datetime()
RETURN i {
  .id, .status, .message, createdAt: i.createdAt, respondedAt: i.respondedAt,
  sender: sender { .id, .displayName, email: CASE WHEN i.status = 'ACCEPTED' THEN sender.email END },
  researcher: r { .id, .name, .orcid, .summary, .openToCollaborate }
} AS invitation
