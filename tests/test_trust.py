"""The trust model's rules, pinned one by one (docs/trust-model.md)."""

from __future__ import annotations

from scholargraph.resolvers.trust import band, claim_status, snapshot, verification_level


def test_seed_profile_numbers_fall_out_of_the_model() -> None:
    snap = snapshot(works=2, collaborators=3, has_orcid=False, has_affiliation=False, claim_states=[],
                    approved_method=None)
    assert (snap.score, snap.band, snap.verification_level, snap.claim_status) == (13, "Unverified", "L1", "UNCLAIMED")
    assert [(s.name, s.contribution) for s in snap.signals] == [
        ("Verification level", 6), ("Publication record", 4), ("Co-author network", 3),
        ("ORCID on record", 0), ("Affiliation on record", 0)]


def test_moderator_approved_claim_is_l2_and_emerging() -> None:
    snap = snapshot(works=2, collaborators=3, has_orcid=False, has_affiliation=False,
                    claim_states=["APPROVED"], approved_method="MODERATOR")
    assert (snap.score, snap.band, snap.verification_level, snap.claim_status) == (37, "Emerging", "L2", "CLAIMED")


def test_self_proven_claim_is_l3_and_caps_apply() -> None:
    snap = snapshot(works=17, collaborators=18, has_orcid=True, has_affiliation=True,
                    claim_states=["REJECTED", "APPROVED"], approved_method="INSTITUTION_EMAIL")
    assert (snap.score, snap.band, snap.verification_level) == (90, "Extensive", "L3")


def test_levels_bands_and_claim_states() -> None:
    assert verification_level(0, None) == "L0"
    assert verification_level(1, None) == "L1"
    assert verification_level(5, "ORCID") == "L3"
    assert [band(s) for s in (0, 24, 25, 49, 50, 74, 75, 100)] == [
        "Unverified", "Unverified", "Emerging", "Emerging", "Established", "Established", "Extensive", "Extensive"]
    assert claim_status([]) == "UNCLAIMED"
    assert claim_status(["REJECTED"]) == "UNCLAIMED"
    assert claim_status(["NEEDS_EVIDENCE"]) == "PENDING"
    assert claim_status(["PENDING", "APPROVED"]) == "CLAIMED"
