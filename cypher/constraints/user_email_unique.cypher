// One account per e-mail address (stored in lower case); registration relies on it, not on a prior check.
CREATE CONSTRAINT user_email_unique IF NOT EXISTS FOR (n:User) REQUIRE n.email IS UNIQUE
