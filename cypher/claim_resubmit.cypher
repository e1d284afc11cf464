// The claimant answers a moderator's NEEDS_EVIDENCE with new evidence: the claim goes back to PENDING.
// No row unless the signed-in user has a NEEDS_EVIDENCE claim on the researcher.
// $token_hash: session token digest; $researcher_id; $orcid, $evidence_url, $note: the new evidence (nullable).
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime() AND u.emailVerified
MATCH (u)-[:FILED]->(c:Claim {status: 'NEEDS_EVIDENCE'})-[:CLAIMS]->(r:Researcher {id: $researcher_id})
SET c.status = 'PENDING', c.orcid = $orcid, c.evidenceUrl = $evidence_url, c.note = $note,
    c.resubmittedAt = datetime(),
    c.reasons = [x IN c.reasons WHERE NOT x IN ['NO_EVIDENCE', 'ORCID_MISMATCH', 'ORCID_UNPROVEN']]
      + CASE WHEN $orcid IS NOT NULL AND $orcid <> coalesce(r.orcid, '') THEN ['ORCID_MISMATCH']
             WHEN $orcid IS NOT NULL THEN ['ORCID_UNPROVEN'] ELSE [] END
      + CASE WHEN $orcid IS NULL AND $evidence_url IS NULL AND $note IS NULL THEN ['NO_EVIDENCE'] ELSE [] END
RETURN c {
  .id, .status, .method, .reasons, .orcid, .evidenceUrl, .note, .moderatorNote,
  createdAt: c.createdAt, decidedAt: c.decidedAt,
  researcher: r { .id, .name, .orcid, .summary, .openToCollaborate },
  claimant: u { .id, .displayName, .email, .emailVerified, .roles }
} AS claim
