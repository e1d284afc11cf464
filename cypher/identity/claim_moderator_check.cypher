// Whether the session belongs to a moderator (one row, true or false); distinguishes an empty queue from a refusal.
// $token_hash: session token digest.
OPTIONAL MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(m:User)
WHERE s.expiresAt > datetime()
RETURN m IS NOT NULL AS signed_in, 'moderator' IN coalesce(m.roles, []) AS moderator
