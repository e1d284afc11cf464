"""Collaboration invitations: who may send them, answering, blocking, listing, and the per-sender limit."""

from __future__ import annotations

import neo4j
from identity_support import CLAIM, INVITE, RESPOND, Api, api, small_graph  # noqa: F401 (fixtures)

from scholargraph.auth import ratelimit

CAN_INVITE = "query($id: ID!) { researcher(id: $id) { viewerCanInvite { allowed reason } } }"
RECEIVED = """query($status: InvitationStatus) { me { invitations(status: $status) {
  id status message from { id displayName email } to { id } } } }"""
SENT = "{ me { sentInvitations { id status to { id } } } }"
BLOCK = "mutation($id: ID!) { blockUser(userId: $id) { id } }"
UNBLOCK = "mutation($id: ID!) { unblockUser(userId: $id) { id } }"
HELLO = "Would you like to collaborate?"


async def _reason(api: Api, researcher: str, token: str | None) -> str | None:
    permission = (await api(CAN_INVITE, {"id": researcher}, token=token))["researcher"]["viewerCanInvite"]
    assert permission["allowed"] is (permission["reason"] is None)
    return permission["reason"]


async def test_who_may_invite_whom(api: Api, small_graph: neo4j.Driver) -> None:
    owner = await api.user("owner@uni.example")
    await api(CLAIM, {"id": "A2"}, token=owner.token)
    await api(CLAIM, {"id": "A3"}, token=owner.token)  # owned, but not open to collaborate
    sender, unverified = await api.user("sender@example.org"), await api.user("u@example.org", verified=False)
    assert await _reason(api, "A2", None) == "LOGIN_REQUIRED"
    assert await _reason(api, "A2", unverified.token) == "EMAIL_NOT_VERIFIED"
    assert await _reason(api, "A1", sender.token) == "NOT_CLAIMED"
    assert await _reason(api, "A3", sender.token) == "NOT_OPEN"
    assert await _reason(api, "A2", owner.token) == "OWN_PROFILE"
    assert await _reason(api, "A2", sender.token) is None
    for researcher, token, code in (("A2", None, "UNAUTHENTICATED"), ("A2", unverified.token, "FORBIDDEN"),
                                    ("A1", sender.token, "FORBIDDEN"), ("A3", sender.token, "FORBIDDEN"),
                                    ("A2", owner.token, "FORBIDDEN"), ("A999", sender.token, "NOT_FOUND")):
        assert await api.error_code(INVITE, {"id": researcher, "message": HELLO}, token=token) == code
    assert await api.error_code(INVITE, {"id": "A2", "message": "  "}, token=sender.token) == "BAD_USER_INPUT"
    sent = (await api(INVITE, {"id": "A2", "message": HELLO}, token=sender.token))["sendCollaborationInvite"]
    assert (sent["status"], sent["message"], sent["to"]) == ("PENDING", HELLO, {"id": "A2"})
    assert await _reason(api, "A2", sender.token) == "INVITE_PENDING"
    assert await api.error_code(INVITE, {"id": "A2", "message": HELLO}, token=sender.token) == "CONFLICT"


async def test_owner_answers_and_sees_the_sender_once_accepted(api: Api, small_graph: neo4j.Driver) -> None:
    owner, sender = await api.user("owner@uni.example"), await api.user("sender@example.org", name="Sender")
    await api(CLAIM, {"id": "A2"}, token=owner.token)
    sent = (await api(INVITE, {"id": "A2", "message": HELLO}, token=sender.token))["sendCollaborationInvite"]
    received = (await api(RECEIVED, {"status": "PENDING"}, token=owner.token))["me"]["invitations"]
    assert received == [{"id": sent["id"], "status": "PENDING", "message": HELLO, "to": {"id": "A2"},
                         "from": {"id": sender.id, "displayName": "Sender", "email": None}}]
    assert await api.error_code(RESPOND, {"id": sent["id"], "response": "ACCEPT"}, token=sender.token) \
        == "FORBIDDEN"
    answered = (await api(RESPOND, {"id": sent["id"], "response": "ACCEPT"}, token=owner.token))["respondToInvite"]
    assert answered == {"id": sent["id"], "status": "ACCEPTED", "from": {"id": sender.id, "email": sender.email}}
    assert await api.error_code(RESPOND, {"id": sent["id"], "response": "DECLINE"}, token=owner.token) == "CONFLICT"
    assert await api.error_code(RESPOND, {"id": "inv_nope", "response": "DECLINE"}, token=owner.token) \
        == "NOT_FOUND"
    assert (await api(SENT, token=sender.token))["me"]["sentInvitations"] == \
        [{"id": sent["id"], "status": "ACCEPTED", "to": {"id": "A2"}}]
    assert (await api(RECEIVED, {"status": "PENDING"}, token=owner.token))["me"]["invitations"] == []


async def test_block_stops_invitations(api: Api, small_graph: neo4j.Driver) -> None:
    owner, sender = await api.user("owner@uni.example"), await api.user("pest@example.org")
    await api(CLAIM, {"id": "A2"}, token=owner.token)
    sent = (await api(INVITE, {"id": "A2", "message": HELLO}, token=sender.token))["sendCollaborationInvite"]
    assert (await api(BLOCK, {"id": sender.id}, token=owner.token))["blockUser"] == {"id": sender.id}
    assert (await api(RECEIVED, {}, token=owner.token))["me"]["invitations"][0]["status"] == "DECLINED"
    assert sent["id"]
    assert await api.error_code(INVITE, {"id": "A2", "message": HELLO}, token=sender.token) == "FORBIDDEN"
    assert await _reason(api, "A2", sender.token) == "UNAVAILABLE"
    assert await api.error_code(BLOCK, {"id": owner.id}) == "UNAUTHENTICATED"
    assert await api.error_code(BLOCK, {"id": owner.id}, token=owner.token) == "NOT_FOUND"  # not oneself
    await api(UNBLOCK, {"id": sender.id}, token=owner.token)
    assert await _reason(api, "A2", sender.token) is None


async def test_invitations_are_rate_limited_per_sender(api: Api, small_graph: neo4j.Driver) -> None:
    owner, sender = await api.user("owner@uni.example"), await api.user("eager@example.org")
    await api(CLAIM, {"id": "A2"}, token=owner.token)
    await api(INVITE, {"id": "A2", "message": HELLO}, token=sender.token)
    for _ in range(ratelimit.INVITES_PER_SENDER.hits - 1):
        assert await api.error_code(INVITE, {"id": "A2", "message": HELLO}, token=sender.token) == "CONFLICT"
    assert await api.error_code(INVITE, {"id": "A2", "message": HELLO}, token=sender.token) == "RATE_LIMITED"
