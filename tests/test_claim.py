"""Claiming author records: instant proof, moderation, disputes, races, and the owner's edits with audit."""

from __future__ import annotations

import asyncio

import neo4j
from identity_support import CLAIM, INVITE, REVIEW, Api, api, small_graph  # noqa: F401 (fixtures)

from scholargraph import db
from conftest import cypher_rows
from scholargraph.settings import Settings

ZHEFAN, QUANSHI = "A5101727316", "A5031485721"
TRUST = """query($id: ID!) { researcher(id: $id) { viewerIsOwner
  trust { score band verificationLevel claimStatus } } }"""
QUEUE = "query($status: ClaimReviewStatus) { claims(status: $status) { id status claimant { id email } } }"
UPDATE = """mutation($id: ID!, $input: ResearcherProfileInput!) {
  updateResearcherProfile(researcherId: $id, input: $input) { id summary openToCollaborate } }"""
HIDE = """mutation($id: ID!, $work: ID!) { hideWork(researcherId: $id, workId: $work) {
  id counts { works } works { totalCount edges { node { id } } } } }"""
UNHIDE = """mutation($id: ID!, $work: ID!) { unhideWork(researcherId: $id, workId: $work) { id counts { works } } }"""
AUDIT = """query($id: ID!) { researcher(id: $id) { hiddenWorkIds
  auditTrail { field oldValue newValue by { id } } } }"""


async def test_zhefan_claim_waits_then_moderator_decides(api: Api, seeded_graph: neo4j.Driver) -> None:
    before = (await api(TRUST, {"id": ZHEFAN}))["researcher"]["trust"]
    assert before == {"score": 13, "band": "Unverified", "verificationLevel": "L1", "claimStatus": "UNCLAIMED"}
    moderator = await api.moderator()
    rejected_user, claimant = await api.user("first@example.org"), await api.user("zhefan@example.org")

    # A rejection leaves the snapshot as it was.
    claim = (await api(CLAIM, {"id": ZHEFAN}, token=rejected_user.token))["claimResearcher"]
    assert (claim["status"], claim["reasons"], claim["method"]) == ("PENDING", ["NO_EVIDENCE"], None)
    assert (await api(TRUST, {"id": ZHEFAN}))["researcher"]["trust"]["claimStatus"] == "PENDING"
    rejected = (await api(REVIEW, {"id": claim["id"], "decision": "REJECT", "reason": "no proof"},
                          token=moderator.token))["reviewClaim"]
    assert rejected == {"id": claim["id"], "status": "REJECTED", "reasons": ["NO_EVIDENCE", "REJECTED_BY_MODERATOR"],
                        "method": None, "moderatorNote": "no proof"}
    assert (await api(TRUST, {"id": ZHEFAN}))["researcher"]["trust"] == before

    # An approval makes the record CLAIMED at L2: 30 + 4 (two works) + 3 (three co-authors) = 37.
    evidence = {"evidenceUrl": "https://example.org/zhefan", "note": "my homepage lists both papers"}
    claim = (await api(CLAIM, {"id": ZHEFAN, "evidence": evidence}, token=claimant.token))["claimResearcher"]
    assert (claim["status"], claim["reasons"]) == ("PENDING", [])
    queue = (await api(QUEUE, {}, token=moderator.token))["claims"]
    assert [(c["id"], c["claimant"]["email"]) for c in queue] == [(claim["id"], "zhefan@example.org")]
    approved = (await api(REVIEW, {"id": claim["id"], "decision": "APPROVE"}, token=moderator.token))["reviewClaim"]
    assert (approved["status"], approved["method"]) == ("APPROVED", "MODERATOR")
    after = (await api(TRUST, {"id": ZHEFAN}, token=claimant.token))["researcher"]
    assert after == {"viewerIsOwner": True, "trust": {"score": 37, "band": "Emerging", "verificationLevel": "L2",
                                                      "claimStatus": "CLAIMED"}}
    assert (await api(QUEUE, {}, token=moderator.token))["claims"] == []


