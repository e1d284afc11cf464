// The audit trail of owner edits (newest first) and the hidden work ids, one row per researcher the session's
// user owns or, for a moderator, per existing researcher; no row where the viewer may not see them.
// $token_hash: session token digest; $ids: researcher ids; $limit: maximum entries per researcher.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime()
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
WHERE 'moderator' IN u.roles OR EXISTS { (:Ownership {researcherId: id})-[:HELD_BY]->(u) }
RETURN id, {
  hiddenWorkIds: coalesce(r.hiddenWorkIds, []),
  entries: COLLECT {
    MATCH (who:User)-[:MADE]->(a:AuditEntry)-[:ON]->(r)
    WITH who, a ORDER BY a.at DESC, a.field LIMIT $limit
    RETURN a { .field, .old, .new, .at, by: who { .id, .displayName } }
  }
} AS audit
