// verifyEmail finds the user by the digest of the token it was sent.
CREATE INDEX user_verify_token_index IF NOT EXISTS FOR (n:User) ON (n.verifyTokenHash)
