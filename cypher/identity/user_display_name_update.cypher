// The signed-in user changes their display name; no row when the session is not live.
// $token_hash: session token digest; $display_name: the new name (trimmed, 1-100 characters).
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime()
SET u.displayName = $display_name
RETURN u { .id, .email, .displayName, .emailVerified, .roles } AS user
