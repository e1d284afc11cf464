"""The authorization matrix: every mutation and private field, called in every role; only permitted cells
succeed, and a refused call leaves every node, relationship and property as it was."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import neo4j
from identity_support import (  # noqa: F401 (fixtures)
    CLAIM, INVITE, LOGIN, PASSWORD, REGISTER, RESPOND, REVIEW, Api, User, api, graph_dump, small_graph,
)

from scholargraph.settings import Settings

ROLES = ("anonymous", "user", "unverified", "owner", "other_owner", "moderator")
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
VERIFIED = SIGNED_IN - {"unverified"}


@dataclass
class Setup:
    users: dict[str, User]
    filer: User
    claim_id: str
    invite_id: str
    counter: list[int] = field(default_factory=lambda: [0])

    def fresh_email(self) -> str:
        self.counter[0] += 1
        return f"new{self.counter[0]}@example.org"


@dataclass(frozen=True)
class Cell:
    name: str
    document: str
    variables: Callable[[Setup, str], dict[str, Any]]
    allowed: frozenset[str]
    refused_code: dict[str, str] = field(default_factory=dict)  # role -> code, default by role below
    fresh_session: bool = False


def _none(setup: Setup, role: str) -> dict[str, Any]:
    return {}


MATRIX = [
    Cell("register", REGISTER, lambda s, r: {"email": s.fresh_email(), "password": PASSWORD, "name": "N"},
         frozenset(ROLES)),
    Cell("verifyEmail", "mutation { verifyEmail(token: \"forged\") { id } }", _none, frozenset(),
         {role: "BAD_USER_INPUT" for role in ROLES}),
    Cell("requestEmailVerification", "mutation { requestEmailVerification }", _none, frozenset({"unverified"}),
         {role: "CONFLICT" for role in VERIFIED}),
    Cell("login", LOGIN, lambda s, r: {"email": s.users.get(r, s.filer).email, "password": "wrong password"},
         frozenset(), {role: "UNAUTHENTICATED" for role in ROLES}),
    Cell("follow", "mutation { follow(researcherId: \"A1\") { id } }", _none, SIGNED_IN),
    Cell("unfollow", "mutation { unfollow(researcherId: \"A1\") { id } }", _none, SIGNED_IN),
    Cell("claimResearcher", CLAIM, lambda s, r: {"id": "A1", "evidence": {"note": "me"}}, VERIFIED),
    Cell("reviewClaim", REVIEW, lambda s, r: {"id": s.claim_id, "decision": "NEEDS_EVIDENCE"},
         frozenset({"moderator"})),
    Cell("claims", "{ claims { id } }", _none, frozenset({"moderator"})),
    Cell("claims.claimant.following", "{ claims { claimant { following { totalCount } } } }", _none,
         frozenset()),
    Cell("updateResearcherProfile",
         "mutation { updateResearcherProfile(researcherId: \"A2\", input: {summary: \"edited\"}) { id } }",
         _none, frozenset({"owner"})),
    Cell("hideWork", "mutation { hideWork(researcherId: \"A2\", workId: \"W1\") { id } }", _none,
         frozenset({"owner"})),
    Cell("unhideWork", "mutation { unhideWork(researcherId: \"A2\", workId: \"W1\") { id } }", _none,
         frozenset({"owner"})),
    Cell("Researcher.auditTrail", "{ researcher(id: \"A2\") { auditTrail { field } } }", _none,
         frozenset({"owner", "moderator"})),
    Cell("Researcher.hiddenWorkIds", "{ researcher(id: \"A2\") { hiddenWorkIds } }", _none,
         frozenset({"owner", "moderator"})),
    Cell("sendCollaborationInvite", INVITE, lambda s, r: {"id": "A2", "message": "hello"},
         frozenset({"user", "other_owner", "moderator"})),
    Cell("respondToInvite", RESPOND, lambda s, r: {"id": s.invite_id, "response": "DECLINE"},
         frozenset({"owner"})),
    Cell("blockUser", "mutation($id: ID!) { blockUser(userId: $id) { id } }", lambda s, r: {"id": s.filer.id},
         SIGNED_IN),
    Cell("unblockUser", "mutation($id: ID!) { unblockUser(userId: $id) { id } }", lambda s, r: {"id": s.filer.id},
         SIGNED_IN),
    Cell("me.email", "{ me { email } }", _none, SIGNED_IN),
    Cell("me.following", "{ me { following { totalCount } } }", _none, SIGNED_IN),
    Cell("me.claims", "{ me { claims { id } } }", _none, SIGNED_IN),
    Cell("me.invitations", "{ me { invitations { id } } }", _none, SIGNED_IN),
    Cell("me.sentInvitations", "{ me { sentInvitations { id } } }", _none, SIGNED_IN),
    Cell("logout", "mutation { logout }", _none, SIGNED_IN, fresh_session=True),
    # Last: a password change ends every session of the user.
    Cell("changePassword", 'mutation { changePassword(current: "' + PASSWORD + '", new: "another password") { token } }',
         _none, SIGNED_IN, fresh_session=True),
]


async def _setup(api: Api) -> Setup:
    users = {
        "user": await api.user("user@example.org"),
        "unverified": await api.user("unverified@uni.example", verified=False),
        "owner": await api.user("owner@uni.example"),
        "other_owner": await api.user("owner@other.example"),
        "moderator": await api.moderator(),
    }
    await api(CLAIM, {"id": "A2"}, token=users["owner"].token)
    await api(CLAIM, {"id": "A4"}, token=users["other_owner"].token)
    filer = await api.user("filer@example.org")
    claim = await api(CLAIM, {"id": "A1", "evidence": {"note": "it is me"}}, token=filer.token)
    invite = await api(INVITE, {"id": "A2", "message": "hi"}, token=filer.token)
    return Setup(users, filer, claim["claimResearcher"]["id"], invite["sendCollaborationInvite"]["id"])


def _succeeded(result: Any) -> bool:
    return not result.errors and result.data is not None and all(v is not None for v in result.data.values())


async def test_authorization_matrix(api: Api, small_graph: neo4j.Driver, settings: Settings) -> None:
    setup = await _setup(api)
    failures: list[str] = []
    refused = 0
    for cell in MATRIX:
        for role in ROLES:
            token = None
            if role != "anonymous":
                token = setup.users[role].token
                if cell.fresh_session:
                    token = (await api(LOGIN, {"email": setup.users[role].email, "password": PASSWORD}))["login"]["token"]
            permitted = role in cell.allowed
            before = None if permitted else graph_dump(small_graph, settings)
            result = await api(cell.document, cell.variables(setup, role), token=token, expect_errors=True)
            if permitted:
                if not _succeeded(result):
                    failures.append(f"{cell.name} as {role}: refused ({result.errors or result.data})")
                continue
            refused += 1
            expected = cell.refused_code.get(role, "UNAUTHENTICATED" if role == "anonymous" else "FORBIDDEN")
            if _succeeded(result):
                failures.append(f"{cell.name} as {role}: succeeded ({result.data})")
            elif result.errors and result.errors[0].extensions.get("code") != expected:
                failures.append(f"{cell.name} as {role}: {result.errors[0].extensions} (expected {expected})")
            elif not result.errors and role != "anonymous":
                failures.append(f"{cell.name} as {role}: null without an error")
            if graph_dump(small_graph, settings) != before:
                failures.append(f"{cell.name} as {role}: the refused call changed the graph")
    assert failures == []
    assert refused == sum(len(ROLES) - len(cell.allowed) for cell in MATRIX) == 77


async def test_another_users_session_cannot_act_for_the_owner(api: Api, small_graph: neo4j.Driver,
                                                              settings: Settings) -> None:
    setup = await _setup(api)
    before = graph_dump(small_graph, settings)
    for role in ("user", "other_owner", "moderator"):
        result = await api(RESPOND, {"id": setup.invite_id, "response": "ACCEPT"}, token=setup.users[role].token,
                           expect_errors=True)
        assert result.errors[0].extensions["code"] == "FORBIDDEN"
    assert graph_dump(small_graph, settings) == before
