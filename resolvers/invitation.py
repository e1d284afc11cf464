"""Collaboration invitations: send (rate-limited per sender), respond, block, list, and `viewerCanInvite`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import strawberry

from scholargraph.context import Context
from scholargraph.auth import mail, messages, ratelimit
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
from scholargraph.schema.account import Permission, User
from scholargraph.schema.invitation import Invitation, InvitationStatus, InviteResponse
from scholargraph.schema.pagination import check_first

if TYPE_CHECKING:
    pass

Info = strawberry.Info[Context]
MAX_MESSAGE = 2000
ALL_STATES = [s.value for s in InvitationStatus]


async def send(info: Info, researcher_id: str, message: str) -> Invitation:
    """Raises Unauthenticated, InvalidInput, RateLimited, NotFound, Forbidden or Conflict (one pending already)."""
    message = message.strip()
    if not 1 <= len(message) <= MAX_MESSAGE:
        raise InvalidInput(f"`message` must be 1 to {MAX_MESSAGE} characters long.")
    sender = await require_viewer(info)
    if not sender["emailVerified"]:  # refused before the limiter counts it
        raise Forbidden("Verify your e-mail address before inviting anyone (EMAIL_NOT_VERIFIED).")
    await ratelimit.hit(info.context.graph, ratelimit.INVITES_PER_SENDER, sender["id"])
    rows = await info.context.graph.write("invite_create", token_hash=token_hash(info), researcher_id=researcher_id,
                                          invite_id=new_id("inv"), message=message)
    if not rows:
        permission = await can_invite(info, researcher_id)
        if permission.reason == "INVITE_PENDING":
            raise Conflict("You have a pending invitation to this researcher already.")
        if permission.reason == "COOLING_OFF":
            raise Conflict("You may invite this researcher again 30 days after they answered your last invitation.")
        raise Forbidden(f"This researcher cannot be invited by you ({permission.reason}).")
    forget_viewer_state(info, researcher_id)
    invitation = Invitation.from_record(rows[0]["invitation"])
    parties = await _parties(info, str(invitation.id))
    if parties and parties["owner"]:
        settings = settings_of(info)
        await mail.deliver(settings, parties["owner"]["email"], messages.invitation_received(
            mail.public_url(settings), parties["owner"]["displayName"], parties["sender"]["displayName"],
            parties["researcher"]["name"], parties["invitation"]["message"]))
    return invitation


async def _parties(info: Info, invite_id: str) -> dict[str, Any] | None:
    return await info.context.graph.read_one("invite_parties", invite_id=invite_id)


async def can_invite(info: Info, researcher_id: str) -> Permission:
    """What `viewerCanInvite` shows; a block is reported as UNAVAILABLE so it stays private to the blocker."""
    state = await viewer_state(info, researcher_id)
    if state is None:
        raise NotFound(f"No researcher with id {researcher_id!r}.")
    reason = None
    if state["viewerId"] is None:
        reason = "LOGIN_REQUIRED"
    elif not state["viewerVerified"]:
        reason = "EMAIL_NOT_VERIFIED"
    elif state["ownerId"] is None:
        reason = "NOT_CLAIMED"
    elif state["ownerId"] == state["viewerId"]:
        reason = "OWN_PROFILE"
    elif not state["openToCollaborate"]:
        reason = "NOT_OPEN"
    elif state["blocked"]:
        reason = "UNAVAILABLE"
    elif state["invitePending"]:
        reason = "INVITE_PENDING"
    elif state.get("inviteCoolingUntil") is not None:
        reason = "COOLING_OFF"
    return Permission(allowed=reason is None, reason=reason)


async def respond(info: Info, invite_id: str, response: InviteResponse) -> Invitation:
    """Raises Unauthenticated, NotFound, Forbidden (not the owner) or Conflict (answered already)."""
    rows = await info.context.graph.write("invite_respond", token_hash=token_hash(info), invite_id=invite_id,
                                          status=response.value)
    if not rows:
        state = await info.context.graph.read_one("invite_state", token_hash=token_hash(info), invite_id=invite_id)
        assert state is not None
        if not state["signed_in"]:
            raise Unauthenticated("Sign in first (or again: the session ended).")
        if state["status"] is None:
            raise NotFound(f"No invitation with id {invite_id!r}.")
        if not state["owner"]:
            raise Forbidden("Only the owner of the invited record may answer.")
        raise Conflict(f"The invitation is {state['status']} already.")
    invitation = Invitation.from_record(rows[0]["invitation"])
    parties = await _parties(info, invite_id)
    if parties:
        settings = settings_of(info)
        await mail.deliver(settings, parties["sender"]["email"], messages.invitation_answered(
            mail.public_url(settings), parties["sender"]["displayName"], parties["researcher"]["id"],
            parties["researcher"]["name"], parties["invitation"]["status"], (parties["owner"] or {}).get("email")))
    return invitation


async def block(info: Info, user_id: str, blocked: bool) -> User:
    """Raises Unauthenticated, or NotFound for an unknown user (or oneself, when blocking)."""
    rows = await info.context.graph.write("block_create" if blocked else "block_delete",
                                          token_hash=token_hash(info), user_id=user_id)
    if not rows:
        await require_viewer(info)
        raise NotFound(f"No other user with id {user_id!r}.")
    row = rows[0]["user"]
    return User(id=strawberry.ID(row["id"]), display_name=row["displayName"], email=None, email_verified=False,
                roles=[])


async def _listing(info: Info, query: str, user_id: str, status: InvitationStatus | None,
                   first: int) -> list[Invitation]:
    check_first(first)
    rows = await info.context.graph.read(query, token_hash=token_hash(info), user_id=user_id, limit=first,
                                         statuses=[status.value] if status else ALL_STATES)
    if not rows and ((await viewer(info)) or {}).get("id") != user_id:
        raise Forbidden("Only the user may see their invitations.")
    return [Invitation.from_record(row["invitation"]) for row in rows]


async def received(info: Info, user_id: str, status: InvitationStatus | None, first: int) -> list[Invitation]:
    return await _listing(info, "invite_received", user_id, status, first)


async def sent(info: Info, user_id: str, status: InvitationStatus | None, first: int) -> list[Invitation]:
    return await _listing(info, "invite_sent", user_id, status, first)
