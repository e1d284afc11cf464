// The password hash of the user behind a live session (for changePassword), or no row.
// $token_hash: SHA-256 hex digest of the bearer token.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime()
RETURN u { .id, .passwordHash } AS user
