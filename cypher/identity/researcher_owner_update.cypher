// The owner edits the profile's summary and/or openToCollaborate; each changed field leaves an AuditEntry
// (who, field, old and new value, when). No row unless the session's user owns the record.
// $token_hash: session token digest; $researcher_id; $set_summary / $set_open: which fields the input carries;
// $summary (nullable: clears it); $open_to_collaborate (boolean, ignored unless $set_open).
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime()
MATCH (:Ownership {researcherId: $researcher_id})-[:HELD_BY]->(u)
MATCH (r:Researcher {id: $researcher_id})
WITH u, r, [change IN [
    {field: 'summary', old: r.summary, new: $summary, given: $set_summary},
    {field: 'openToCollaborate', old: coalesce(r.openToCollaborate, false), new: $open_to_collaborate,
     given: $set_open}
  ] WHERE change.given AND NOT coalesce(change.old = change.new, change.old IS NULL AND change.new IS NULL)]
  AS changes
SET r.summary = CASE WHEN $set_summary THEN $summary ELSE r.summary END,
    r.openToCollaborate = CASE WHEN $set_open THEN $open_to_collaborate ELSE r.openToCollaborate END
WITH u, r, changes
CALL (u, r, changes) {
  UNWIND changes AS change
  CREATE (u)-[:MADE]->(:AuditEntry {field: change.field, old: change.old, new: change.new, at: datetime()})
         -[:ON]->(r)
}
RETURN r { .id, .name, .orcid, .summary, .openToCollaborate } AS researcher
