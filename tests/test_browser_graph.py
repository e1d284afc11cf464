"""The research graph on screen, in headless Chromium against the real service and the demo seed: the profile's
graph and "People to work with", the explorer at real sizes (labels, phone view, tooltip, details, expand in place,
re-centre, history), paths, the suggestions overlay; axe-core on every state visited. Screenshots go to
test-artifacts/ (graph-*.png)."""

from __future__ import annotations

import gzip
import html as html_lib
import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import httpx
import neo4j
import pytest
from playwright.sync_api import Browser, Page

from scholargraph.settings import Settings
from tests.conftest import cypher_rows
from tests.test_browser import (  # noqa: F401 - fixtures: the served app and the browser
    ARTIFACTS, SEED_ID, WAIT_MS, base_url, browser, graphql, seeded, wait_ready,
)

AXE = Path(__file__).resolve().parent.parent / "web" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
CO_AUTHOR = "A5031485721"  # Quanshi Zhang, one of the seed researcher's three co-authors

pytestmark = pytest.mark.browser


def open_page(browser: Browser, viewport: dict[str, int]) -> tuple[Any, Page, list[str]]:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return context, page, errors


@pytest.fixture
def page(browser: Browser) -> Any:  # noqa: F811
    context, page, errors = open_page(browser, DESKTOP)
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture
def phone(browser: Browser) -> Any:  # noqa: F811
    context, page, errors = open_page(browser, PHONE)
    yield page
    context.close()
    assert not errors, errors


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"graph-{name}.png"), full_page=False)


