// The claimant answers a moderator's NEEDS_EVIDENCE with new evidence: the claim goes back to PENDING.
// No row unless the signed-in user has a NEEDS_EVIDENCE claim on the researcher.
// $token_hash: session token digest; $researcher_id; $orcid, $evidence_url, $note: the new evidence (nullable).
// Earlier evidence is kept: a field left empty keeps its value, and a replaced value moves to earlierEvidence.
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime() AND u.emailVerified
MATCH (u)-[:FILED]->(c:Claim {status: 'NEEDS_EVIDENCE'})-[:CLAIMS]->(r:Researcher {id: $researcher_id})
WITH u, c, r, [x IN [
    CASE WHEN $orcid IS NOT NULL AND c.orcid IS NOT NULL AND c.orcid <> $orcid THEN 'ORCID iD: ' + c.orcid END,
    CASE WHEN $evidence_url IS NOT NULL AND c.evidenceUrl IS NOT NULL AND c.evidenceUrl <> $evidence_url
         THEN 'Link: ' + c.evidenceUrl END,
    CASE WHEN $note IS NOT NULL AND c.note IS NOT NULL AND c.note <> $note THEN 'Note: ' + c.note END
  ] WHERE x IS NOT NULL] AS replaced
WITH u, c, r, replaced, coalesce($orcid, c.orcid) AS orcid, coalesce($evidence_url, c.evidenceUrl) AS url,
     coalesce($note, c.note) AS note
SET c.status = 'PENDING', c.orcid = orcid, c.evidenceUrl = url, c.note = note,
    c.earlierEvidence = coalesce(c.earlierEvidence, []) + replaced,
    c.resubmittedAt = datetime(),
    c.reasons = [x IN c.reasons WHERE NOT x IN ['NO_EVIDENCE', 'ORCID_MISMATCH', 'ORCID_UNPROVEN']]
      + CASE WHEN orcid IS NOT NULL AND orcid <> coalesce(r.orcid, '') THEN ['ORCID_MISMATCH']
             WHEN orcid IS NOT NULL THEN ['ORCID_UNPROVEN'] ELSE [] END
      + CASE WHEN orcid IS NULL AND url IS NULL AND note IS NULL THEN ['NO_EVIDENCE'] ELSE [] END
RETURN c {
  .id, .status, .method, .reasons, .orcid, .evidenceUrl, .note, .moderatorNote, .earlierEvidence,
  createdAt: c.createdAt, decidedAt: c.decidedAt,
  decisions: COLLECT {
    MATCH (:User)-[d:REVIEWED]->(c)
    WITH d ORDER BY d.at
    RETURN d { .decision, .reason, .at }
  },
  researcher: r { .id, .name, .orcid, .summary, .openToCollaborate },
  claimant: u { .id, .displayName, .email, .emailVerified, .roles }
} AS claim
