"""The identity and collaboration loops walked in headless Chromium by two users and a moderator, with the mail
read from the outbox as a person would: claim, invitation, follow with news, resend verification; every page
checked with axe-core and photographed at 1280×800 and 390×844 (test-artifacts/identity-*.png)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import email
import email.policy
import re
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from scholargraph import db
from scholargraph.auth.digest import send_digests
from scholargraph.importer import run as importer
from scholargraph.settings import Settings
from tests.identity_support import PASSWORD
from tests.test_browser import (  # noqa: F401 - fixtures
    ARTIFACTS,
    CHROMIUM,
    QUANSHI_ID,
    SEED_ID,
    WAIT_MS,
    accounts,
    assert_no_horizontal_scroll,
    base_url,
    browser,
)
from tests.test_identity_loops import work_record
from tests.test_pages import seeded  # noqa: F401 - the module-scoped seed fixture

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
AXE = Path(__file__).resolve().parent.parent / "web" / "node_modules" / "axe-core" / "axe.min.js"
YILAN_ID = "A5013976340"  # Yilan Chen (Xi'an Jiaotong University), unclaimed in the seed
XU_ID = "A5068843512"  # Xu Cheng (SJTU), unclaimed in the seed
assert CHROMIUM


@pytest.fixture
def people(browser: Browser) -> Iterator[Callable[[], Page]]:  # noqa: F811
    """Open a fresh browser (own storage, so its own session) per person; no page may log an error."""
    contexts, errors = [], []

    def open_person() -> Page:
        context = browser.new_context(viewport=DESKTOP)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        return page

    yield open_person
    for context in contexts:
        context.close()
    assert not errors, errors


def axe_serious(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical findings on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) }));
    }""")
    return list(found)


def check(page: Page, name: str) -> None:
    """No serious axe finding; screenshots at 1280×800 and 390×844 (no sideways scrolling on the phone)."""
    assert axe_serious(page) == [], name
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(ARTIFACTS / f"identity-{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)
    assert axe_serious(page) == [], f"{name} (phone)"
    page.screenshot(path=str(ARTIFACTS / f"identity-{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def ready(page: Page, name: str) -> None:
    page.wait_for_selector(f'[data-page="{name}"][data-state="ready"]', timeout=WAIT_MS)


def profile_ready(page: Page) -> None:
    page.wait_for_selector('[data-actions][data-viewer-state="ready"]', timeout=WAIT_MS)


def sign_in(page: Page, base_url: str, address: str, next_path: str) -> None:  # noqa: F811
    page.goto(f"{base_url}/login?next={next_path}")
    page.get_by_label("E-mail").fill(address)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(base_url + next_path.split("?")[0])), timeout=WAIT_MS)


def newest_mail(outbox: Path, address: str, subject: str) -> EmailMessage:
    """The newest mail to `address` whose subject contains `subject` (asserts there is one)."""
    for path in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns, reverse=True):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == address and subject in message["Subject"]:
            return message  # type: ignore[return-value]
    pytest.fail(f"no mail to {address} about {subject!r} in {outbox}")


