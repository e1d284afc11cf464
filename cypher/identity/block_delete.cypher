// The signed-in user lifts a block (idempotent); no row for an unknown user.
// $token_hash: session token digest; $user_id: the blocked user.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime()
MATCH (t:User {id: $user_id})
OPTIONAL MATCH (u)-[b:BLOCKS]->(t)
DELETE b
RETURN t { .id, .displayName } AS user
