// Log out: delete the live session behind the token; no row when there is none.
// $token_hash: digest of the bearer token.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(:User)
WHERE s.expiresAt > datetime()
DETACH DELETE s
RETURN true AS done