def plain(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def link_in(message: EmailMessage, base_url: str, label: str) -> str:
    """The URL on the line after `label:` in the plain text, made relative to the test server."""
    found = re.search(rf"{re.escape(label)}:\n(\S+)", plain(message))
    assert found, plain(message)
    assert found.group(1) in message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    return base_url + re.sub(r"^https?://[^/]+", "", found.group(1))


def in_thread(work: Any) -> Any:
    """Run a coroutine beside Playwright's event loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work).result()


def test_seed_profile_shows_the_scale_legend_and_claim_action(base_url: str, people: Callable[[], Page]) -> None:  # noqa: F811
    page = people()
    page.goto(f"{base_url}/researchers/{SEED_ID}")
    assert page.locator(".trust-score").inner_text().split() == ["13", "/", "100", "·", "Unverified"]
    assert page.locator('[data-field="trust-score"]').inner_text() == "13"
    assert page.locator('[data-field="verification-level"]').inner_text() == "L1"
    assert page.locator('[data-field="claim-status"]').inner_text() == "Unclaimed author"
    legend = page.locator('[data-field="trust-legend"]')
    legend.locator("summary").click()
    for words in ("Unverified", "Emerging", "Established", "Extensive", "L1", "L2", "L3"):
        assert legend.get_by_text(words, exact=True).count() == 1, words
    assert "Claiming links this public author record to a researcher profile and unlocks direct collaboration " \
           "workflows." in page.inner_text("[data-claim-box]")
    claim = page.get_by_role("link", name="Claim this profile")
    assert "intent%3Dclaim" in (claim.get_attribute("href") or "")
    check(page, "profile-anonymous")


def test_claim_needs_evidence_then_owner_edits(base_url: str, people: Callable[[], Page],  # noqa: F811
                                              settings: Settings) -> None:
    claimant, moderator = "yilan.chen@example.org", "claims.mod@scholargraph.test"
    accounts(settings, claimant, moderator=moderator)
    outbox = settings.mail_outbox
    me = people()
    sign_in(me, base_url, claimant, f"/researchers/{YILAN_ID}?intent=claim")
    profile_ready(me)
    me.wait_for_selector("#claim-form", timeout=WAIT_MS)  # the signed-out click on Claim resumed
    me.get_by_label("Link that shows this is you").fill("https://example.org/~yilan")
    me.get_by_role("button", name="Send claim").click()
    me.wait_for_selector('#claim-panel [data-claim-status="PENDING"]', timeout=WAIT_MS)
    assert "Link: https://example.org/~yilan" in me.inner_text("#claim-panel")
    check(me, "claim-pending")

    mod = people()
    sign_in(mod, base_url, moderator, "/moderation")
    ready(mod, "moderation")
    item = mod.locator(".claim-item", has_text="Yilan Chen")
    assert "Xi'an Jiaotong University" in item.inner_text()  # the record's affiliation, to judge by
    assert item.locator('[data-field="record-works"] li').count() >= 1
    check(mod, "moderation-record")
    note = "Please add a link to your university homepage."
    item.get_by_label("Note for the claimant").fill(note)
    item.get_by_role("button", name="Needs evidence").click()
    mod.wait_for_selector(".claim-item >> text=Yilan Chen", state="detached", timeout=WAIT_MS)

    asked = newest_mail(outbox, claimant, "needs more evidence")
    assert note in plain(asked)
    me.goto(link_in(asked, base_url, "Open the profile"))
    profile_ready(me)
    assert me.locator('#claim-panel [data-field="moderator-note"]').inner_text() == note  # the note reaches them
    assert me.locator("#claim-form").count() == 1  # and the form is there to answer in place
    check(me, "claim-needs-evidence")
    me.get_by_label("Link that shows this is you").fill("https://www.xjtu.edu.cn/people/yilan")
    me.get_by_role("button", name="Add evidence").click()
    me.wait_for_selector('#claim-panel [data-claim-status="PENDING"]', timeout=WAIT_MS)
    assert "Link: https://example.org/~yilan (given earlier)" in me.inner_text("#claim-panel")

    mod.select_option("#queue-status", "PENDING")
    mod.reload()
    ready(mod, "moderation")
    item = mod.locator(".claim-item", has_text="Yilan Chen")
    assert "https://example.org/~yilan" in item.inner_text() and note in item.inner_text()
    item.get_by_role("button", name="Reject").click()  # destructive: asks first
    assert "would have to file a new claim" in item.inner_text()
    check(mod, "moderation-confirm-reject")
    item.get_by_role("button", name="Cancel").click()
    item.get_by_role("button", name="Approve").click()
    mod.wait_for_selector(".claim-item >> text=Yilan Chen", state="detached", timeout=WAIT_MS)

    approved = newest_mail(outbox, claimant, "was approved")
    me.goto(link_in(approved, base_url, "Manage your record"))
    ready(me, "owner")
    first_title = me.locator("#owner-works li span").first.inner_text().rsplit(" (", 1)[0]
    me.get_by_label("Summary shown on your profile").fill("I study how networks learn, and <why>.")
    me.get_by_role("button", name="Save").click()
    me.wait_for_selector("#form-result >> text=Saved.", timeout=WAIT_MS)
    me.locator("#owner-works li").first.get_by_role("button", name=re.compile("^Hide")).click()
    me.wait_for_selector("#hidden-works li", timeout=WAIT_MS)
    assert me.locator("#audit-rows tr").count() == 2  # the summary and the hidden work
    check(me, "owner-page")
    me.goto(f"{base_url}/researchers/{YILAN_ID}")
    profile_ready(me)
    assert me.locator("[data-owner-message]").count() == 1
    assert "This is your own record" not in me.inner_text("[data-actions]")  # one owner message, not two
    check(me, "profile-owner")

    visitor = people()
    visitor.goto(f"{base_url}/researchers/{YILAN_ID}")
    assert visitor.locator('[data-field="summary"]').inner_text() == "I study how networks learn, and <why>."
    assert first_title not in visitor.locator(".work-list").inner_text()
    assert visitor.locator('[data-field="claim-status"]').inner_text() == "Claimed author"
    assert "dispute" in visitor.inner_text("[data-claim-box]")  # a clear path for the real person
    check(visitor, "profile-claimed-anonymous")


def test_invitation_accepted_informs_the_sender(base_url: str, people: Callable[[], Page],  # noqa: F811
                                                settings: Settings) -> None:
    owner, sender = "q.zhang@sjtu.edu.cn", "invites@example.org"
    _, claims = accounts(settings, owner, sender, claim={owner: QUANSHI_ID})
    assert claims[owner]["status"] == "APPROVED"
    outbox = settings.mail_outbox
    them = people()
    sign_in(them, base_url, sender, f"/researchers/{QUANSHI_ID}")
    profile_ready(them)
    them.get_by_role("button", name="Invite to collaborate").click()
    them.get_by_label("Message to Quanshi Zhang").fill("Shall we write a survey on knowledge distillation?")
    them.get_by_role("button", name="Send").click()
    them.wait_for_selector('[data-invite-result="sent"]', timeout=WAIT_MS)

    received = newest_mail(outbox, owner, "invites you to collaborate")
    assert "> Shall we write a survey on knowledge distillation?" in plain(received)
    me = people()
    sign_in(me, base_url, owner, "/invitations")
    ready(me, "invitations")
    assert link_in(received, base_url, "Answer the invitation").endswith("/invitations")
    invitation = me.locator("#invitation-list .invitation").first
    assert re.search(r"sent \d{4}-\d\d-\d\d", invitation.inner_text())  # ISO dates in every locale
    check(me, "invitations-received")
    invitation.get_by_role("button", name="Accept").click()
    me.wait_for_selector('#invitation-list [data-status="ACCEPTED"] [data-next-step]', timeout=WAIT_MS)
    mailto = me.locator('[data-field="sender-email"]')
    assert mailto.get_attribute("href") == f"mailto:{sender}"
    check(me, "invitations-accepted")

    accepted = newest_mail(outbox, sender, "accepted your invitation")
    assert owner in plain(accepted)
    them.goto(link_in(accepted, base_url, "See your sent invitations"))
    ready(them, "invitations")
    sent = them.locator("#sent-list .invitation").first
    assert sent.locator('[data-field="sent-status"]').inner_text() == "accepted"
    assert sent.get_by_role("link", name=owner).get_attribute("href") == f"mailto:{owner}"
    check(them, "invitations-sent")
    them.goto(f"{base_url}/researchers/{QUANSHI_ID}")
    profile_ready(them)
    assert them.locator('[data-action="invite-hint"]').get_attribute("data-reason") == "COOLING_OFF"


def test_signed_out_follow_resumes_and_news_reaches_the_feed(base_url: str, people: Callable[[], Page],  # noqa: F811
                                                             settings: Settings) -> None:
    reader = "reader@example.org"
    accounts(settings, reader)
    page = people()
    page.goto(f"{base_url}/researchers/{XU_ID}")
    page.get_by_role("link", name=re.compile("^Follow")).click()
    page.wait_for_url(re.compile("/login"), timeout=WAIT_MS)
    page.get_by_label("E-mail").fill(reader)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector('[data-intent-done="follow"]', timeout=WAIT_MS)
    assert page.locator('button[data-action="follow"]').get_attribute("aria-pressed") == "true"
    assert "intent" not in page.url
    check(page, "profile-follow-resumed")

    async def import_new_work() -> None:
        async with db.connect(settings) as graph:
            await importer.import_records([work_record("W4999000001", XU_ID, "Xu Cheng",
                                                       "Interpreting distilled knowledge, again", [])], graph)

    in_thread(import_new_work())
    page.get_by_role("link", name="Following").first.click()
    ready(page, "following")
    item = page.locator('#feed [data-kind="NEW_WORK"]').first
    assert item.inner_text().count("Xu Cheng has a new work: Interpreting distilled knowledge, again") == 1
    assert page.locator(f'#followed [data-researcher-id="{XU_ID}"]').count() == 1
    check(page, "following")

    async def digest() -> int:
        async with db.connect(settings) as graph:
            return await send_digests(graph, settings)

    assert in_thread(digest()) >= 1
    news = newest_mail(settings.mail_outbox, reader, "from researchers you follow")
    assert "Interpreting distilled knowledge, again" in plain(news)


def test_resend_verification_then_code_returns_to_the_profile(base_url: str,  # noqa: F811
                                                              people: Callable[[], Page], settings: Settings) -> None:
    address = "new.person@example.org"
    page = people()
    page.goto(f"{base_url}/register?next=/researchers/{SEED_ID}")
    page.get_by_label("Your name").fill("New Person")
    page.get_by_label("E-mail").fill(address)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("link", name="Continue").click()
    profile_ready(page)
    assert page.locator('#claim-panel [data-reason="EMAIL_NOT_VERIFIED"]').count() == 1
    first = newest_mail(settings.mail_outbox, address, "Confirm your e-mail")
    page.get_by_role("button", name="Send the mail again").click()
    page.wait_for_selector(".resend-result >> text=Sent.", timeout=WAIT_MS)
    check(page, "profile-resend")
    second = newest_mail(settings.mail_outbox, address, "Confirm your e-mail")
    assert plain(second) != plain(first)
    code = re.search(r"Verification-Token: (\S+)", plain(second)).group(1)  # type: ignore[union-attr]
    page.goto(f"{base_url}/verify-email?next=/researchers/{SEED_ID}")
    ready(page, "verify-email")
    check(page, "verify-code")
    page.get_by_label("Code from the mail").fill(code)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("link", name="Continue where you were").click()
    page.wait_for_url(f"{base_url}/researchers/{SEED_ID}", timeout=WAIT_MS)
    profile_ready(page)
    assert page.get_by_role("button", name="Claim this profile").count() == 1


def test_settings_change_name_and_sign_out_everywhere(base_url: str, people: Callable[[], Page],  # noqa: F811
                                                      settings: Settings) -> None:
    address = "settings@example.org"
    accounts(settings, address)
    page = people()
    sign_in(page, base_url, address, "/settings")
    ready(page, "settings")
    page.get_by_label("Your name as others see it").fill("Dr. Settings")
    page.get_by_role("button", name="Save name").click()
    page.wait_for_selector("#form-result >> text=Dr. Settings", timeout=WAIT_MS)
    assert page.locator("[data-signed-in-as]").inner_text() == "Dr. Settings"
    check(page, "settings")
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password").fill("a longer passphrase for settings")
    page.get_by_role("button", name="Change password").click()
    page.wait_for_selector("#form-result >> text=Password changed.", timeout=WAIT_MS)
    page.reload()  # the fresh session the change returned is the one the page keeps
    ready(page, "settings")
    assert page.locator("#settings-tools").is_visible()
    page.get_by_role("button", name="Sign out everywhere").click()
    page.get_by_role("button", name="Yes, sign out on every device").click()
    page.wait_for_url(re.compile("/login"), timeout=WAIT_MS)
    assert page.get_by_role("link", name="Sign in").count() == 1
