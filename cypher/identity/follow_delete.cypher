// The signed-in user stops following a researcher (idempotent); no row when the session is not live or the id
// unknown. $token_hash: session token digest; $researcher_id.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime()
MATCH (r:Researcher {id: $researcher_id})
OPTIONAL MATCH (u)-[f:FOLLOWS]->(r)
DELETE f
RETURN r { .id, .name, .orcid, .summary, .openToCollaborate } AS researcher