async def test_quanshi_claimed_at_once_by_sjtu_email_then_invitable(api: Api, seeded_graph: neo4j.Driver) -> None:
    sender = await api.user("colleague@example.org")
    message = {"id": QUANSHI, "message": "Shall we work on interpretability together?"}
    assert await api.error_code(INVITE, message, token=sender.token) == "FORBIDDEN"  # NOT_CLAIMED yet

    owner = await api.user("quanshi@cs.sjtu.edu.cn")  # a sub-domain of sjtu.edu.cn counts
    claim = (await api(CLAIM, {"id": QUANSHI}, token=owner.token))["claimResearcher"]
    assert (claim["status"], claim["method"], claim["reasons"]) == ("APPROVED", "INSTITUTION_EMAIL", [])
    profile = (await api(TRUST, {"id": QUANSHI}, token=owner.token))["researcher"]
    assert profile["viewerIsOwner"] is True
    assert (profile["trust"]["verificationLevel"], profile["trust"]["claimStatus"]) == ("L3", "CLAIMED")

    invitation = (await api(INVITE, message, token=sender.token))["sendCollaborationInvite"]
    assert (invitation["status"], invitation["to"], invitation["from"]["id"]) == \
        ("PENDING", {"id": QUANSHI}, sender.id)


async def test_claim_refusals(api: Api, small_graph: neo4j.Driver, settings: Settings) -> None:
    assert await api.error_code(CLAIM, {"id": "A1"}) == "UNAUTHENTICATED"
    unverified = await api.user("new@uni.example", verified=False)
    assert await api.error_code(CLAIM, {"id": "A2"}, token=unverified.token) == "FORBIDDEN"
    user = await api.user("someone@example.org")
    assert await api.error_code(CLAIM, {"id": "A999"}, token=user.token) == "NOT_FOUND"
    assert await api.error_code(CLAIM, {"id": "A1", "evidence": {"orcid": "12"}}, token=user.token) \
        == "BAD_USER_INPUT"
    assert await api.error_code(CLAIM, {"id": "A1", "evidence": {"evidenceUrl": "javascript:x"}},
                                token=user.token) == "BAD_USER_INPUT"
    await api(CLAIM, {"id": "A1", "evidence": {"note": "it is me"}}, token=user.token)
    assert await api.error_code(CLAIM, {"id": "A1"}, token=user.token) == "CONFLICT"
    assert cypher_rows(small_graph, settings, "MATCH (c:Claim) RETURN count(c) AS n") == [{"n": 1}]


async def test_claim_evidence_reasons(api: Api, small_graph: neo4j.Driver) -> None:
    user = await api.user("someone@elsewhere.example")
    mismatch = (await api(CLAIM, {"id": "A2", "evidence": {"orcid": "https://orcid.org/0000-0001-0000-0001"}},
                          token=user.token))["claimResearcher"]
    assert (mismatch["status"], mismatch["reasons"]) == ("PENDING", ["EMAIL_DOMAIN_MISMATCH", "ORCID_MISMATCH"])
    other = await api.user("other@elsewhere.example")
    matching = (await api(CLAIM, {"id": "A2", "evidence": {"orcid": "0000-0002-0000-0002"}},
                          token=other.token))["claimResearcher"]
    # An ORCID typed in proves nothing without ORCID sign-in: it waits for a moderator.
    assert (matching["status"], matching["reasons"]) == ("PENDING", ["EMAIL_DOMAIN_MISMATCH", "ORCID_UNPROVEN"])
    lookalike = await api.user("x@notuni.example")
    assert (await api(CLAIM, {"id": "A2"}, token=lookalike.token))["claimResearcher"]["status"] == "PENDING"


async def test_concurrent_claims_end_with_one_approval(api: Api, small_graph: neo4j.Driver,
                                                       settings: Settings) -> None:
    first, second = await api.user("one@uni.example"), await api.user("two@uni.example")
    async with db.connect(settings) as graph_a, db.connect(settings) as graph_b:
        results = await asyncio.gather(api(CLAIM, {"id": "A2"}, token=first.token, graph=graph_a),
                                       api(CLAIM, {"id": "A2"}, token=second.token, graph=graph_b))
    statuses = sorted((r["claimResearcher"]["status"], r["claimResearcher"]["reasons"]) for r in results)
    assert statuses == [("APPROVED", []), ("PENDING", ["ALREADY_CLAIMED"])]
    rows = cypher_rows(small_graph, settings, """MATCH (c:Claim {status: 'APPROVED'})-[:CLAIMS]->(:Researcher {id: 'A2'})
                                                 RETURN count(c) AS approved, COUNT { (:Ownership) } AS owners""")
    assert rows == [{"approved": 1, "owners": 1}]


