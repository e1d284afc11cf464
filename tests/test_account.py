"""Accounts and sessions: register, verify (outbox and real SMTP), login, logout, password change, limits, CLI."""

from __future__ import annotations

import asyncio
import dataclasses
import email
import hashlib
import os
import socket
import statistics
import subprocess
import sys
import time
from typing import Any

import neo4j
from aiosmtpd.controller import Controller
from argon2 import PasswordHasher
from identity_support import LOGIN, PASSWORD, REGISTER, VERIFY, Api, api, token_in  # noqa: F401 (fixture)

from scholargraph.auth import passwords, ratelimit
from scholargraph.cli.main import main as cli_main
from conftest import cypher_rows
from scholargraph.settings import Settings

ME = "{ me { id email displayName emailVerified roles } }"
LOGOUT = "mutation { logout }"
CHANGE = """mutation($current: String!, $new: String!) {
  changePassword(current: $current, new: $new) { token expiresAt user { id } } }"""
FOLLOW = "mutation($id: ID!) { follow(researcherId: $id) { id } }"


async def test_register_verify_login_me(api: Api, clean_graph: neo4j.Driver, settings: Settings) -> None:
    data = await api(REGISTER, {"email": " Ada@Example.ORG ", "password": PASSWORD, "name": "Ada"})
    assert data["register"] == {"id": data["register"]["id"], "email": "ada@example.org", "emailVerified": False,
                                "roles": []}
    assert (await api(VERIFY, {"token": api.mailed_token("ada@example.org")}))["verifyEmail"]["emailVerified"]
    session = (await api(LOGIN, {"email": "ada@example.org", "password": PASSWORD}))["login"]
    me = (await api(ME, token=session["token"]))["me"]
    assert me == {"id": data["register"]["id"], "email": "ada@example.org", "displayName": "Ada",
                  "emailVerified": True, "roles": []}
    stored = cypher_rows(clean_graph, settings, "MATCH (s:Session)-[:OF]->(u:User) RETURN s.tokenHash AS h, "
                         "u.passwordHash AS p")
    assert stored == [{"h": hashlib.sha256(session["token"].encode()).hexdigest(), "p": stored[0]["p"]}]
    assert stored[0]["p"].startswith("$argon2id$")


async def test_me_is_null_when_anonymous(api: Api, clean_graph: neo4j.Driver) -> None:
    assert (await api(ME))["me"] is None
    assert (await api(ME, token="not-a-session"))["me"] is None


async def test_register_rejects_taken_email_and_bad_input(api: Api, clean_graph: neo4j.Driver) -> None:
    await api.user("taken@example.org")
    assert await api.error_code(REGISTER, {"email": "TAKEN@example.org", "password": PASSWORD, "name": "X"}) \
        == "CONFLICT"
    assert await api.error_code(REGISTER, {"email": "no-at-sign", "password": PASSWORD, "name": "X"}) \
        == "BAD_USER_INPUT"
    assert await api.error_code(REGISTER, {"email": "a@example.org", "password": "short", "name": "X"}) \
        == "BAD_USER_INPUT"
    assert await api.error_code(REGISTER, {"email": "a@example.org", "password": PASSWORD, "name": " "}) \
        == "BAD_USER_INPUT"


async def test_verification_token_works_once(api: Api, clean_graph: neo4j.Driver) -> None:
    await api(REGISTER, {"email": "once@example.org", "password": PASSWORD, "name": "Once"})
    token = api.mailed_token("once@example.org")
    await api(VERIFY, {"token": token})
    assert await api.error_code(VERIFY, {"token": token}) == "BAD_USER_INPUT"


async def test_request_email_verification_sends_a_new_token(api: Api, clean_graph: neo4j.Driver) -> None:
    user = await api.user("later@example.org", verified=False)
    first = api.mailed_token(user.email)
    await asyncio.sleep(0.01)
    assert (await api("mutation { requestEmailVerification }", token=user.token))["requestEmailVerification"]
    second = api.mailed_token(user.email)
    assert second != first
    assert await api.error_code(VERIFY, {"token": first}) == "BAD_USER_INPUT"
    await api(VERIFY, {"token": second})
    assert await api.error_code("mutation { requestEmailVerification }", token=user.token) == "CONFLICT"


