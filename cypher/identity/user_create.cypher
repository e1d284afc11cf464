// Register a user, unverified, with a pending e-mail verification token. Raises ConstraintError for a taken e-mail.
// $id; $email (lower case); $display_name; $password_hash (Argon2id); $verify_token_hash; $verify_hours.
CREATE (u:User {
  id: $id, email: $email, displayName: $display_name, passwordHash: $password_hash,
  emailVerified: false, roles: [], createdAt: datetime(),
  verifyTokenHash: $verify_token_hash, verifyExpiresAt: datetime() + duration({hours: $verify_hours})
})
RETURN u { .id, .email, .displayName, .emailVerified, .roles } AS user
