// The owner hides ($hidden true) or shows again one of the researcher's works; a change leaves an AuditEntry
// (field hiddenWorkIds, old and new lists). No row unless the session's user owns the record and the work is the
// researcher's. $token_hash: session token digest; $researcher_id; $work_id; $hidden: boolean.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime()
MATCH (:Ownership {researcherId: $researcher_id})-[:HELD_BY]->(u)
MATCH (r:Researcher {id: $researcher_id})-[:AUTHORED]->(w:Work {id: $work_id})
WITH DISTINCT u, r, coalesce(r.hiddenWorkIds, []) AS old
WITH u, r, old, CASE WHEN $hidden THEN [x IN old WHERE x <> $work_id] + $work_id
                     ELSE [x IN old WHERE x <> $work_id] END AS new
SET r.hiddenWorkIds = new
WITH u, r, old, new
CALL (u, r, old, new) {
  WITH * WHERE size(old) <> size(new)
  CREATE (u)-[:MADE]->(:AuditEntry {field: 'hiddenWorkIds', old: old, new: new, at: datetime()})-[:ON]->(r)
}
RETURN r { .id, .name, .orcid, .summary, .openToCollaborate, .hiddenWorkIds } AS researcher