def assert_accessible(page: Page, state: str) -> None:
    """axe-core (web/node_modules, locked in package.json): no serious or critical finding in this state."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                           ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
                           " target: v.nodes[0].target.join(' ')}))")
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not serious, f"{state}: {serious}"


def best_connected(driver: neo4j.Driver, settings: Settings) -> str:
    """The demo graph's researcher with the most relationships (the explorer's hardest ordinary case)."""
    rows = cypher_rows(driver, settings, "MATCH (r:Researcher) RETURN r.id AS id ORDER BY COUNT { (r)--() } DESC, r.id LIMIT 1")
    return rows[0]["id"]


LABELS_JS = """(name) => {
  const cy = window[name];
  const z = cy.zoom(), w = cy.width(), h = cy.height();
  return cy.nodes().filter(n => !n.hasClass('label-off') && !n.hasClass('faded')).map(n => {
    const b = n.renderedBoundingBox({includeNodes: false, includeEdges: false, includeLabels: true});
    return {id: n.id(), center: n.hasClass('center'), px: parseFloat(n.style('font-size')) * z,
            opacity: parseFloat(n.style('text-opacity')), text: n.style('label'),
            box: [b.x1, b.y1, b.x2, b.y2], inView: b.x2 > 0 && b.x1 < w && b.y2 > 0 && b.y1 < h};
  });
}"""


def positions(page: Page) -> dict[str, tuple[float, float]]:
    return {item["id"]: (item["x"], item["y"]) for item in page.evaluate(
        "window.cy.nodes().map(n => ({id: n.id(), x: n.renderedPosition().x, y: n.renderedPosition().y}))")}


def model_positions(page: Page) -> dict[str, tuple[float, float]]:
    return {item["id"]: (item["x"], item["y"]) for item in page.evaluate(
        "window.cy.nodes().map(n => ({id: n.id(), x: n.position().x, y: n.position().y}))")}


def assert_added_in_place(page: Page, before: dict[str, tuple[float, float]]) -> None:
    """Nodes already drawn keep their places in the drawing (only the view may pan or zoom out), and every node
    added is inside the view."""
    after = model_positions(page)
    assert len(after) > len(before)
    moved = {n: (after[n][0] - x, after[n][1] - y) for n, (x, y) in before.items()
             if abs(after[n][0] - x) > 0.5 or abs(after[n][1] - y) > 0.5}
    assert not moved, moved
    outside = page.evaluate("""(ids) => { const w = cy.width(), h = cy.height();
      return cy.nodes().filter(n => !ids.includes(n.id())).filter(n => {
        const b = n.renderedBoundingBox({includeLabels: false, includeEdges: false});
        return b.x1 < 0 || b.y1 < 0 || b.x2 > w || b.y2 > h; }).map(n => n.id()); }""", list(before))
    assert not outside, f"added nodes outside the view: {outside}"


def test_profile_shows_its_research_graph_before_the_works(base_url: str, browser: Browser) -> None:  # noqa: F811
    with urllib.request.urlopen(f"{base_url}/researchers/{SEED_ID}", timeout=30) as response:
        html = response.read().decode()
    assert "Building this graph slice" in html  # the state shown until the drawing arrives
    assert html.index('id="research-graph"') < html.index('class="card works"')
    context, page, errors = open_page(browser, DESKTOP)
    page.goto(f"{base_url}/researchers/{SEED_ID}")
    try:
        # The first page of the module also waits for a cold server and Neo4j on a shared machine.
        page.wait_for_selector('#research-graph[data-state="ready"]', timeout=3 * WAIT_MS)
    except Exception:
        pytest.fail(f"graph not ready: {page.inner_text('#research-graph')!r}, errors {errors}")
    expected = graphql(base_url, "graph_slice", {"center": SEED_ID, "depth": 1, "limit": 60, "kinds": None})["graphSlice"]
    kinds: dict[str, list[str]] = {}
    for node in expected["nodes"]:
        kinds.setdefault(node["kind"], []).append(node["id"])
    assert len(kinds["WORK"]) == 2 and len(kinds["TOPIC"]) == 3 and len(kinds["RESEARCHER"]) == 4  # + the centre
    labels = {item["id"]: item for item in page.evaluate(LABELS_JS, "sliceCy")}
    drawn = set(page.evaluate("window.sliceCy.nodes().map(n => n.id())"))
    assert 9 <= len(drawn) <= 25
    for node in expected["nodes"]:
        item = labels.get(node["id"])
        assert item and item["text"] and item["opacity"] == 1 and item["inView"] and item["px"] >= 11, node
    assert page.locator("#open-explorer").get_attribute("href") == f"/explore?center={SEED_ID}"
    shapes = set(page.evaluate("window.sliceCy.nodes().map(n => n.style('shape'))"))
    assert {"ellipse", "round-rectangle", "diamond"} <= shapes  # kinds differ by shape, not only colour
    assert_accessible(page, "profile with graph")
    shot(page, "profile-desktop")
    page.locator("#research-graph").screenshot(path=str(ARTIFACTS / "graph-profile-card-desktop.png"))
    work = kinds["WORK"][0]
    point = page.evaluate("""(id) => { const n = window.sliceCy.getElementById(id); const p = n.renderedPosition();
      const b = document.getElementById('slice-graph').getBoundingClientRect(); return {x: b.left + p.x, y: b.top + p.y}; }""", work)
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(f"**/works/{work}")  # the entity page (issue 12)
    context.close()
    # Until the work pages exist the navigation may end in a 404; only that is not an error of this page.
    assert not [error for error in errors if "404" not in error], errors


def test_profile_graph_on_a_phone(base_url: str, phone: Page) -> None:  # noqa: F811
    phone.goto(f"{base_url}/researchers/{SEED_ID}")
    phone.wait_for_selector('#research-graph[data-state="ready"]', timeout=WAIT_MS)
    labels = phone.evaluate(LABELS_JS, "sliceCy")
    assert len(labels) == phone.evaluate("window.sliceCy.nodes().length") >= 9
    assert all(item["inView"] and item["px"] >= 11 for item in labels)
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    phone.locator("#research-graph").screenshot(path=str(ARTIFACTS / "graph-profile-card-phone.png"))
    assert_accessible(phone, "profile on a phone")


def test_profile_suggests_people_to_work_with(base_url: str, page: Page) -> None:  # noqa: F811
    page.goto(f"{base_url}/researchers/{SEED_ID}")
    page.wait_for_selector('#people[data-state="ready"]', timeout=WAIT_MS)
    expected = graphql(base_url, "collaborator_suggestions", {"id": SEED_ID, "first": 6})["collaboratorSuggestions"]
    assert expected["edges"], "the demo network suggests someone to the seed researcher"
    items = page.locator("#people-list > li")
    assert items.count() == len(expected["edges"])
    first = expected["edges"][0]["node"]
    assert items.first.get_attribute("data-id") == first["researcher"]["id"]
    shown = items.first.locator(".reasons > li").all_inner_texts()
    assert [text.split("\n")[0] for text in shown] == [reason["detail"] for reason in first["reasons"]]
    page.locator("#people").screenshot(path=str(ARTIFACTS / "graph-people.png"))
    assert_accessible(page, "people to work with")

    page.check("#people-open")
    page.wait_for_selector('#people[data-state="ready"]', timeout=WAIT_MS)
    only_open = graphql(base_url, "collaborator_suggestions", {"id": SEED_ID, "first": 6, "open": True})
    ids = page.locator("#people-list > li").evaluate_all("items => items.map(i => i.dataset.id)")
    assert ids == [edge["node"]["researcher"]["id"] for edge in only_open["collaboratorSuggestions"]["edges"]]
    page.uncheck("#people-open")
    topic = page.locator("#people-topic option").nth(1).get_attribute("value")
    page.select_option("#people-topic", topic)
    page.wait_for_function("document.querySelector('#people').dataset.state === 'ready'")
    on_topic = graphql(base_url, "collaborator_suggestions", {"id": SEED_ID, "first": 6, "topic": topic})
    page.wait_for_function("(n) => document.querySelectorAll('#people-list > li[data-id]').length === n",
                           arg=len(on_topic["collaboratorSuggestions"]["edges"]), timeout=WAIT_MS)
    ids = page.locator("#people-list > li").evaluate_all("items => items.map(i => i.dataset.id)")
    assert ids == [edge["node"]["researcher"]["id"] for edge in on_topic["collaboratorSuggestions"]["edges"]]


def test_explorer_at_depth_two_keeps_labels_readable(base_url: str, browser: Browser,  # noqa: F811
                                                      seeded: neo4j.Driver, settings: Settings) -> None:  # noqa: F811
    center = best_connected(seeded, settings)
    context, page, errors = open_page(browser, DESKTOP)
    page.goto(f"{base_url}/explore?center={center}&depth=2")
    wait_ready(page, center)
    shot(page, "explorer-depth2-desktop")
    count = page.evaluate("window.cy.nodes().length")
    assert count >= 50
    labels = page.evaluate(LABELS_JS, "cy")
    visible = [item for item in labels if item["inView"] and item["opacity"] == 1]
    assert any(item["center"] for item in visible)
    readable = [item for item in visible if item["px"] >= 11]
    assert len(readable) >= 16, f"{len(readable)} readable labels of {count} nodes"
    for i, a in enumerate(visible):
        for b in visible[i + 1:]:
            ax1, ay1, ax2, ay2 = a["box"]
            bx1, by1, bx2, by2 = b["box"]
            assert not (ax1 < bx2 and bx1 < ax2 and ay1 < by2 and by1 < ay2), f"labels of {a['id']} and {b['id']} overlap"
    assert_accessible(page, "explorer at depth 2")
    context.close()
    assert not errors, errors

    context, phone, errors = open_page(browser, PHONE)
    phone.goto(f"{base_url}/explore?center={center}&depth=2")
    wait_ready(phone, center)
    shot(phone, "explorer-depth2-phone")
    sizes = phone.evaluate("""() => { const w = cy.width(), h = cy.height();
      return cy.nodes().filter(n => { const p = n.renderedPosition(); return p.x > 0 && p.x < w && p.y > 0 && p.y < h; })
        .map(n => Math.min(n.renderedWidth(), n.renderedHeight())); }""")
    assert sizes and min(sizes) >= 24, sizes
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert_accessible(phone, "explorer at depth 2 on a phone")
    context.close()
    assert not errors, errors


def first_frame_page(base_url: str, center: str, depth: int = 2) -> tuple[str, dict[str, Any]]:
    """The explorer's HTML as any client gets it (no script run) and the slice + positions embedded in it."""
    response = httpx.get(f"{base_url}/explore", params={"center": center, "depth": depth}, timeout=60)
    assert response.status_code == 200
    text = response.text
    embedded = text[text.index('id="initial-slice">') + len('id="initial-slice">'):]
    return text, json.loads(embedded[:embedded.index("</script>")])


