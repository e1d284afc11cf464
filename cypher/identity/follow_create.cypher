// The signed-in user follows a researcher (idempotent); no row when the session is not live or the id unknown.
// $token_hash: session token digest; $researcher_id.
// Exactly once: the user's node is locked before the MERGE, so identical concurrent requests leave one FOLLOWS.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime()
SET u._lock = true REMOVE u._lock  // lock the user first: their concurrent identical requests run one after another
WITH u
MATCH (r:Researcher {id: $researcher_id})
MERGE (u)-[f:FOLLOWS]->(r)
  ON CREATE SET f.since = datetime()
RETURN r { .id, .name, .orcid, .summary, .openToCollaborate } AS researcher
