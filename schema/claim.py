"""Claims on author records, their moderation, and the owner's edits with their audit trail."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from scholargraph.schema.account import User, moment, when
from scholargraph.schema.pagination import DEFAULT_PAGE_SIZE

if TYPE_CHECKING:
    from scholargraph.context import Context
    from scholargraph.schema.researcher import Researcher

ResearcherRef = Annotated["Researcher", strawberry.lazy("scholargraph.schema.researcher")]


@strawberry.enum(description="Where a claim stands in review.")
class ClaimReviewStatus(Enum):
    PENDING = "PENDING"
    NEEDS_EVIDENCE = "NEEDS_EVIDENCE"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@strawberry.enum(description="A moderator's decision on a claim.")
class ClaimDecision(Enum):
    APPROVE = "APPROVE"
    REJECT = "REJECT"
    NEEDS_EVIDENCE = "NEEDS_EVIDENCE"


@strawberry.input(description="What the claimant offers as proof; all optional.")
class ClaimEvidence:
    orcid: str | None = None
    evidence_url: str | None = None
    note: str | None = None


@strawberry.type(description="One moderator decision on a claim, with the note the moderator wrote for the claimant.")
class ClaimDecisionRecord:
    decision: ClaimDecision
    note: str | None
    at: datetime


@strawberry.type(description="Another claim on the same record, as the moderation queue shows it.")
class OtherClaim:
    id: strawberry.ID
    status: ClaimReviewStatus
    created_at: datetime
    claimant_name: str


@strawberry.type(description="A user's claim to be the person behind an author record.")
class Claim:
    id: strawberry.ID
    status: ClaimReviewStatus
    reasons: list[str] = strawberry.field(description="NO_EVIDENCE, EMAIL_DOMAIN_MISMATCH, ORCID_MISMATCH, "
                                                      "ORCID_UNPROVEN, ALREADY_CLAIMED, REJECTED_BY_MODERATOR")
    method: str | None = strawberry.field(description="How an approved claim was proven: INSTITUTION_EMAIL, "
                                                      "ORCID or MODERATOR.")
    orcid: str | None
    evidence_url: str | None
    note: str | None
    moderator_note: str | None
    earlier_evidence: list[str] = strawberry.field(description="Evidence replaced by a later answer, kept for "
                                                               "the moderator (e.g. \"Link: https://…\").")
    decisions: list[ClaimDecisionRecord] = strawberry.field(description="Moderator decisions, oldest first.")
    other_claims: list[OtherClaim] = strawberry.field(description="Other claims on the same record, newest first "
                                                                  "(filled in the moderation queue only).")
    created_at: datetime
    decided_at: datetime | None
    researcher: ResearcherRef
    claimant: User

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Claim:
        from scholargraph.schema.researcher import Researcher

        return cls(id=strawberry.ID(row["id"]), status=ClaimReviewStatus(row["status"]),
                   reasons=list(row.get("reasons") or []), method=row.get("method"), orcid=row.get("orcid"),
                   evidence_url=row.get("evidenceUrl"), note=row.get("note"),
                   moderator_note=row.get("moderatorNote"),
                   earlier_evidence=list(row.get("earlierEvidence") or []),
                   decisions=[ClaimDecisionRecord(decision=ClaimDecision(d["decision"]), note=d.get("reason"),
                                                  at=moment(d["at"])) for d in row.get("decisions") or []],
                   other_claims=[OtherClaim(id=strawberry.ID(o["id"]), status=ClaimReviewStatus(o["status"]),
                                            created_at=moment(o["createdAt"]), claimant_name=o.get("claimantName") or "")
                                 for o in row.get("others") or []],
                   created_at=moment(row["createdAt"]),
                   decided_at=when(row.get("decidedAt")), researcher=Researcher.from_record(row["researcher"]),
                   claimant=User.from_record(row["claimant"]))


@strawberry.type(description="One owner edit: who changed which field from what to what, and when.")
class AuditEntry:
    field: str
    old_value: strawberry.scalars.JSON | None
    new_value: strawberry.scalars.JSON | None
    at: datetime
    by: User

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> AuditEntry:
        return cls(field=row["field"], old_value=row.get("old"), new_value=row.get("new"), at=moment(row["at"]),
                   by=User(id=strawberry.ID(row["by"]["id"]), display_name=row["by"].get("displayName") or "",
                           email=None, email_verified=False, roles=[]))


@strawberry.input(description="Owner-editable profile fields; omitted fields stay as they are.")
class ResearcherProfileInput:
    summary: str | None = strawberry.UNSET
    open_to_collaborate: bool | None = strawberry.UNSET


def _resolvers():  # type: ignore[no-untyped-def]
    from scholargraph.resolvers import claim

    return claim


@strawberry.type
class ClaimQuery:
    @strawberry.field(description="The moderation queue, oldest first (moderators only); default: open claims.")
    async def claims(self, info: strawberry.Info[Context], status: ClaimReviewStatus | None = None,
                     first: int = DEFAULT_PAGE_SIZE) -> list[Claim]:
        return await _resolvers().queue(info, status, first)


@strawberry.type
class ClaimMutation:
    @strawberry.mutation(description="Claim an author record; approved at once when the evidence proves it.")
    async def claim_researcher(self, info: strawberry.Info[Context], researcher_id: strawberry.ID,
                               evidence: ClaimEvidence | None = None) -> Claim:
        return await _resolvers().claim_researcher(info, str(researcher_id), evidence or ClaimEvidence())

    @strawberry.mutation(description="A moderator approves, rejects or asks for evidence on a claim.")
    async def review_claim(self, info: strawberry.Info[Context], claim_id: strawberry.ID, decision: ClaimDecision,
                           reason: str | None = None) -> Claim:
        return await _resolvers().review_claim(info, str(claim_id), decision, reason)

    @strawberry.mutation(description="The owner edits the summary and whether they are open to collaborate.")
    async def update_researcher_profile(self, info: strawberry.Info[Context], researcher_id: strawberry.ID,
                                        input: ResearcherProfileInput) -> ResearcherRef:
        return await _resolvers().update_profile(info, str(researcher_id), input)

    @strawberry.mutation(description="The owner hides one of the record's works from the profile.")
    async def hide_work(self, info: strawberry.Info[Context], researcher_id: strawberry.ID,
                        work_id: strawberry.ID) -> ResearcherRef:
        return await _resolvers().set_work_hidden(info, str(researcher_id), str(work_id), True)

    @strawberry.mutation(description="The owner shows a hidden work again.")
    async def unhide_work(self, info: strawberry.Info[Context], researcher_id: strawberry.ID,
                          work_id: strawberry.ID) -> ResearcherRef:
        return await _resolvers().set_work_hidden(info, str(researcher_id), str(work_id), False)