FRAME_LABELS_JS = """() => {
  const svg = [...document.querySelectorAll('#graph .first-frame')].find(s => s.getBoundingClientRect().width > 0);
  const box = document.getElementById('graph').getBoundingClientRect();
  const m = svg.getScreenCTM();
  return {frame: svg.dataset.frame, ctm: [m.a, m.d, m.e, m.f], graph: [box.left, box.top, box.width, box.height],
    labels: [...svg.querySelectorAll('text')].map(t => { const b = t.getBoundingClientRect();
      return {text: t.textContent, px: parseFloat(t.getAttribute('font-size')) * m.a, box: [b.left, b.top, b.right, b.bottom]}; }),
    shapes: [...svg.querySelectorAll('.ff-nodes > *')].map(e => { const b = e.getBoundingClientRect();
      return [b.left, b.top, b.right, b.bottom]; })};
}"""


def assert_no_overlap(boxes: list[list[float]]) -> None:
    for i, (ax1, ay1, ax2, ay2) in enumerate(boxes):
        for bx1, by1, bx2, by2 in boxes[i + 1:]:
            assert not (ax1 < bx2 and bx1 < ax2 and ay1 < by2 and by1 < ay2), "two first-frame labels overlap"


def test_explorer_first_frame_is_drawn_on_the_server(base_url: str, browser: Browser,  # noqa: F811
                                                      seeded: neo4j.Driver, settings: Settings) -> None:  # noqa: F811
    center = best_connected(seeded, settings)
    text, initial = first_frame_page(base_url, center)
    nodes = initial["slice"]["nodes"]
    assert len(nodes) >= 50 and set(initial["positions"]) == {node["id"] for node in nodes}
    # The page itself carries the drawing: a labelled SVG with a title and a description, and the node list.
    wide = text[text.index('<svg class="first-frame frame-wide"'):]
    wide = wide[:wide.index("</svg>")]
    assert re.search(r"<title[^>]*>Research graph: \d+ nodes within 2 links of ", wide) and "<desc" in wide
    labels = [html_lib.unescape(label) for label in re.findall(r"<text[^>]*>([^<]*)</text>", wide)]
    assert len(labels) >= 16, labels
    centre_label = next(node["label"] for node in nodes if node["id"] == center)
    assert labels[0] == centre_label or centre_label.startswith(labels[0].rstrip("…"))
    assert text.count('<li data-id="') >= len(nodes)  # the text equivalent, before any script

    # Without JavaScript the first frame is the graph: labels at 11 px or more, none overlapping, inside the box.
    for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        context = browser.new_context(viewport=viewport, java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{base_url}/explore?center={center}&depth=2")
        frame = page.evaluate(FRAME_LABELS_JS)
        assert frame["frame"] == ("wide" if name == "desktop" else "narrow")
        gx, gy, gw, gh = frame["graph"]
        visible = [label for label in frame["labels"]
                   if label["box"][0] >= gx and label["box"][2] <= gx + gw and label["box"][1] >= gy and label["box"][3] <= gy + gh]
        assert len(visible) >= (16 if name == "desktop" else 5), visible
        assert all(label["px"] >= 11 for label in frame["labels"])
        assert any(label["text"] == labels[0] for label in visible)  # the centre
        assert_no_overlap([label["box"] for label in frame["labels"]])
        if name == "phone":  # tap-sized nodes, as the interactive phone view
            sizes = [min(x2 - x1, y2 - y1) for x1, y1, x2, y2 in frame["shapes"]
                     if x1 >= gx and x2 <= gx + gw and y1 >= gy and y2 <= gy + gh]
            assert sizes and min(sizes) >= 23.5, sizes
        page.screenshot(path=str(ARTIFACTS / f"graph-first-frame-{name}.png"))
        context.close()
        # axe needs scripts: the same first frame with the explorer's script held back.
        context, page, _ = open_page(browser, viewport)
        page.route("**/static/explorer.js*", lambda route: route.abort())
        page.goto(f"{base_url}/explore?center={center}&depth=2")
        assert page.locator("#graph .first-frame").count() == 2
        assert_accessible(page, f"first frame ({name})")
        context.close()


def test_explorer_takes_over_from_the_first_frame_without_moving_it(base_url: str, browser: Browser,  # noqa: F811
                                                                     seeded: neo4j.Driver, settings: Settings) -> None:  # noqa: F811
    center = best_connected(seeded, settings)
    _, initial = first_frame_page(base_url, center)
    server = initial["positions"]
    for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        # Where the first frame puts each node on screen (no script), then where the interactive graph puts it.
        context = browser.new_context(viewport=viewport, java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{base_url}/explore?center={center}&depth=2")
        a, d, e, f = page.evaluate(FRAME_LABELS_JS)["ctm"]
        context.close()
        context, page, errors = open_page(browser, viewport)
        page.goto(f"{base_url}/explore?center={center}&depth=2")
        wait_ready(page, center)
        page.wait_for_selector('#graph[data-taken-over="true"]', timeout=WAIT_MS)
        assert page.locator("#graph .first-frame").count() == 0
        assert page.evaluate("performance.getEntriesByName('graph-drawn').length") == 1
        assert page.evaluate("performance.getEntriesByName('graph-interactive').length") == 1
        drawn = page.evaluate("""() => { const b = document.getElementById('graph').getBoundingClientRect();
          const s = getComputedStyle(document.getElementById('graph'));
          const ox = b.left + parseFloat(s.borderLeftWidth), oy = b.top + parseFloat(s.borderTopWidth);
          return cy.nodes().map(n => ({id: n.id(), x: n.position().x, y: n.position().y,
            sx: ox + n.renderedPosition().x, sy: oy + n.renderedPosition().y})); }""")
        assert {node["id"] for node in drawn} == set(server)
        for node in drawn:
            x, y = server[node["id"]]
            assert abs(node["x"] - x) <= 1 and abs(node["y"] - y) <= 1, node  # the preset layout
            assert abs(node["sx"] - (a * x + e)) <= 1 and abs(node["sy"] - (d * y + f)) <= 1, (node, name)  # no jump
        shot(page, f"explorer-taken-over-{name}")
        # The layout graph-view.js runs for slices fetched later is the server's: the same positions.
        again = page.evaluate("""async () => { const m = await import('/static/graph-view.js');
          m.radialLayout(cy, cy.$('node.center').id(), {aspect: m.LAYOUT_ASPECT});
          return cy.nodes().map(n => ({id: n.id(), x: n.position().x, y: n.position().y})); }""")
        for node in again:
            x, y = server[node["id"]]
            assert abs(node["x"] - x) <= 1 and abs(node["y"] - y) <= 1, node
        context.close()
        assert not errors, errors


def test_hover_details_expand_in_place_recentre_and_history(base_url: str, page: Page) -> None:  # noqa: F811
    page.goto(f"{base_url}/explore?center={SEED_ID}")
    wait_ready(page, SEED_ID)
    viewport = page.evaluate("({zoom: cy.zoom(), pan: cy.pan()})")
    point = page.evaluate("""(id) => { const p = cy.getElementById(id).renderedPosition();
      const b = document.getElementById('graph').getBoundingClientRect(); return {x: b.left + p.x, y: b.top + p.y}; }""", CO_AUTHOR)
    page.mouse.move(point["x"], point["y"])
    tooltip = page.locator("#graph-tooltip")
    tooltip.wait_for(state="visible", timeout=WAIT_MS)
    assert "Quanshi Zhang" in tooltip.inner_text()
    page.wait_for_function("document.getElementById('graph-tooltip').innerText.includes('co-author')", timeout=WAIT_MS)
    assert page.evaluate("({zoom: cy.zoom(), pan: cy.pan()})") == viewport  # hovering changed nothing
    shot(page, "explorer-hover")

    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector(f'#explorer[data-selected="{CO_AUTHOR}"]', timeout=WAIT_MS)
    page.wait_for_function("document.querySelectorAll('#details-body .details-facts li').length > 0", timeout=WAIT_MS)
    assert page.evaluate("({zoom: cy.zoom(), pan: cy.pan()})") == viewport  # selecting changed nothing
    assert page.locator("#explorer").get_attribute("data-center") == SEED_ID
    # The details panel links the node to its page (the name and "Open page").
    hrefs = page.locator("#details-body a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(href == f"/researchers/{CO_AUTHOR}" for href in hrefs), hrefs
    assert_accessible(page, "explorer with details")

    before = model_positions(page)
    shown = positions(page)
    page.locator("#expand-node").click()
    page.wait_for_selector('#explorer[data-expand-state="done"]', timeout=WAIT_MS)
    assert_added_in_place(page, before)
    after = positions(page)
    # On screen the placed nodes move together or not at all (a pan to show the new ones, never a new layout).
    shifts = [(after[n][0] - x, after[n][1] - y) for n, (x, y) in shown.items()]
    assert all(abs(dx - shifts[0][0]) < 1 and abs(dy - shifts[0][1]) < 1 for dx, dy in shifts), shifts
    assert page.evaluate("document.activeElement.id") == "expand-node"  # focus stays on the action
    assert page.locator("#node-list li").count() == len(after)
    shot(page, "explorer-expanded")
    assert_accessible(page, "explorer after expanding")

    page.locator("#recentre-node").click()
    wait_ready(page, CO_AUTHOR)
    assert f"center={CO_AUTHOR}" in page.url
    assert page.evaluate("window.cy.$('node.center').id()") == CO_AUTHOR
    assert page.evaluate("document.activeElement.id") == "center-name"
    page.go_back()
    wait_ready(page, SEED_ID)
    # Back lays the slice out again in the browser: the same picture the server drew for the page.
    server = first_frame_page(base_url, SEED_ID, depth=1)[1]["positions"]
    back = model_positions(page)
    assert set(back) == set(server)
    assert all(abs(x - server[n][0]) <= 1 and abs(y - server[n][1]) <= 1 for n, (x, y) in back.items())
    page.go_forward()
    wait_ready(page, CO_AUTHOR)

    # Re-centring from the text list keeps keyboard focus on the page, not on <body>.
    page.locator(f'#node-list li[data-id="{SEED_ID}"] button[data-action="centre"]').focus()
    page.keyboard.press("Enter")
    wait_ready(page, SEED_ID)
    assert page.evaluate("document.activeElement.id") == "center-name"


def test_show_more_per_kind_adds_in_place(base_url: str, page: Page) -> None:  # noqa: F811
    page.goto(f"{base_url}/explore?center={SEED_ID}&depth=2")
    wait_ready(page, SEED_ID)
    button = page.locator('#show-more button[data-kind="RESEARCHER"]')
    before = model_positions(page)
    researchers = page.evaluate("cy.nodes('[kind = \"RESEARCHER\"]').length")
    button.click()
    page.wait_for_function("(n) => cy.nodes('[kind = \"RESEARCHER\"]').length > n", arg=researchers, timeout=WAIT_MS)
    assert_added_in_place(page, before)
    after = model_positions(page)
    assert page.evaluate("document.activeElement.dataset.kind") == "RESEARCHER"  # focus stays on the button
    assert page.locator("#node-list li").count() == len(after)
    assert_accessible(page, "explorer after show more")


def test_path_between_two_researchers_names_them_and_survives_a_reload(base_url: str, page: Page) -> None:  # noqa: F811
    page.goto(f"{base_url}/explore?center={SEED_ID}")
    wait_ready(page, SEED_ID)
    for node in (SEED_ID, CO_AUTHOR):
        page.locator(f'#node-list li[data-id="{node}"] button[data-action="pick"]').click()
    page.wait_for_selector('#explorer[data-path-state="found"]', timeout=WAIT_MS)
    expected = graphql(base_url, "connection_path", {"from": SEED_ID, "to": CO_AUTHOR, "maxHops": 4})["connectionPath"]
    assert page.locator("#path-from").inner_text() == "Zhefan Rao"
    assert page.locator("#path-to").inner_text() == "Quanshi Zhang"
    assert page.locator("#path-steps li").count() == expected["length"] + 1
    assert f"are {expected['length']} links apart" in page.inner_text("#path-result")
    assert "co-authorship as 1" in page.inner_text("#path-result")  # why the list says 1 link and the path 2
    assert f"from={SEED_ID}" in page.url and f"to={CO_AUTHOR}" in page.url
    shot(page, "explorer-path")
    assert_accessible(page, "explorer with a path")

    page.reload()
    wait_ready(page, SEED_ID)
    page.wait_for_selector('#explorer[data-path-state="found"]', timeout=WAIT_MS)
    assert page.locator("#path-from").inner_text() == "Zhefan Rao"
    assert page.locator("#path-to").inner_text() == "Quanshi Zhang"
    assert page.locator("#path-steps li").count() == expected["length"] + 1


def test_explorer_overlay_adds_suggested_collaborators(base_url: str, page: Page) -> None:  # noqa: F811
    page.goto(f"{base_url}/explore?center={SEED_ID}")
    wait_ready(page, SEED_ID)
    expected = graphql(base_url, "collaborator_suggestions", {"id": SEED_ID, "first": 6})["collaboratorSuggestions"]
    before = model_positions(page)
    page.locator("#suggest-toggle").click()
    page.wait_for_selector("#explorer[data-suggestions]", timeout=WAIT_MS)
    suggested = set(page.evaluate("window.cy.$('node.suggested').map(n => n.id())"))
    assert suggested == {edge["node"]["researcher"]["id"] for edge in expected["edges"]}
    first = expected["edges"][0]["node"]
    reasons = page.locator(f'#suggest-list > li[data-id="{first["researcher"]["id"]}"] .reasons li').all_inner_texts()
    assert reasons == [reason["detail"] for reason in first["reasons"]]
    assert_added_in_place(page, before)
    assert page.evaluate("document.activeElement.id") == "suggest-toggle"
    shot(page, "explorer-suggestions")
    assert_accessible(page, "explorer with suggestions")


def test_focus_ring_and_graph_colours_have_contrast(base_url: str, page: Page) -> None:  # noqa: F811
    page.goto(f"{base_url}/explore?center={SEED_ID}")
    wait_ready(page, SEED_ID)

    def luminance(rgb: tuple[int, int, int]) -> float:
        def channel(c: int) -> float:
            s = c / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
        r, g, b = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
        la, lb = sorted((luminance(a), luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    def rgb(text: str) -> tuple[int, int, int]:
        parts = text[text.index("(") + 1:text.index(")")].split(",")
        return int(parts[0]), int(parts[1]), int(parts[2])

    white = (255, 255, 255)
    colours = page.evaluate("""() => ({
      nodes: [...new Set(cy.nodes().map(n => n.style('background-color')))],
      edges: [...new Set(cy.edges().map(e => e.style('line-color')))]})""")
    for colour in colours["nodes"] + colours["edges"]:
        assert contrast(rgb(colour), white) >= 3, colour
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    page.locator("#depth").focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert contrast(rgb(outline), white) >= 3 and contrast(rgb(outline), (245, 246, 248)) >= 3


def test_pages_and_static_files_are_compressed_and_cached(base_url: str) -> None:  # noqa: F811
    def get(path: str, **headers: str) -> Any:
        request = urllib.request.Request(f"{base_url}{path}", headers=headers)
        try:
            return urllib.request.urlopen(request, timeout=30)
        except urllib.error.HTTPError as error:  # 304 arrives as an HTTPError
            return error

    with get(f"/explore?center={SEED_ID}", **{"Accept-Encoding": "gzip"}) as page:
        html = page.read()
        assert page.headers["Content-Encoding"] == "gzip"
        etag = page.headers["ETag"]
        assert etag and page.headers["Cache-Control"] == "no-cache"
    text = gzip.decompress(html).decode()
    assert '<script type="importmap">' in text
    script = text[text.index('type="importmap">') + len('type="importmap">'):]
    imports = json.loads(script[:script.index("</script>")])["imports"]
    versioned = imports["/vendor/cytoscape/dist/cytoscape.esm.min.mjs"]
    assert "?v=" in versioned and "?v=" in imports["/static/explorer.js"]
    assert get(f"/explore?center={SEED_ID}", **{"If-None-Match": etag}).status == 304

    with get(versioned, **{"Accept-Encoding": "gzip"}) as library:
        body = library.read()
        assert library.headers["Content-Encoding"] == "gzip"
        assert "immutable" in library.headers["Cache-Control"] and "max-age=31536000" in library.headers["Cache-Control"]
        assert len(body) < 200_000  # 434 KB on the wire before
    with get("/static/explorer.js") as plain:
        assert plain.headers["Cache-Control"] == "no-cache"
        tag = plain.headers["ETag"]
    assert get("/static/explorer.js", **{"If-None-Match": tag}).status == 304
