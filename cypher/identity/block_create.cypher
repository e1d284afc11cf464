// The signed-in user blocks another user (idempotent): no further invitations from them to the blocker's records,
// and their pending ones are declined (marked declinedBy BLOCK: the invitation cooling-off does not count them,
// so lifting the block lifts everything). No row for an unknown user or oneself.
// $token_hash: session token digest; $user_id: the user to block.
// Exactly once: the user's node is locked before the MERGE, so identical concurrent requests leave one BLOCKS.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime()
SET u._lock = true REMOVE u._lock  // lock the user first: their concurrent identical requests run one after another
WITH u
MATCH (t:User {id: $user_id})
WHERE t <> u
MERGE (u)-[b:BLOCKS]->(t)
  ON CREATE SET b.since = datetime()
WITH u, t
CALL (u, t) {
  MATCH (t)-[:SENT]->(i:Invitation {status: 'PENDING'})-[:TO]->(r:Researcher)
  WHERE EXISTS { (:Ownership {researcherId: r.id})-[:HELD_BY]->(u) }
  SET i.status = 'DECLINED', i.respondedAt = datetime(), i.declinedBy = 'BLOCK'
}
RETURN t { .id, .displayName } AS user
