// Invitations to the researchers the signed-in user owns, newest first; no rows unless $user_id is the session's.
// $token_hash: session token digest; $user_id; $statuses: states to list; $limit: maximum rows.
// The sender's e-mail is shown only on accepted invitations.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User {id: $user_id})
WHERE s.expiresAt > datetime()
MATCH (o:Ownership)-[:HELD_BY]->(u)
MATCH (sender:User)-[:SENT]->(i:Invitation)-[:TO]->(r:Researcher {id: o.researcherId})
WHERE i.status IN $statuses
WITH sender, i, r ORDER BY i.createdAt DESC, i.id LIMIT $limit
RETURN i {
  .id, .status, .message, createdAt: i.createdAt, respondedAt: i.respondedAt,
  sender: sender { .id, .displayName, email: CASE WHEN i.status = 'ACCEPTED' THEN sender.email END },
  researcher: r { .id, .name, .orcid, .summary, .openToCollaborate }
} AS invitation
