// Issue a new verification token to the signed-in user whose e-mail is not verified yet; no row otherwise.
// $token_hash: session token digest; $verify_token_hash: digest of the new token; $verify_hours: lifetime.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime() AND NOT u.emailVerified
SET u.verifyTokenHash = $verify_token_hash, u.verifyExpiresAt = datetime() + duration({hours: $verify_hours})
RETURN u { .id, .email, .displayName, .emailVerified, .roles } AS user
