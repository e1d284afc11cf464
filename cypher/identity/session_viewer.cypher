// The signed-in user behind a live session, or no row.
// $token_hash: SHA-256 hex digest of the bearer token ("" when anonymous: matches nothing).
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime()
RETURN u { .id, .email, .displayName, .emailVerified, .roles } AS user
