"""The trust snapshot: a deterministic model from signals stored in the graph to a score, band and level.

docs/trust-model.md explains it for people; tests/test_trust.py pins every rule. No researcher is special-cased:
the seed profile's 13 / Unverified / L1 falls out of its two works and three co-authors.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVEL_POINTS = {"L0": 0, "L1": 6, "L2": 30, "L3": 45}
POINTS_PER_WORK, WORK_POINTS_CAP = 2, 20
POINTS_PER_COLLABORATOR, COLLABORATOR_POINTS_CAP = 1, 10
ORCID_POINTS = 10
AFFILIATION_POINTS = 5
# Band names describe how much public evidence stands behind a record, never an identity check: an unclaimed
# record can reach "Established" on its works alone, so no band may read as "verified" (docs/trust-model.md).
BANDS = ((75, "Extensive"), (50, "Established"), (25, "Emerging"), (0, "Unverified"))
# Claim methods that prove identity without a person in the loop give L3; a moderator's approval gives L2.
SELF_PROVING_METHODS = {"INSTITUTION_EMAIL", "ORCID"}


@dataclass(frozen=True)
class Signal:
    name: str
    contribution: int
    detail: str


@dataclass(frozen=True)
class Snapshot:
    score: int
    band: str
    verification_level: str
    claim_status: str
    signals: list[Signal]


def claim_status(claim_states: list[str]) -> str:
    """CLAIMED if any claim is approved, PENDING if one waits (or needs evidence), else UNCLAIMED."""
    if "APPROVED" in claim_states:
        return "CLAIMED"
    if "PENDING" in claim_states or "NEEDS_EVIDENCE" in claim_states:
        return "PENDING"
    return "UNCLAIMED"


def verification_level(works: int, approved_method: str | None) -> str:
    """L3 self-proven claim, L2 moderator-approved claim, L1 public record with works, L0 nothing to go on."""
    if approved_method is not None:
        return "L3" if approved_method in SELF_PROVING_METHODS else "L2"
    return "L1" if works > 0 else "L0"


def band(score: int) -> str:
    return next(name for floor, name in BANDS if score >= floor)


def snapshot(*, works: int, collaborators: int, has_orcid: bool, has_affiliation: bool,
             claim_states: list[str], approved_method: str | None) -> Snapshot:
    """Compute the snapshot from the raw signals of one researcher."""
    level = verification_level(works, approved_method)
    signals = [
        Signal("Verification level", LEVEL_POINTS[level], _level_detail(level)),
        Signal("Publication record", min(works * POINTS_PER_WORK, WORK_POINTS_CAP),
               f"{works} public work{'s' if works != 1 else ''} in the graph"),
        Signal("Co-author network", min(collaborators * POINTS_PER_COLLABORATOR, COLLABORATOR_POINTS_CAP),
               f"{collaborators} distinct co-author{'s' if collaborators != 1 else ''}"),
        Signal("ORCID on record", ORCID_POINTS if has_orcid else 0,
               "ORCID iD linked" if has_orcid else "no ORCID iD on the record"),
        Signal("Affiliation on record", AFFILIATION_POINTS if has_affiliation else 0,
               "institution linked" if has_affiliation else "affiliation not imported"),
    ]
    score = min(100, sum(signal.contribution for signal in signals))
    return Snapshot(score, band(score), level, claim_status(claim_states), signals)


def _level_detail(level: str) -> str:
    return {
        "L0": "no public record to verify against",
        "L1": "public author record from an open scholarly source",
        "L2": "claim approved by a moderator",
        "L3": "claim proven by institutional e-mail or ORCID",
    }[level]
