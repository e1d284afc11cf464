// Sessions are found by the SHA-256 digest of their bearer token.
CREATE CONSTRAINT session_token_hash_unique IF NOT EXISTS FOR (n:Session) REQUIRE n.tokenHash IS UNIQUE