async def _login_error(api: Api, address: str, password: str) -> tuple[Any, float]:
    started = time.perf_counter()
    result = await api(LOGIN, {"email": address, "password": password}, expect_errors=True)
    return result.errors[0], time.perf_counter() - started


def _production_hasher(monkeypatch: Any) -> None:
    """The service's default Argon2 cost (the suite runs with the cheapest profile) for a test about that cost."""
    hasher = PasswordHasher.from_parameters(passwords.PROFILES["rfc9106-low-memory"])
    monkeypatch.setattr(passwords, "_hasher", hasher)
    monkeypatch.setattr(passwords, "_DUMMY_HASH", hasher.hash("not a password anybody has: the e-mail was unknown"))


def test_password_hashes_use_rfc9106_low_memory_by_default() -> None:
    environ = {k: v for k, v in os.environ.items() if k != "PASSWORD_HASH_PROFILE"}
    probe = ("from scholargraph.auth import passwords as p; h = p._hasher; "
             "print(h.time_cost, h.memory_cost, h.parallelism, h.hash('a password').split('$')[3])")
    done = subprocess.run([sys.executable, "-c", probe], env=environ, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["3", "65536", "4", "m=65536,t=3,p=4"]
    refused = subprocess.run([sys.executable, "-c", "import scholargraph.auth.passwords"],
                             env={**environ, "PASSWORD_HASH_PROFILE": "fast"}, capture_output=True, text=True,
                             check=False)
    assert refused.returncode != 0 and "PASSWORD_HASH_PROFILE must be one of" in refused.stderr
    # The cost travels in the hash: a hash made under one profile verifies under the other.
    cheap = PasswordHasher.from_parameters(passwords.PROFILES["cheapest"])
    strong = PasswordHasher.from_parameters(passwords.PROFILES["rfc9106-low-memory"])
    assert strong.verify(cheap.hash("a password"), "a password") and cheap.verify(strong.hash("pw 2"), "pw 2")


async def test_login_answers_alike_for_unknown_email_and_wrong_password(api: Api, clean_graph: neo4j.Driver,
                                                                       monkeypatch: Any) -> None:
    _production_hasher(monkeypatch)  # both answers must cost one real Argon2 verification
    await api.user("known@example.org")
    wrong, unknown = [], []
    for _ in range(3):
        wrong.append(await _login_error(api, "known@example.org", "wrong password!"))
        unknown.append(await _login_error(api, "nobody@example.org", "wrong password!"))
    assert {(e.message, e.extensions["code"]) for e, _ in wrong + unknown} == \
        {("Invalid e-mail or password.", "UNAUTHENTICATED")}
    wrong_time, unknown_time = statistics.median(t for _, t in wrong), statistics.median(t for _, t in unknown)
    # Both pay one Argon2 verification; a shared 2-core box is noisy, so allow a wide margin.
    assert 0.4 < wrong_time / unknown_time < 2.5, (wrong_time, unknown_time)


async def test_login_is_rate_limited_per_account(api: Api, clean_graph: neo4j.Driver, settings: Settings) -> None:
    await api.user("target@example.org")  # its own successful login counts as one attempt
    for _ in range(ratelimit.LOGIN_PER_ACCOUNT.hits - 1):
        error, _ = await _login_error(api, "target@example.org", "guess guess guess")
        assert error.extensions["code"] == "UNAUTHENTICATED"
    error, _ = await _login_error(api, "target@example.org", PASSWORD)
    assert error.extensions["code"] == "RATE_LIMITED"
    buckets = cypher_rows(clean_graph, settings, "MATCH (b:RateBucket) WHERE b.subject = $s RETURN b.count AS c",
                          s="login-account:target@example.org")
    assert buckets == [{"c": ratelimit.LOGIN_PER_ACCOUNT.hits + 1}]
    # Another account is not affected.
    await api.user("bystander@example.org")


async def test_rate_limit_counts_across_connections(api: Api, clean_graph: neo4j.Driver, settings: Settings) -> None:
    """Two replicas (two drivers) share one counter: the limit holds for their sum."""
    from scholargraph import db

    limit = dataclasses.replace(ratelimit.LOGIN_PER_ACCOUNT, scope="test", hits=5)
    async with db.connect(settings) as other:
        outcomes = await asyncio.gather(*(ratelimit.hit(g, limit, "shared") for g in [api.graph, other] * 4),
                                        return_exceptions=True)
    assert sum(1 for o in outcomes if o is None) == 5
    assert all(type(o).__name__ == "RateLimited" for o in outcomes if o is not None)


async def test_logout_revokes_the_token(api: Api, clean_graph: neo4j.Driver) -> None:
    user = await api.user("bye@example.org")
    assert (await api(LOGOUT, token=user.token))["logout"] is True
    assert (await api(ME, token=user.token))["me"] is None
    assert await api.error_code(FOLLOW, {"id": "A1"}, token=user.token) == "UNAUTHENTICATED"
    assert await api.error_code(LOGOUT, token=user.token) == "UNAUTHENTICATED"


async def test_expired_session_is_refused(api: Api, clean_graph: neo4j.Driver, settings: Settings) -> None:
    user = await api.user("old@example.org")
    cypher_rows(clean_graph, settings, "MATCH (s:Session) SET s.expiresAt = datetime() - duration('PT1S')")
    assert (await api(ME, token=user.token))["me"] is None
    assert await api.error_code(FOLLOW, {"id": "A1"}, token=user.token) == "UNAUTHENTICATED"


async def test_change_password_revokes_every_session(api: Api, clean_graph: neo4j.Driver) -> None:
    user = await api.user("change@example.org")
    other_device = (await api(LOGIN, {"email": user.email, "password": PASSWORD}))["login"]["token"]
    assert await api.error_code(CHANGE, {"current": "not it at all", "new": "brand new secret"},
                                token=user.token) == "FORBIDDEN"
    fresh = (await api(CHANGE, {"current": PASSWORD, "new": "brand new secret"}, token=user.token))["changePassword"]
    assert (await api(ME, token=user.token))["me"] is None
    assert (await api(ME, token=other_device))["me"] is None
    assert (await api(ME, token=fresh["token"]))["me"]["id"] == user.id
    assert await api.error_code(LOGIN, {"email": user.email, "password": PASSWORD}) == "UNAUTHENTICATED"
    await api(LOGIN, {"email": user.email, "password": "brand new secret"})
    assert await api.error_code(CHANGE, {"current": "brand new secret", "new": "x"}) == "BAD_USER_INPUT"
    assert await api.error_code(CHANGE, {"current": "brand new secret", "new": "another secret"}) \
        == "UNAUTHENTICATED"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"


async def test_verification_mail_goes_out_over_smtp(api: Api, clean_graph: neo4j.Driver) -> None:
    inbox, port = _Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        api.settings = dataclasses.replace(api.settings, smtp_host="127.0.0.1", smtp_port=port,
                                           public_url="https://scholargraph.example")
        await api(REGISTER, {"email": "smtp@example.org", "password": PASSWORD, "name": "Mailed"})
    finally:
        controller.stop()
    assert len(inbox.messages) == 1 and not list(api.outbox.glob("*.eml"))
    message = inbox.messages[0]
    assert message["To"] == "smtp@example.org"
    token = token_in(message)
    assert f"https://scholargraph.example/verify-email?token={token}" in message.get_body(("plain",)).get_content()
    assert (await api(VERIFY, {"token": token}))["verifyEmail"]["emailVerified"] is True


def test_cli_grants_and_revokes_moderator(clean_graph: neo4j.Driver, settings: Settings) -> None:
    cypher_rows(clean_graph, settings, "CREATE (:User {id: 'usr_cli', email: 'cli@example.org', roles: []})")
    instance = settings.local_instance.name if settings.local_instance else "test"
    assert cli_main(["users", "grant", "moderator", "CLI@example.org", "--instance", instance]) == 0
    assert cypher_rows(clean_graph, settings, "MATCH (u:User) RETURN u.roles AS r") == [{"r": ["moderator"]}]
    assert cli_main(["users", "revoke", "moderator", "cli@example.org", "--instance", instance]) == 0
    assert cypher_rows(clean_graph, settings, "MATCH (u:User) RETURN u.roles AS r") == [{"r": []}]
    assert cli_main(["users", "grant", "moderator", "nobody@example.org", "--instance", instance]) == 1
