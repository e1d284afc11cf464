"""Claiming author records: filing, moderation, the queue, owner edits and the audit trail."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.dataloader import DataLoader

from scholargraph.context import Context
from scholargraph.auth import mail, messages
from scholargraph.auth.tokens import new_id
from scholargraph.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from scholargraph.resolvers.account import (
    forget_viewer_state,
    require_viewer,
    settings_of,
    token_hash,
    viewer,
    viewer_state,
)
from scholargraph.schema.account import Permission
from scholargraph.schema.claim import AuditEntry, Claim, ClaimDecision, ClaimEvidence, ClaimReviewStatus, ResearcherProfileInput
from scholargraph.schema.pagination import check_first
from scholargraph.schema.researcher import Researcher

if TYPE_CHECKING:
    pass

Info = strawberry.Info[Context]
OPEN_STATES = ["PENDING", "NEEDS_EVIDENCE"]
MAX_NOTE, MAX_URL, MAX_SUMMARY, AUDIT_LIMIT = 2000, 500, 2000, 100
_ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dXx])$")


def _text(value: str | None, limit: int, name: str) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInput(f"`{name}` may be at most {limit} characters.")
    return value or None


def _evidence(evidence: ClaimEvidence) -> dict[str, str | None]:
    """Validated evidence parameters. Raises InvalidInput for a malformed ORCID iD or URL."""
    orcid = _text(evidence.orcid, 60, "orcid")
    if orcid is not None:
        found = _ORCID.match(orcid)
        if not found:
            raise InvalidInput("`orcid` must be an ORCID iD such as 0000-0002-1825-0097.")
        orcid = found.group(1).upper()
    url = _text(evidence.evidence_url, MAX_URL, "evidenceUrl")
    if url is not None and not re.match(r"^https?://\S+$", url):
        raise InvalidInput("`evidenceUrl` must be an http(s) URL.")
    return {"orcid": orcid, "evidence_url": url, "note": _text(evidence.note, MAX_NOTE, "note")}


async def claim_researcher(info: Info, researcher_id: str, evidence: ClaimEvidence) -> Claim:
    """File a claim. Raises Unauthenticated, Forbidden (unverified e-mail), NotFound, or Conflict (already filed)."""
    params = {"token_hash": token_hash(info), "researcher_id": researcher_id, **_evidence(evidence)}
    graph = info.context.graph
    try:
        rows = await graph.write("claim_create", claim_id=new_id("clm"), **params)
    except Conflict:  # another claim was approved at the same moment: file this one as a dispute
        rows = await graph.write("claim_create", claim_id=new_id("clm"), **params)
    if not rows:
        rows = await _refile(info, researcher_id, params)
    forget_viewer_state(info, researcher_id)
    return Claim.from_record(rows[0]["claim"])


async def _refile(info: Info, researcher_id: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Explain why no claim was filed, or answer a NEEDS_EVIDENCE claim with the new evidence."""
    found = await require_viewer(info)
    if not found["emailVerified"]:
        raise Forbidden("Verify your e-mail address before claiming a record (EMAIL_NOT_VERIFIED).")
    state = await viewer_state(info, researcher_id)
    if state is None:
        raise NotFound(f"No researcher with id {researcher_id!r}.")
    if state["viewerClaimStatus"] == "NEEDS_EVIDENCE":
        rows = await info.context.graph.write("claim_resubmit", **params)
        if rows:
            return rows
    if state["viewerClaimStatus"] == "APPROVED":
        raise Conflict("This record is yours already.")
    raise Conflict("You have a claim on this record waiting for review already.")


async def review_claim(info: Info, claim_id: str, decision: ClaimDecision, reason: str | None) -> Claim:
    """A moderator's decision. Raises Unauthenticated, Forbidden, NotFound, or Conflict (state or owner clash)."""
    try:
        rows = await info.context.graph.write("claim_review", token_hash=token_hash(info), claim_id=claim_id,
                                              decision=decision.value, reason=_text(reason, MAX_NOTE, "reason"))
    except Conflict as exc:
        raise Conflict("Another claim on this record is approved; reject that one first.") from exc
    if not rows:
        await _explain_review_refusal(info, claim_id)
    row = rows[0]["claim"]
    claim = Claim.from_record(row)
    forget_viewer_state(info, str(claim.researcher.id))
    settings = settings_of(info)
    await mail.deliver(settings, row["claimant"]["email"], messages.claim_decision(
        mail.public_url(settings), row["claimant"]["displayName"], row["researcher"]["id"],
        row["researcher"]["name"] or row["researcher"]["id"], row["status"], row.get("moderatorNote")))
    return claim


async def _explain_review_refusal(info: Info, claim_id: str) -> None:
    state = await info.context.graph.read_one("claim_state", token_hash=token_hash(info), claim_id=claim_id)
    assert state is not None
    if not state["signed_in"]:
        raise Unauthenticated("Sign in first (or again: the session ended).")
    if not state["moderator"]:
        raise Forbidden("Only moderators review claims.")
    if state["status"] is None:
        raise NotFound(f"No claim with id {claim_id!r}.")
    if state["own"]:
        raise Forbidden("Moderators do not review their own claims.")
    raise Conflict(f"A claim in state {state['status']} cannot take that decision.")


