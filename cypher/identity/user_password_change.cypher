// Replace the password of the user behind a live session whose current hash was just verified; revoke every
// session of the user and open a fresh one. No row when the session is gone or the hash changed meanwhile.
// $token_hash: session token digest; $current_hash: the verified hash; $new_hash; $new_token_hash; $hours.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime() AND u.passwordHash = $current_hash
SET u.passwordHash = $new_hash, u.passwordChangedAt = datetime()
WITH DISTINCT u
CALL (u) {
  MATCH (old:Session)-[:OF]->(u)
  DETACH DELETE old
}
CREATE (n:Session {tokenHash: $new_token_hash, createdAt: datetime(), expiresAt: datetime() + duration({hours: $hours})})
       -[:OF]->(u)
RETURN n { .expiresAt } AS session, u { .id, .email, .displayName, .emailVerified, .roles } AS user
