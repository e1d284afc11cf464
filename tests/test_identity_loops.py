"""The identity loops through the API: mails that close them, evidence kept, cooling-off, account settings,
the follow feed from the importer's changes and the e-mail digest."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import neo4j

from scholargraph.auth.digest import send_digests
from scholargraph.importer import run as importer
from tests.conftest import cypher_rows
from tests.identity_support import CLAIM, INVITE, RESPOND, REVIEW, Api, api, small_graph  # noqa: F401
from scholargraph.settings import Settings

RESEND = "mutation($next: String) { requestEmailVerification(next: $next) }"
MY_CLAIMS = """{ me { claims { id status orcid evidenceUrl note earlierEvidence moderatorNote
  decisions { decision note at } } } }"""
QUEUE = """{ claims { id researcher { id affiliation { name } works(first: 5) { totalCount edges { node { title } } } }
  otherClaims { id status claimantName } } }"""
SENT = "{ me { sentInvitations { id status recipientEmail to { id } } } }"
CAN_INVITE = "query($id: ID!) { researcher(id: $id) { viewerCanInvite { allowed reason } } }"
ACCOUNT = "mutation($name: String!) { updateAccount(displayName: $name) { id displayName } }"
EVERYWHERE = "mutation { logoutEverywhere }"
ME = "{ me { id displayName } }"
FOLLOW = "mutation($id: ID!) { follow(researcherId: $id) { id } }"
FEED = "{ me { feed { kind text researcher { id } work { id title } citingWork { id } } } }"
HIDE = "mutation($r: ID!, $w: ID!) { hideWork(researcherId: $r, workId: $w) { id } }"
HIDDEN = "query($id: ID!) { researcher(id: $id) { hiddenWorks { id title } works { totalCount } } }"


def mails(outbox: Path, address: str) -> list[EmailMessage]:
    """Every mail written to the outbox for `address`, oldest first."""
    found = []
    for path in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == address:
            found.append(message)
    return found  # type: ignore[return-value]


def text_of(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def html_of(message: EmailMessage) -> str:
    return message.get_body(("html",)).get_content()  # type: ignore[union-attr]


async def test_resend_verification_mails_a_link_back_and_is_rate_limited(api: Api, small_graph: neo4j.Driver) -> None:
    user = await api.user("late@example.org", verified=False)
    assert (await api(RESEND, {"next": "/researchers/A2"}, token=user.token))["requestEmailVerification"] is True
    last = mails(api.outbox, "late@example.org")[-1]
    assert "/verify-email?token=" in text_of(last) and "next=%2Fresearchers%2FA2" in text_of(last)
    assert 'href="http' in html_of(last) and "Verification-Token" in text_of(last)
    for _ in range(2):
        await api(RESEND, {"next": None}, token=user.token)
    assert await api.error_code(RESEND, {"next": None}, token=user.token) == "RATE_LIMITED"
    assert len(mails(api.outbox, "late@example.org")) == 4  # the registration mail and three resends


async def test_resend_refuses_another_host_as_next(api: Api, small_graph: neo4j.Driver) -> None:
    user = await api.user("hop@example.org", verified=False)
    await api(RESEND, {"next": "//evil.example/x"}, token=user.token)
    assert "evil" not in text_of(mails(api.outbox, "hop@example.org")[-1])


async def test_needs_evidence_keeps_earlier_evidence_and_mails_the_note(api: Api, small_graph: neo4j.Driver) -> None:
    claimant = await api.user("alpha@example.org")
    moderator = await api.moderator()
    rival = await api.user("rival@example.org")
    first = (await api(CLAIM, {"id": "A1", "evidence": {"evidenceUrl": "https://example.org/me"}},
                       token=claimant.token))["claimResearcher"]
    await api(CLAIM, {"id": "A1", "evidence": None}, token=rival.token)
    queue = (await api(QUEUE, token=moderator.token))["claims"]
    mine = next(c for c in queue if c["id"] == first["id"])
    assert [o["claimantName"] for o in mine["otherClaims"]] == ["Test User"]
    assert mine["researcher"]["works"]["totalCount"] == 1
    note = "Please add a link to your university homepage."
    await api(REVIEW, {"id": first["id"], "decision": "NEEDS_EVIDENCE", "reason": note}, token=moderator.token)
    decision_mail = mails(api.outbox, "alpha@example.org")[-1]
    assert "needs more evidence" in decision_mail["Subject"] and note in text_of(decision_mail)
    assert "/researchers/A1" in text_of(decision_mail)
    await api(CLAIM, {"id": "A1", "evidence": {"evidenceUrl": "https://uni.example/alpha", "note": "My page."}},
              token=claimant.token)
    claim = (await api(MY_CLAIMS, token=claimant.token))["me"]["claims"][0]
    assert claim["status"] == "PENDING" and claim["evidenceUrl"] == "https://uni.example/alpha"
    assert claim["earlierEvidence"] == ["Link: https://example.org/me"] and claim["note"] == "My page."
    assert [(d["decision"], d["note"]) for d in claim["decisions"]] == [("NEEDS_EVIDENCE", note)]
    await api(REVIEW, {"id": first["id"], "decision": "APPROVE", "reason": None}, token=moderator.token)
    approved = mails(api.outbox, "alpha@example.org")[-1]
    assert "approved" in approved["Subject"] and "/researchers/A1/manage" in text_of(approved)


async def invite_setup(api: Api) -> tuple[Any, Any]:
    owner = await api.user("beta@uni.example", name="Beta Owner")
    sender = await api.user("sender@example.org", name="Sam Sender")
    assert (await api(CLAIM, {"id": "A2", "evidence": None}, token=owner.token))["claimResearcher"]["status"] \
        == "APPROVED"
    return owner, sender


async def test_invitation_mails_both_sides_and_cools_off(api: Api, small_graph: neo4j.Driver) -> None:
    owner, sender = await invite_setup(api)
    invitation = (await api(INVITE, {"id": "A2", "message": "Shall we <b>write</b> together?"},
                            token=sender.token))["sendCollaborationInvite"]
    received = mails(api.outbox, "beta@uni.example")[-1]
    assert received["Subject"] == "Sam Sender invites you to collaborate"
    assert "> Shall we <b>write</b> together?" in text_of(received)
    assert "&lt;b&gt;write&lt;/b&gt;" in html_of(received) and "/invitations" in text_of(received)
    await api(RESPOND, {"id": invitation["id"], "response": "ACCEPT"}, token=owner.token)
    answered = mails(api.outbox, "sender@example.org")[-1]
    assert answered["Subject"] == "Beta Example accepted your invitation"
    assert "beta@uni.example" in text_of(answered) and "/invitations?view=sent" in text_of(answered)
    sent = (await api(SENT, token=sender.token))["me"]["sentInvitations"]
    assert [(s["status"], s["recipientEmail"]) for s in sent] == [("ACCEPTED", "beta@uni.example")]
    can = (await api(CAN_INVITE, {"id": "A2"}, token=sender.token))["researcher"]["viewerCanInvite"]
    assert can == {"allowed": False, "reason": "COOLING_OFF"}
    assert await api.error_code(INVITE, {"id": "A2", "message": "Again?"}, token=sender.token) == "CONFLICT"


async def test_declined_invitation_is_mailed_without_contact(api: Api, small_graph: neo4j.Driver) -> None:
    owner, sender = await invite_setup(api)
    invitation = (await api(INVITE, {"id": "A2", "message": "Hello"}, token=sender.token))["sendCollaborationInvite"]
    await api(RESPOND, {"id": invitation["id"], "response": "DECLINE"}, token=owner.token)
    answered = mails(api.outbox, "sender@example.org")[-1]
    assert "declined" in answered["Subject"] and "beta@uni.example" not in answered.as_string()
    sent = (await api(SENT, token=sender.token))["me"]["sentInvitations"]
    assert sent[0]["recipientEmail"] is None


async def test_account_name_change_and_sign_out_everywhere(api: Api, small_graph: neo4j.Driver) -> None:
    user = await api.user("names@example.org")
    other_device = (await api("""mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }""",
                              {"e": "names@example.org", "p": "correct horse battery"}))["login"]["token"]
    assert (await api(ACCOUNT, {"name": "  Dr. Names  "}, token=user.token))["updateAccount"]["displayName"] \
        == "Dr. Names"
    assert await api.error_code(ACCOUNT, {"name": " "}, token=user.token) == "BAD_USER_INPUT"
    assert await api.error_code(ACCOUNT, {"name": "X"}) == "UNAUTHENTICATED"
    assert (await api(EVERYWHERE, token=user.token))["logoutEverywhere"] is True
    assert (await api(ME, token=other_device))["me"] is None
    assert (await api(ME, token=user.token))["me"] is None


async def test_owner_sees_hidden_works_to_show_them_again(api: Api, small_graph: neo4j.Driver) -> None:
    owner, sender = await invite_setup(api)
    await api(HIDE, {"r": "A2", "w": "W1"}, token=owner.token)
    data = (await api(HIDDEN, {"id": "A2"}, token=owner.token))["researcher"]
    assert data == {"hiddenWorks": [{"id": "W1", "title": "First work"}], "works": {"totalCount": 1}}
    assert await api.error_code(HIDDEN, {"id": "A2"}, token=sender.token) == "FORBIDDEN"


def work_record(work_id: str, author_id: str, author_name: str, title: str, cites: list[str]) -> dict[str, Any]:
    """A minimal OpenAlex work, as the importer reads it."""
    return {
        "id": f"https://openalex.org/{work_id}", "title": title, "display_name": title, "type": "article",
        "publication_year": 2026, "publication_date": "2026-11-30", "updated_date": "2026-12-01T00:00:00",
        "authorships": [{"author_position": "first", "author": {"id": f"https://openalex.org/{author_id}",
                                                                "display_name": author_name}, "institutions": []}],
        "referenced_works": [f"https://openalex.org/{w}" for w in cites],
    }


async def test_imported_work_reaches_the_feed_and_the_digest_once(api: Api, small_graph: neo4j.Driver,
                                                                  settings: Settings) -> None:
    follower = await api.user("reader@example.org", name="Rita Reader")
    await api(FOLLOW, {"id": "A2"}, token=follower.token)
    assert (await api(FEED, token=follower.token))["me"]["feed"] == []
    records = [work_record("W90", "A1", "Alpha Unaffiliated", "Fresh results", ["W1"]),
               work_record("W91", "A2", "Beta Example", "A brand new paper", [])]
    for _ in range(2):  # a re-import records nothing twice
        await importer.import_records(records, api.graph)
    feed = (await api(FEED, token=follower.token))["me"]["feed"]
    assert sorted((e["kind"], e["work"]["id"]) for e in feed) == [("NEW_CITATION", "W1"), ("NEW_WORK", "W91")]
    assert "Beta Example has a new work: A brand new paper" in [e["text"] for e in feed]
    assert cypher_rows(small_graph, settings, "MATCH (e:FeedEvent) RETURN count(e) AS n") == [{"n": 2}]
    assert await send_digests(api.graph, api.settings) == 1
    digest = mails(api.outbox, "reader@example.org")[-1]
    assert digest["Subject"] == "ScholarGraph: 2 updates from researchers you follow"
    assert "A brand new paper" in text_of(digest) and "/following" in html_of(digest)
    assert await send_digests(api.graph, api.settings) == 0  # nothing new since


OWNER_PAGE = """query($id: ID!) { researcher(id: $id) { id summary openToCollaborate
  works(first: 100) { totalCount edges { node { id title year } } }
  hiddenWorks { id title } auditTrail { field oldValue newValue at by { displayName } } } }"""


async def round_trips(api: Api, document: str, variables: dict[str, Any] | None, token: str) -> int:
    before = api.graph.round_trips
    await api(document, variables, token=token)
    return api.graph.round_trips - before


async def test_pages_cost_a_bounded_number_of_round_trips(api: Api, small_graph: neo4j.Driver) -> None:
    moderator = await api.moderator()
    owner, _ = await invite_setup(api)
    claimants = [await api.user(f"c{i}@example.org") for i in range(3)]
    await api(CLAIM, {"id": "A1", "evidence": None}, token=claimants[0].token)
    one = await round_trips(api, QUEUE, None, moderator.token)
    for claimant, record in zip(claimants[1:], ("A3", "A4"), strict=True):
        await api(CLAIM, {"id": record, "evidence": None}, token=claimant.token)
    assert await round_trips(api, QUEUE, None, moderator.token) == one <= 4
    await api(HIDE, {"r": "A2", "w": "W1"}, token=owner.token)
    assert await round_trips(api, OWNER_PAGE, {"id": "A2"}, owner.token) <= 5
    await api(FOLLOW, {"id": "A2"}, token=owner.token)
    assert await round_trips(api, FEED, None, owner.token) <= 2
