"""The pages in headless Chromium against the real service (uvicorn on a free loopback port) and the seed."""

from __future__ import annotations

import asyncio
import concurrent.futures
import email
import email.policy
import json
import re
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from scholargraph import db
from scholargraph.server import create_app
from scholargraph.settings import Settings
from tests.identity_support import CLAIM, PASSWORD, Api, User
from tests.test_pages import seeded  # noqa: F401 - the module-scoped seed fixture
from scholargraph.web import pages

SEED_ID = "A5101727316"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
WAIT_MS = 15_000


@pytest.fixture(scope="module")
def base_url(seeded: neo4j.Driver, settings: Settings) -> Iterator[str]:  # noqa: F811
    """The real app served by uvicorn in a background thread, on a port the OS picked."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert not errors, errors


def graphql(base_url: str, name: str, variables: dict[str, Any]) -> dict[str, Any]:
    """What the server answers to a page document, fetched independently of the page."""
    body = json.dumps({"query": pages.query_text(name), "variables": variables}).encode()
    request = urllib.request.Request(f"{base_url}/graphql", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.load(response)
    assert not answer.get("errors"), answer["errors"]
    return answer["data"]


def screenshot(page: Page, name: str, selector: str | None = None) -> None:
    """The whole page, or only the element `selector` picks."""
    ARTIFACTS.mkdir(exist_ok=True)
    if selector:
        page.locator(selector).screenshot(path=str(ARTIFACTS / f"{name}.png"))
    else:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def assert_no_horizontal_scroll(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"


def wait_ready(page: Page, center: str) -> None:
    page.wait_for_selector(f'#explorer[data-state="ready"][data-center="{center}"]', timeout=WAIT_MS)


def click_node(page: Page, node_id: str, double: bool = False) -> None:
    """Click a drawn node where cytoscape rendered it, once its place on the page has stopped moving.

    The drawing re-fits after a debounced resize and the text panels beside it can shift the page, so a position
    read too early may be stale by the time the mouse arrives.
    """
    locate = """(id) => { const n = window.cy.getElementById(id); const p = n.renderedPosition();
                 const box = document.getElementById('graph').getBoundingClientRect();
                 return {x: Math.round(box.left + p.x), y: Math.round(box.top + p.y)}; }"""
    page.evaluate("(id) => { const n = window.cy.getElementById(id); const p = n.renderedPosition();"
                  " const box = document.getElementById('graph').getBoundingClientRect();"
                  " window.scrollBy(0, box.top + p.y - window.innerHeight / 2); }", node_id)  # the node on screen
    point = page.evaluate(locate, node_id)
    for _ in range(40):
        page.wait_for_timeout(100)
        again = page.evaluate(locate, node_id)
        if again == point:
            break
        point = again
    if double:
        page.mouse.dblclick(point["x"], point["y"])
    else:
        page.mouse.click(point["x"], point["y"])


def test_profile_page_shows_the_seed_researcher(base_url: str, page: Page) -> None:
    page.goto(f"{base_url}/researchers/{SEED_ID}")
    assert page.locator("h1").inner_text() == "Zhefan Rao"
    counts = {key: page.locator(f'[data-count="{key}"]').inner_text()
              for key in ("works", "followers", "topics", "closeCollaborators")}
    assert counts == {"works": "2", "followers": "0", "topics": "3", "closeCollaborators": "3"}
    assert page.locator('[data-field="trust-score"]').inner_text() == "13"
    assert page.locator('[data-field="trust-band"]').inner_text() == "Unverified"
    assert page.locator('[data-field="verification-level"]').inner_text() == "L1"
    assert page.locator('[data-field="claim-status"]').inner_text() == "Unclaimed author"
    assert page.locator('[data-field="affiliation"]').inner_text() == "Affiliation not imported"
    titles = page.locator(".work-title").all_inner_texts()
    assert titles == ["Quantifying the Knowledge in a DNN to Explain Knowledge Distillation for Classification",
                      "Explaining Knowledge Distillation by Quantifying the Knowledge"]
    abstract = page.locator("details.abstract").first
    assert not abstract.locator("p").is_visible()
    abstract.locator("summary").click()
    assert abstract.locator("p").is_visible()
    screenshot(page, "profile-desktop")
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)
    screenshot(page, "profile-phone")


def test_profile_page_links_to_collaborators(base_url: str, page: Page) -> None:
    page.goto(f"{base_url}/researchers/{SEED_ID}")
    page.get_by_role("link", name="Quanshi Zhang").first.click()
    page.wait_for_url(f"{base_url}/researchers/A5031485721")
    assert page.locator("h1").inner_text() == "Quanshi Zhang"


def test_explorer_draws_the_slice(base_url: str, page: Page) -> None:
    expected = graphql(base_url, "graph_slice", {"center": SEED_ID, "depth": 1, "limit": 60, "kinds": None})
    page.goto(f"{base_url}/explore?center={SEED_ID}")
    wait_ready(page, SEED_ID)
    drawn = set(page.evaluate("window.cy.nodes().map(n => n.id())"))
    assert drawn == {node["id"] for node in expected["graphSlice"]["nodes"]}
    assert page.locator("#node-list li").count() == len(drawn)
    assert page.evaluate("window.cy.edges().length") > 0
    status = page.locator("#graph-status").inner_text()
    assert f"Showing {len(drawn)} nodes" in status and "Zhefan Rao" in status
    omitted = sum(item["count"] for item in expected["graphSlice"]["omitted"])
    if omitted:
        assert f"and {omitted} more" in status
    screenshot(page, "explorer-desktop")
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(500)  # the drawing re-fits after a debounced resize
    assert_no_horizontal_scroll(page)
    screenshot(page, "explorer-phone")


def test_explorer_recentres_on_a_click(base_url: str, page: Page) -> None:
    page.goto(f"{base_url}/explore?center={SEED_ID}")
    wait_ready(page, SEED_ID)
    target = "W4292165733"
    click_node(page, target, double=True)  # a single click shows details (tests/test_browser_graph.py)
    wait_ready(page, target)
    assert f"center={target}" in page.url
    assert page.evaluate("window.cy.$('node.center').id()") == target
    page.go_back()
    wait_ready(page, SEED_ID)


def test_explorer_filters_by_kind_and_depth(base_url: str, page: Page) -> None:
    page.goto(f"{base_url}/explore?center={SEED_ID}")
    wait_ready(page, SEED_ID)
    page.get_by_label("Works").uncheck()
    page.wait_for_url("**kinds=**")
    wait_ready(page, SEED_ID)
    kinds = set(page.evaluate("window.cy.nodes().map(n => n.data('kind'))"))
    assert "WORK" not in kinds
    page.select_option("#depth", "2")
    page.wait_for_url("**depth=2**")
    wait_ready(page, SEED_ID)
    expected = graphql(base_url, "graph_slice", {"center": SEED_ID, "depth": 2, "limit": pages.EXPLORER_LIMITS[2],
                                                  "kinds": ["RESEARCHER", "TOPIC", "INSTITUTION"]})
    assert page.evaluate("window.cy.nodes().length") == len(expected["graphSlice"]["nodes"])
    omitted = sum(item["count"] for item in expected["graphSlice"]["omitted"])
    assert omitted > 0  # two hops around the seed researcher exceed the node limit
    assert f"and {omitted} more" in page.locator("#graph-status").inner_text()


def test_explorer_shows_a_path_between_two_picked_nodes(base_url: str, page: Page) -> None:
    page.goto(f"{base_url}/explore?center={SEED_ID}")
    wait_ready(page, SEED_ID)
    ends = ("A5031485721", "T19001")  # Quanshi Zhang and a topic, both one hop from the seed researcher
    page.check("#path-mode")
    for node_id in ends:
        click_node(page, node_id)
    page.wait_for_selector('#explorer[data-path-state="found"]', timeout=WAIT_MS)
    assert page.locator("#explorer").get_attribute("data-center") == SEED_ID  # picking did not re-centre
    expected = graphql(base_url, "connection_path", {"from": ends[0], "to": ends[1], "maxHops": 4})["connectionPath"]
    steps = page.locator("#path-steps li")
    assert steps.count() == len(expected["nodes"]) == expected["length"] + 1
    assert steps.first.get_attribute("data-id") == ends[0]
    assert steps.last.get_attribute("data-id") == ends[1]
    highlighted = page.evaluate("window.cy.$('node.path').map(n => n.id())")
    assert set(highlighted) == {node["id"] for node in expected["nodes"]}
    assert page.evaluate("window.cy.$('edge.path').length") >= expected["length"]
    screenshot(page, "explorer-path")


def test_explorer_search_picks_a_center(base_url: str, page: Page) -> None:
    page.goto(f"{base_url}/explore")
    page.fill("#search-input", "Zhefan")
    page.wait_for_selector(f'#search-suggestions [data-id="{SEED_ID}"]', timeout=WAIT_MS)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    wait_ready(page, SEED_ID)
    assert f"center={SEED_ID}" in page.url
    page.get_by_role("link", name="Open profile").click()
    page.wait_for_url(f"{base_url}/researchers/{SEED_ID}")


def verification_link(outbox: Path, address: str) -> str:
    """The /verify-email link from the newest mail the service wrote for `address` (no SMTP host in tests)."""
    for path in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == address:
            body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
            match = re.search(r"/verify-email\?token=\S+", body)
            assert match, body
            return match.group(0)
    pytest.fail(f"no mail to {address} in {outbox}")


def register(page: Page, base_url: str, address: str, next_path: str) -> None:
    page.goto(f"{base_url}/register?next={next_path}")
    page.get_by_label("Your name").fill("Pat Example")
    page.get_by_label("E-mail").fill(address)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_selector("#form-result .notice", timeout=WAIT_MS)
    assert "Account created and signed in" in page.inner_text("#form-result")


def test_register_follow_and_unfollow(base_url: str, page: Page) -> None:
    register(page, base_url, "follower@example.org", f"/researchers/{SEED_ID}")
    page.get_by_role("link", name="Continue").click()
    page.wait_for_selector('[data-actions][data-viewer-state="ready"]', timeout=WAIT_MS)
    assert page.locator("[data-signed-in-as]").inner_text() == "Pat Example"
    follow = page.locator('button[data-action="follow"]')
    assert follow.get_attribute("aria-pressed") == "false"
    follow.click()
    page.wait_for_selector('button[data-action="follow"][aria-pressed="true"]', timeout=WAIT_MS)
    assert page.locator('[data-count="followers"]').inner_text() == "1"
    page.reload()  # the count comes from the graph, and the button remembers
    page.wait_for_selector('button[data-action="follow"][aria-pressed="true"]', timeout=WAIT_MS)
    assert page.locator('[data-count="followers"]').inner_text() == "1"
    page.locator('button[data-action="follow"]').click()
    page.wait_for_selector('button[data-action="follow"][aria-pressed="false"]', timeout=WAIT_MS)
    assert page.locator('[data-count="followers"]').inner_text() == "0"
    # An unverified account is told why it cannot claim yet.
    assert page.locator('#claim-panel [data-reason="EMAIL_NOT_VERIFIED"]').count() == 1
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector('a[data-action="follow"]', timeout=WAIT_MS)
    assert page.get_by_role("link", name="Sign in").count() == 1


def test_login_with_a_wrong_password_is_refused(base_url: str, page: Page) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_label("E-mail").fill("nobody@example.org")
    page.get_by_label("Password").fill("not the password at all")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("#form-result .notice.error", timeout=WAIT_MS)
    assert "/login" in page.url


def test_verify_email_then_claim_shows_status_and_reasons(base_url: str, page: Page, settings: Settings) -> None:
    address = "claimant@example.org"
    register(page, base_url, address, "/explore")
    page.goto(base_url + verification_link(settings.mail_outbox, address))
    page.wait_for_selector("#form-result .notice", timeout=WAIT_MS)
    assert "confirmed" in page.inner_text("#form-result")
    page.goto(f"{base_url}/researchers/{SEED_ID}")
    page.get_by_role("button", name="Claim this profile").click()
    page.get_by_role("button", name="Send claim").click()
    page.wait_for_selector("#claim-panel [data-claim-status]", timeout=WAIT_MS)
    status = page.locator("#claim-panel [data-claim-status]").get_attribute("data-claim-status")
    assert status in {"PENDING", "NEEDS_EVIDENCE"}  # example.org proves nothing, so a person must look
    assert page.locator("#claim-panel [data-reason]").count() >= 1
    assert page.locator('[data-field="claim-status"]').inner_text() == "Claim pending review"
    screenshot(page, "profile-claim")
    page.goto(f"{base_url}/invitations")
    page.wait_for_selector('[data-page="invitations"][data-state="ready"]', timeout=WAIT_MS)
    assert "No invitations yet." in page.inner_text("#form-result")


QUANSHI_ID = "A5031485721"  # Quanshi Zhang, at SJTU (sjtu.edu.cn)


def accounts(settings: Settings, *addresses: str, moderator: str | None = None,
             claim: dict[str, str] | None = None) -> tuple[dict[str, User], dict[str, Any]]:
    """Verified accounts made through the API (moderator: also granted the role); claim: {address: researcher id}."""

    async def work() -> tuple[dict[str, User], dict[str, Any]]:
        async with db.connect(settings) as graph:
            api = Api(graph, settings)
            users = {address: await api.user(address, name=address.split("@")[0].title()) for address in addresses}
            if moderator:
                users[moderator] = await api.moderator(moderator)
            claims = {address: (await api(CLAIM, {"id": researcher_id}, token=users[address].token))["claimResearcher"]
                      for address, researcher_id in (claim or {}).items()}
            return users, claims

    # Playwright's sync API keeps an event loop running on this thread, so the API calls get a thread of their own.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work()).result()


def sign_in(page: Page, base_url: str, address: str, next_path: str) -> None:
    page.goto(f"{base_url}/login?next={next_path}")
    page.get_by_label("E-mail").fill(address)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}{next_path}", timeout=WAIT_MS)


def test_moderator_approves_a_claim_from_the_queue(base_url: str, page: Page, settings: Settings) -> None:
    claimant, moderator = "rao.claimant@example.org", "queue.mod@scholargraph.test"
    _, claims = accounts(settings, claimant, moderator=moderator, claim={claimant: SEED_ID})
    claim = claims[claimant]
    assert claim["status"] == "PENDING"  # example.org proves nothing: a person must decide
    sign_in(page, base_url, moderator, "/explore")
    page.get_by_role("link", name="Moderation").click()
    page.wait_for_selector('[data-page="moderation"][data-state="ready"]', timeout=WAIT_MS)
    item = page.locator(f'[data-claim-id="{claim["id"]}"]')
    assert item.get_by_role("heading").inner_text() == f"Zhefan Rao ({SEED_ID})"
    assert claimant in item.inner_text() and "Filed" in item.inner_text()
    assert item.locator('[data-reason="NO_EVIDENCE"]').count() == 1
    screenshot(page, "moderation-desktop")
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)
    screenshot(page, "moderation-phone")
    item.get_by_label("Note for the claimant").fill("Known to us <b>personally</b>")
    item.get_by_role("button", name="Approve").click()
    page.wait_for_selector(f'[data-claim-id="{claim["id"]}"]', state="detached", timeout=WAIT_MS)
    assert "Claim approved." in page.inner_text("#form-result")
    page.select_option("#queue-status", "NEEDS_EVIDENCE")
    page.wait_for_selector('[data-page="moderation"][data-state="ready"]', timeout=WAIT_MS)
    page.goto(f"{base_url}/researchers/{SEED_ID}")
    assert page.locator('[data-field="claim-status"]').inner_text() == "Claimed author"
    assert page.locator('[data-field="verification-level"]').inner_text() == "L2"
    assert page.locator('[data-field="trust-score"]').inner_text() == "37"


def test_a_non_moderator_is_told_the_queue_is_for_moderators(base_url: str, page: Page, settings: Settings) -> None:
    address = "not.a.mod@example.org"
    accounts(settings, address)
    sign_in(page, base_url, address, "/moderation")
    page.wait_for_selector('[data-page="moderation"][data-state="ready"]', timeout=WAIT_MS)
    assert "Only moderators can review claims." in page.inner_text("#form-result")
    assert page.get_by_role("link", name="Moderation").count() == 0
    assert page.locator("[data-claim-id]").count() == 0


def test_invite_a_claimed_researcher_to_collaborate(base_url: str, page: Page, settings: Settings) -> None:
    owner, sender = "quanshi@cs.sjtu.edu.cn", "inviter@example.org"
    _, claims = accounts(settings, owner, sender, claim={owner: QUANSHI_ID})
    assert claims[owner]["status"] == "APPROVED"  # the institutional e-mail proves it at once
    sign_in(page, base_url, sender, f"/researchers/{QUANSHI_ID}")
    page.wait_for_selector('[data-actions][data-viewer-state="ready"]', timeout=WAIT_MS)
    page.get_by_role("button", name="Invite to collaborate").click()
    page.get_by_role("button", name="Cancel").click()  # closing the form brings the button back
    assert page.locator("#invite-form").count() == 0
    page.get_by_role("button", name="Invite to collaborate").click()
    assert page.get_by_role("button", name="Invite to collaborate").count() == 0  # hidden while the form is open
    message = "Would you like to write a survey on <script>alert(1)</script> knowledge distillation together?"
    page.get_by_label("Message to Quanshi Zhang").fill(message)
    screenshot(page, "profile-invite-desktop", ".profile-head")
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector('[data-invite-result="sent"]', timeout=WAIT_MS)
    assert page.locator("#invite-panel").inner_text() == "Invitation sent."
    assert page.get_by_role("button", name="Invite to collaborate").count() == 0
    assert page.locator('[data-action="invite-hint"]').get_attribute("data-reason") == "INVITE_PENDING"
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)
    screenshot(page, "profile-invite-phone", ".profile-head")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector('a[data-action="follow"]', timeout=WAIT_MS)
    sign_in(page, base_url, owner, "/invitations")
    page.wait_for_selector('[data-page="invitations"][data-state="ready"]', timeout=WAIT_MS)
    invitation = page.locator(".invitation").first
    assert invitation.locator("blockquote").inner_text() == message  # shown as text, not markup
    assert "From Inviter" in invitation.inner_text() and invitation.get_attribute("data-status") == "PENDING"
