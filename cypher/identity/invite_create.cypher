// A signed-in user with a verified e-mail invites a claimed researcher who is open to collaborate. No row when the
// sender is the owner, is blocked by the owner, already has a pending invitation to the researcher, or is in the
// cooling-off period: 30 days after the owner answered (accepted or declined) the sender's last invitation.
// $token_hash: session token digest; $researcher_id; $invite_id: new id; $message: the text.
// Exactly once: the sender's User node is locked before the check for a pending invitation, so of two identical
// requests the second sees the first's invitation and sends nothing (the resolver answers CONFLICT).
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime() AND u.emailVerified
SET u._lock = true REMOVE u._lock  // lock the user first: their concurrent identical requests run one after another
WITH u
MATCH (:Ownership {researcherId: $researcher_id})-[:HELD_BY]->(owner:User)
WHERE owner <> u AND NOT EXISTS { (owner)-[:BLOCKS]->(u) }
MATCH (r:Researcher {id: $researcher_id})
WHERE r.openToCollaborate = true
  AND NOT EXISTS { (u)-[:SENT]->(:Invitation {status: 'PENDING'})-[:TO]->(r) }
  AND NOT EXISTS { (u)-[:SENT]->(a:Invitation)-[:TO]->(r) WHERE a.respondedAt > datetime() - duration({days: 30})
                   AND a.declinedBy IS NULL }
CREATE (u)-[:SENT]->(i:Invitation {id: $invite_id, status: 'PENDING', message: $message, createdAt: datetime()})
       -[:TO]->(r)
RETURN i {
  .id, .status, .message, createdAt: i.createdAt, respondedAt: i.respondedAt,
  sender: u { .id, .displayName },
  researcher: r { .id, .name, .orcid, .summary, .openToCollaborate }
} AS invitation
