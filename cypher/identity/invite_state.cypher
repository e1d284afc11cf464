// Why an answer to an invitation was refused: whether it exists, its state, and whether the viewer owns its target.
// $token_hash: session token digest; $invite_id.
OPTIONAL MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime()
OPTIONAL MATCH (i:Invitation {id: $invite_id})-[:TO]->(r:Researcher)
RETURN u IS NOT NULL AS signed_in, i.status AS status,
       u IS NOT NULL AND r IS NOT NULL AND EXISTS { (:Ownership {researcherId: r.id})-[:HELD_BY]->(u) } AS owner
