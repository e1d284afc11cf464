// What the viewer may do on each researcher, one row per existing id: follow state, ownership, the viewer's own
// open claim, invitation state. $ids: researcher ids; $token_hash: session token digest ("" when anonymous).
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
OPTIONAL MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
  WHERE s.expiresAt > datetime()
OPTIONAL MATCH (:Ownership {researcherId: id})-[:HELD_BY]->(owner:User)
RETURN id, {
  viewerId: u.id,
  viewerVerified: coalesce(u.emailVerified, false),
  viewerModerator: 'moderator' IN coalesce(u.roles, []),
  following: u IS NOT NULL AND EXISTS { (u)-[:FOLLOWS]->(r) },
  ownerId: owner.id,
  openToCollaborate: coalesce(r.openToCollaborate, false),
  viewerClaimStatus: CASE WHEN u IS NULL THEN null ELSE COLLECT {
    MATCH (u)-[:FILED]->(c:Claim)-[:CLAIMS]->(r)
    WHERE c.status IN ['PENDING', 'NEEDS_EVIDENCE', 'APPROVED']
    RETURN c.status ORDER BY c.createdAt DESC LIMIT 1
  }[0] END,
  blocked: u IS NOT NULL AND owner IS NOT NULL AND EXISTS { (owner)-[:BLOCKS]->(u) },
  invitePending: u IS NOT NULL AND EXISTS { (u)-[:SENT]->(:Invitation {status: 'PENDING'})-[:TO]->(r) },
  inviteCoolingUntil: CASE WHEN u IS NULL THEN null ELSE COLLECT {
    MATCH (u)-[:SENT]->(a:Invitation)-[:TO]->(r)
    WHERE a.respondedAt > datetime() - duration({days: 30}) AND a.declinedBy IS NULL
    RETURN a.respondedAt + duration({days: 30}) AS until ORDER BY until DESC LIMIT 1
  }[0] END
} AS state