async def queue(info: Info, status: ClaimReviewStatus | None, first: int) -> list[Claim]:
    """The moderation queue. Raises Unauthenticated or Forbidden for anyone but a moderator."""
    check_first(first)
    statuses = [status.value] if status else OPEN_STATES
    rows = await info.context.graph.read("claim_queue", token_hash=token_hash(info), statuses=statuses, limit=first)
    if not rows:
        check = await info.context.graph.read_one("claim_moderator_check", token_hash=token_hash(info))
        if not check or not check["signed_in"]:
            raise Unauthenticated("Sign in first (or again: the session ended).")
        if not check["moderator"]:
            raise Forbidden("Only moderators see the claim queue.")
    return [Claim.from_record(row["claim"]) for row in rows]


async def mine(info: Info, user_id: str, first: int) -> list[Claim]:
    """The viewer's own claims. Raises Forbidden for another user's."""
    check_first(first)
    rows = await info.context.graph.read("claim_by_viewer", token_hash=token_hash(info), user_id=user_id,
                                         limit=first)
    if not rows and ((await viewer(info)) or {}).get("id") != user_id:
        raise Forbidden("Only the user may see their claims.")
    return [Claim.from_record(row["claim"]) for row in rows]


async def _explain_owner_refusal(info: Info, researcher_id: str) -> None:
    found = await require_viewer(info)
    state = await viewer_state(info, researcher_id)
    if state is None:
        raise NotFound(f"No researcher with id {researcher_id!r}.")
    if state["ownerId"] != found["id"]:
        raise Forbidden("Only the owner of the record may edit it.")


async def update_profile(info: Info, researcher_id: str, changes: ResearcherProfileInput) -> Researcher:
    """Raises Unauthenticated, NotFound, Forbidden (not the owner) or InvalidInput."""
    set_summary = changes.summary is not strawberry.UNSET
    set_open = changes.open_to_collaborate is not strawberry.UNSET
    if set_open and changes.open_to_collaborate is None:
        raise InvalidInput("`openToCollaborate` must be true or false.")
    rows = await info.context.graph.write(
        "researcher_owner_update", token_hash=token_hash(info), researcher_id=researcher_id,
        set_summary=set_summary, summary=_text(changes.summary, MAX_SUMMARY, "summary") if set_summary else None,
        set_open=set_open, open_to_collaborate=bool(changes.open_to_collaborate) if set_open else False)
    if not rows:
        await _explain_owner_refusal(info, researcher_id)
        raise Conflict("The record changed owner meanwhile.")
    forget_viewer_state(info, researcher_id)
    return Researcher.from_record(rows[0]["researcher"])


async def set_work_hidden(info: Info, researcher_id: str, work_id: str, hidden: bool) -> Researcher:
    """Raises Unauthenticated, NotFound (record, or a work not on it) or Forbidden (not the owner)."""
    rows = await info.context.graph.write("researcher_owner_work_visibility", token_hash=token_hash(info),
                                          researcher_id=researcher_id, work_id=work_id, hidden=hidden)
    if not rows:
        await _explain_owner_refusal(info, researcher_id)
        raise NotFound(f"No work {work_id!r} on this researcher's record.")
    forget_viewer_state(info, researcher_id)
    info.context.loaders.researcher_works.clear_all()
    return Researcher.from_record(rows[0]["researcher"])


async def viewer_can_claim(info: Info, researcher_id: str) -> Permission:
    """ALREADY_CLAIMED is allowed with a caveat: the claim becomes a dispute for a moderator."""
    state = await viewer_state(info, researcher_id)
    if state is None or state["viewerId"] is None:
        return Permission(allowed=False, reason="LOGIN_REQUIRED")
    if state["ownerId"] == state["viewerId"]:
        return Permission(allowed=False, reason="OWN_PROFILE")
    if state["viewerClaimStatus"] == "NEEDS_EVIDENCE":
        return Permission(allowed=True, reason="NEEDS_EVIDENCE")
    if state["viewerClaimStatus"] is not None:
        return Permission(allowed=False, reason="CLAIM_PENDING")
    if not state["viewerVerified"]:
        return Permission(allowed=False, reason="EMAIL_NOT_VERIFIED")
    return Permission(allowed=True, reason="ALREADY_CLAIMED" if state["ownerId"] else None)


async def viewer_is_owner(info: Info, researcher_id: str) -> bool:
    state = await viewer_state(info, researcher_id)
    return bool(state and state["viewerId"] and state["ownerId"] == state["viewerId"])


async def _audit(info: Info, researcher_id: str) -> dict[str, Any]:
    loader = info.context.cache.get("owner_audit")
    if loader is None:
        loader = info.context.cache["owner_audit"] = DataLoader(partial(_load_audits, info, token_hash(info)))
    found = await loader.load(researcher_id)
    if found is None:
        await require_viewer(info)
        raise Forbidden("Only the owner of the record and moderators see this.")
    return found


async def _load_audits(info: Info, hashed: str, ids: list[str]) -> list[dict[str, Any] | None]:
    rows = await info.context.graph.read("researcher_owner_audit_by_ids", token_hash=hashed, ids=ids,
                                         limit=AUDIT_LIMIT)
    found = {row["id"]: row["audit"] for row in rows}
    return [found.get(i) for i in ids]


async def audit_trail(info: Info, researcher_id: str) -> list[AuditEntry]:
    """Owner edits, newest first. Raises Unauthenticated or Forbidden for anyone but the owner or a moderator."""
    return [AuditEntry.from_record(row) for row in (await _audit(info, researcher_id))["entries"]]


async def hidden_work_ids(info: Info, researcher_id: str) -> list[strawberry.ID]:
    """Raises Unauthenticated or Forbidden for anyone but the owner or a moderator."""
    return [strawberry.ID(i) for i in (await _audit(info, researcher_id))["hiddenWorkIds"]]
