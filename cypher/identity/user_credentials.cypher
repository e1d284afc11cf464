// The id and password hash for a login attempt; no row for an unknown e-mail.
// $email: lower case.
MATCH (u:User {email: $email})
RETURN u { .id, .passwordHash } AS user
