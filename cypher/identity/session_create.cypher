// Open a session for a user whose password was just verified; expired sessions of the user are removed.
// $user_id; $password_hash: the hash that was verified (no row if the password changed meanwhile);
// $token_hash: digest of the new token; $hours: lifetime.
MATCH (u:User {id: $user_id})
WHERE u.passwordHash = $password_hash
CALL (u) {
  MATCH (old:Session)-[:OF]->(u)
  WHERE old.expiresAt <= datetime()
  DETACH DELETE old
}
CREATE (s:Session {tokenHash: $token_hash, createdAt: datetime(), expiresAt: datetime() + duration({hours: $hours})})
       -[:OF]->(u)
RETURN s { .expiresAt } AS session, u { .id, .email, .displayName, .emailVerified, .roles } AS user
