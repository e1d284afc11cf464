// One page of the researchers a user follows, most recently followed first, for that user's own session only.
// $token_hash: session token digest; $user_id: must be the session's user (else no row);
// $first: page size + 1 (to tell whether another page follows); $after_since / $after_id: keyset position of
// the previous page's last row (ISO date-time string and researcher id), both null for the first page.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User {id: $user_id})
WHERE s.expiresAt > datetime()
RETURN COUNT { (u)-[:FOLLOWS]->(:Researcher) } AS total_count,
  COLLECT {
    MATCH (u)-[f:FOLLOWS]->(r:Researcher)
    WHERE $after_since IS NULL OR f.since < datetime($after_since)
       OR (f.since = datetime($after_since) AND r.id > $after_id)
    WITH f, r ORDER BY f.since DESC, r.id LIMIT $first
    RETURN r { .id, .name, .orcid, .summary, .openToCollaborate, followedAt: f.since, cursorSince: toString(f.since) }
  } AS researchers
