// File a claim by the signed-in user, whose e-mail must be verified, on a researcher the user has no open or
// approved claim on; decide at once where the evidence proves it. No row when any of that does not hold.
// $token_hash: session token digest; $researcher_id; $claim_id: new id;
// $orcid (bare, or null), $evidence_url, $note: the claimant's evidence (each may be null).
// Approved at once (method INSTITUTION_EMAIL) when the claimant's e-mail domain, or a parent domain of it, is a
// domain of an institution the researcher is or was affiliated with and nobody owns the record yet. The Ownership
// node created in the same transaction carries a uniqueness constraint, so of two approvals racing for one record
// only one commits (the other fails with ConstraintError). An ORCID given as evidence proves nothing without
// ORCID sign-in: a match is left to a moderator, a mismatch is recorded as ORCID_MISMATCH.
// Exactly once: the claimant's User node is locked before the check for an open claim, so of two identical
// requests (on any replica) the second sees the first's claim and files nothing (the resolver answers CONFLICT).
MATCH (s:Session {tokenHash: $token_hash})-[:OF]->(u:User)
WHERE s.expiresAt > datetime() AND u.emailVerified
SET u._lock = true REMOVE u._lock  // lock the user first: their concurrent identical requests run one after another
WITH u
MATCH (r:Researcher {id: $researcher_id})
WHERE NOT EXISTS {
  MATCH (u)-[:FILED]->(mine:Claim)-[:CLAIMS]->(r)
  WHERE mine.status IN ['PENDING', 'NEEDS_EVIDENCE', 'APPROVED']
}
WITH u, r, split(u.email, '@')[1] AS domain
WITH u, r,
  EXISTS { MATCH (:Ownership {researcherId: r.id}) } AS owned,
  EXISTS {
    MATCH (r)-[:AFFILIATED_WITH]->(i:Institution)
    WHERE any(d IN coalesce(i.domains, []) WHERE domain = toLower(d) OR domain ENDS WITH '.' + toLower(d))
  } AS domainMatch,
  EXISTS {
    MATCH (r)-[:AFFILIATED_WITH]->(i:Institution)
    WHERE size(coalesce(i.domains, [])) > 0
  } AS knownDomains
WITH u, r, owned, domainMatch AND NOT owned AS approve, [reason IN [
    CASE WHEN owned THEN 'ALREADY_CLAIMED' END,
    CASE WHEN knownDomains AND NOT domainMatch THEN 'EMAIL_DOMAIN_MISMATCH' END,
    CASE WHEN $orcid IS NOT NULL AND $orcid <> coalesce(r.orcid, '') THEN 'ORCID_MISMATCH' END,
    CASE WHEN $orcid IS NOT NULL AND $orcid = r.orcid THEN 'ORCID_UNPROVEN' END,
    CASE WHEN NOT domainMatch AND $orcid IS NULL AND $evidence_url IS NULL AND $note IS NULL
         THEN 'NO_EVIDENCE' END
  ] WHERE reason IS NOT NULL] AS reasons
CREATE (u)-[:FILED]->(c:Claim {
  id: $claim_id,
  status: CASE WHEN approve THEN 'APPROVED' ELSE 'PENDING' END,
  method: CASE WHEN approve THEN 'INSTITUTION_EMAIL' END,
  reasons: CASE WHEN approve THEN [] ELSE reasons END,
  orcid: $orcid, evidenceUrl: $evidence_url, note: $note,
  createdAt: datetime(),
  decidedAt: CASE WHEN approve THEN datetime() END
})-[:CLAIMS]->(r)
WITH u, r, c, approve
CALL (u, r, c, approve) {
  WITH * WHERE approve
  CREATE (o:Ownership {researcherId: r.id, since: datetime()})-[:HELD_BY]->(u)
  CREATE (o)-[:GRANTED_BY]->(c)
}
RETURN c {
  .id, .status, .method, .reasons, .orcid, .evidenceUrl, .note, .moderatorNote,
  createdAt: c.createdAt, decidedAt: c.decidedAt,
  researcher: r { .id, .name, .orcid, .summary, .openToCollaborate },
  claimant: u { .id, .displayName, .email, .emailVerified, .roles }
} AS claim
