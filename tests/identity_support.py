"""Shared helpers for the identity tests: a GraphQL runner with settings, accounts, moderators, graph dumps."""

from __future__ import annotations

import dataclasses
import email
import re
from collections.abc import AsyncIterator
from email.message import Message
from pathlib import Path
from typing import Any

import neo4j
import pytest

from scholargraph import db
from scholargraph.auth.commands import set_role
from scholargraph.context import make_context
from scholargraph.settings import Settings

PASSWORD = "correct horse battery"
_TOKEN = re.compile(r"Verification-Token: ([A-Za-z0-9_-]+)")

REGISTER = """mutation($email: String!, $password: String!, $name: String!) {
  register(email: $email, password: $password, displayName: $name) { id email emailVerified roles } }"""
VERIFY = "mutation($token: String!) { verifyEmail(token: $token) { id emailVerified } }"
LOGIN = """mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt user { id email } } }"""


def token_in(message: Message) -> str:
    """The verification token a mail carries."""
    body = message.get_body(("plain",)) if hasattr(message, "get_body") else message
    found = _TOKEN.search(body.get_content() if hasattr(body, "get_content") else str(body))
    assert found, "no verification token in the mail"
    return found.group(1)


@dataclasses.dataclass
class User:
    id: str
    email: str
    token: str


class Api:
    """Runs GraphQL documents as the service would, with a fresh context per call and mail to `outbox`."""

    def __init__(self, graph: db.Graph, settings: Settings) -> None:
        self.graph = graph
        self.settings = settings
        self.outbox = settings.mail_outbox

    async def __call__(self, document: str, variables: dict[str, Any] | None = None, *, token: str | None = None,
                       expect_errors: bool = False, graph: db.Graph | None = None) -> Any:
        from scholargraph.schema.root import schema

        context = make_context(graph or self.graph, token=token, settings=self.settings)
        result = await schema.execute(document, variable_values=variables or {}, context_value=context)
        if expect_errors:
            return result
        assert result.errors is None, [error.formatted for error in result.errors]
        return result.data

    async def error_code(self, document: str, variables: dict[str, Any] | None = None, *,
                         token: str | None = None) -> str:
        """The `extensions.code` of the first error (asserts there is one)."""
        result = await self(document, variables, token=token, expect_errors=True)
        assert result.errors, f"expected an error, got {result.data}"
        return result.errors[0].extensions["code"]

    def mailed_token(self, address: str) -> str:
        """The token from the newest verification mail written to the outbox for `address`."""
        for path in sorted(Path(self.outbox).glob("*.eml"), key=lambda p: p.stat().st_mtime_ns, reverse=True):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["To"] == address:
                return token_in(message)
        raise AssertionError(f"no mail to {address} in {self.outbox}")

    async def user(self, address: str, *, verified: bool = True, name: str = "Test User") -> User:
        """Register (and verify, unless told not to) an account, then sign in."""
        data = await self(REGISTER, {"email": address, "password": PASSWORD, "name": name})
        if verified:
            await self(VERIFY, {"token": self.mailed_token(address)})
        session = await self(LOGIN, {"email": address, "password": PASSWORD})
        return User(id=data["register"]["id"], email=address, token=session["login"]["token"])

    async def moderator(self, address: str = "mod@scholargraph.test") -> User:
        user = await self.user(address, name="Moderator")
        assert await set_role(self.graph, address, "moderator", True) == ["moderator"]
        return user


@pytest.fixture
async def api(graph: db.Graph, settings: Settings, tmp_path: Path) -> AsyncIterator[Api]:
    yield Api(graph, dataclasses.replace(settings, smtp_host=None, mail_outbox=tmp_path / "outbox"))


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.iso_format() if hasattr(value, "iso_format") else value


def graph_dump(driver: neo4j.Driver, settings: Settings) -> list[Any]:
    """Every node and relationship with labels, type and properties, sorted; rate-limit counters left out."""
    records, _, _ = driver.execute_query(
        """MATCH (n) WHERE NOT n:RateBucket
           RETURN 'node' AS kind, labels(n) AS labels, properties(n) AS props, elementId(n) AS key
           UNION ALL
           MATCH (a)-[r]->(b)
           RETURN 'rel' AS kind, [type(r)] AS labels, properties(r) AS props,
                  elementId(a) + '>' + elementId(b) AS key""",
        database_=settings.neo4j_database,
    )
    rows = [(r["kind"], sorted(r["labels"]), sorted((k, repr(_plain(v))) for k, v in r["props"].items()), r["key"])
            for r in records]
    return sorted(rows, key=repr)


SMALL_GRAPH = """
CREATE (uni:Institution {id: 'I1', name: 'Example University', domains: ['uni.example']})
CREATE (other:Institution {id: 'I2', name: 'Other Institute', domains: ['other.example']})
CREATE (a1:Researcher {id: 'A1', name: 'Alpha Unaffiliated', openToCollaborate: true})
CREATE (a2:Researcher {id: 'A2', name: 'Beta Example', orcid: '0000-0002-0000-0002', openToCollaborate: true})
CREATE (a3:Researcher {id: 'A3', name: 'Gamma Closed', openToCollaborate: false})
CREATE (a4:Researcher {id: 'A4', name: 'Delta Other', openToCollaborate: true})
CREATE (a2)-[:AFFILIATED_WITH {years: [2023, 2024], lastYear: 2024}]->(uni)
CREATE (a3)-[:AFFILIATED_WITH {years: [2024], lastYear: 2024}]->(uni)
CREATE (a4)-[:AFFILIATED_WITH {years: [2024], lastYear: 2024}]->(other)
CREATE (w1:Work {id: 'W1', title: 'First work', year: 2024, sortDate: '2024-01-01', authorNames: ['Beta Example']})
CREATE (w2:Work {id: 'W2', title: 'Second work', year: 2023, sortDate: '2023-01-01', authorNames: ['Beta Example']})
CREATE (w3:Work {id: 'W3', title: 'Not theirs', year: 2022, sortDate: '2022-01-01', authorNames: ['Alpha']})
CREATE (a2)-[:AUTHORED {position: 0}]->(w1), (a2)-[:AUTHORED {position: 0}]->(w2), (a1)-[:AUTHORED {position: 0}]->(w3)
"""


@pytest.fixture
def small_graph(clean_graph: neo4j.Driver, settings: Settings) -> neo4j.Driver:
    """Four researchers: A1 (no institution), A2 (uni.example, ORCID, works W1 W2), A3 (uni.example, not open to
    collaborate), A4 (other.example); A1 authored W3."""
    clean_graph.execute_query(SMALL_GRAPH, database_=settings.neo4j_database)
    return clean_graph


CLAIM = """mutation($id: ID!, $evidence: ClaimEvidence) {
  claimResearcher(researcherId: $id, evidence: $evidence) {
    id status reasons method researcher { id } claimant { id } } }"""
REVIEW = """mutation($id: ID!, $decision: ClaimDecision!, $reason: String) {
  reviewClaim(claimId: $id, decision: $decision, reason: $reason) { id status reasons method moderatorNote } }"""
INVITE = """mutation($id: ID!, $message: String!) {
  sendCollaborationInvite(researcherId: $id, message: $message) { id status message from { id email } to { id } } }"""
RESPOND = """mutation($id: ID!, $response: InviteResponse!) {
  respondToInvite(inviteId: $id, response: $response) { id status from { id email } } }"""
