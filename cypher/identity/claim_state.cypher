// Why a claim decision was refused: the claim's state and claimant, and who the session's user is.
// $token_hash: session token digest; $claim_id.
OPTIONAL MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(m:User)
WHERE s.expiresAt > datetime()
OPTIONAL MATCH (claimant:User)-[:FILED]->(c:Claim {id: $claim_id})
RETURN m IS NOT NULL AS signed_in, 'moderator' IN coalesce(m.roles, []) AS moderator,
       c.status AS status, claimant IS NOT NULL AND claimant = m AS own