async def test_dispute_needs_the_approved_claim_revoked_first(api: Api, small_graph: neo4j.Driver) -> None:
    moderator = await api.moderator()
    owner, disputer = await api.user("owner@uni.example"), await api.user("disputer@example.org")
    original = (await api(CLAIM, {"id": "A2"}, token=owner.token))["claimResearcher"]
    dispute = (await api(CLAIM, {"id": "A2", "evidence": {"note": "that is me, not them"}},
                         token=disputer.token))["claimResearcher"]
    assert (dispute["status"], dispute["reasons"]) == ("PENDING", ["ALREADY_CLAIMED", "EMAIL_DOMAIN_MISMATCH"])
    assert await api.error_code(REVIEW, {"id": dispute["id"], "decision": "APPROVE"}, token=moderator.token) \
        == "CONFLICT"
    await api(REVIEW, {"id": original["id"], "decision": "REJECT"}, token=moderator.token)
    assert (await api(TRUST, {"id": "A2"}, token=owner.token))["researcher"]["viewerIsOwner"] is False
    await api(REVIEW, {"id": dispute["id"], "decision": "APPROVE"}, token=moderator.token)
    assert (await api(TRUST, {"id": "A2"}, token=disputer.token))["researcher"]["viewerIsOwner"] is True


async def test_needs_evidence_then_resubmit(api: Api, small_graph: neo4j.Driver) -> None:
    moderator, user = await api.moderator(), await api.user("me@example.org")
    claim = (await api(CLAIM, {"id": "A1"}, token=user.token))["claimResearcher"]
    asked = (await api(REVIEW, {"id": claim["id"], "decision": "NEEDS_EVIDENCE", "reason": "send a link"},
                       token=moderator.token))["reviewClaim"]
    assert asked["status"] == "NEEDS_EVIDENCE"
    resubmitted = (await api(CLAIM, {"id": "A1", "evidence": {"evidenceUrl": "https://example.org/me"}},
                             token=user.token))["claimResearcher"]
    assert (resubmitted["id"], resubmitted["status"], resubmitted["reasons"]) == (claim["id"], "PENDING", [])
    assert await api.error_code(REVIEW, {"id": claim["id"], "decision": "APPROVE"}, token=user.token) == "FORBIDDEN"
    assert await api.error_code(REVIEW, {"id": "clm_nope", "decision": "APPROVE"}, token=moderator.token) \
        == "NOT_FOUND"
    own = (await api(CLAIM, {"id": "A3", "evidence": {"note": "me"}}, token=moderator.token))["claimResearcher"]
    assert await api.error_code(REVIEW, {"id": own["id"], "decision": "APPROVE"}, token=moderator.token) \
        == "FORBIDDEN"


async def test_owner_edits_profile_and_hides_works_with_audit(api: Api, small_graph: neo4j.Driver) -> None:
    owner, stranger, moderator = await api.user("o@uni.example"), await api.user("s@example.org"), \
        await api.moderator()
    await api(CLAIM, {"id": "A2"}, token=owner.token)
    edited = (await api(UPDATE, {"id": "A2", "input": {"summary": "Interpretability.", "openToCollaborate": False}},
                        token=owner.token))["updateResearcherProfile"]
    assert edited == {"id": "A2", "summary": "Interpretability.", "openToCollaborate": False}
    hidden = (await api(HIDE, {"id": "A2", "work": "W2"}, token=owner.token))["hideWork"]
    assert hidden["counts"] == {"works": 1} and hidden["works"]["totalCount"] == 1
    assert [e["node"]["id"] for e in hidden["works"]["edges"]] == ["W1"]
    assert await api.error_code(HIDE, {"id": "A2", "work": "W3"}, token=owner.token) == "NOT_FOUND"
    assert await api.error_code(UPDATE, {"id": "A2", "input": {"summary": "mine"}}, token=stranger.token) \
        == "FORBIDDEN"
    assert await api.error_code(AUDIT, {"id": "A2"}, token=stranger.token) == "FORBIDDEN"
    audit = (await api(AUDIT, {"id": "A2"}, token=moderator.token))["researcher"]
    assert audit["hiddenWorkIds"] == ["W2"]
    assert [(a["field"], a["oldValue"], a["newValue"], a["by"]["id"]) for a in audit["auditTrail"]] == [
        ("hiddenWorkIds", [], ["W2"], owner.id),
        ("openToCollaborate", True, False, owner.id),
        ("summary", None, "Interpretability.", owner.id),
    ]
    assert (await api(UNHIDE, {"id": "A2", "work": "W2"}, token=owner.token))["unhideWork"]["counts"] == {"works": 2}
    # An edit that changes nothing leaves no audit entry.
    await api(UPDATE, {"id": "A2", "input": {"summary": "Interpretability."}}, token=owner.token)
    assert len((await api(AUDIT, {"id": "A2"}, token=owner.token))["researcher"]["auditTrail"]) == 4
