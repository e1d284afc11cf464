// Grant ($granted true) or revoke a role of the user with this e-mail; no row for an unknown e-mail.
// $email: lower case; $role: from the allow-list in auth/commands.py; $granted: boolean.
MATCH (u:User {email: $email})
SET u.roles = CASE WHEN $granted
                   THEN [x IN coalesce(u.roles, []) WHERE x <> $role] + $role
                   ELSE [x IN coalesce(u.roles, []) WHERE x <> $role] END
RETURN u { .id, .email, .roles } AS user
