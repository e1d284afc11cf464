// Mark the e-mail verified for the holder of a live verification token (used once); no row otherwise.
// $token_hash: digest of the token from the mail.
MATCH (u:User {verifyTokenHash: $token_hash})
WHERE u.verifyExpiresAt > datetime()
SET u.emailVerified = true
REMOVE u.verifyTokenHash, u.verifyExpiresAt
RETURN u { .id, .email, .displayName, .emailVerified, .roles } AS user
