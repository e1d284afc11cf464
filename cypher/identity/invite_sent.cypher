// Invitations the signed-in user sent, newest first; no rows unless $user_id is the session's user.
// $token_hash: session token digest; $user_id; $statuses: states to list; $limit: maximum rows.
// The owner's e-mail is shown to the sender only on accepted invitations.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User {id: $user_id})
WHERE s.expiresAt > datetime()
MATCH (u)-[:SENT]->(i:Invitation)-[:TO]->(r:Researcher)
WHERE i.status IN $statuses
WITH u, i, r ORDER BY i.createdAt DESC, i.id LIMIT $limit
RETURN i {
  .id, .status, .message, createdAt: i.createdAt, respondedAt: i.respondedAt,
  sender: u { .id, .displayName, .email },
  recipientEmail: CASE WHEN i.status = 'ACCEPTED' THEN
    COLLECT { MATCH (:Ownership {researcherId: r.id})-[:HELD_BY]->(o:User) RETURN o.email }[0] END,
  researcher: r { .id, .name, .orcid, .summary, .openToCollaborate }
} AS invitation
