// Sign out everywhere: delete every session of the user behind a live session (this one included); no row when
// the session is not live. $token_hash: session token digest.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime()
CALL (u) {
  MATCH (old:Session)-[:OF]->(u)
  DETACH DELETE old
}
RETURN count(*) AS done
