"""The web pages over HTTP: the profile page from profile.graphql, the explorer shell, 404s and query documents."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import neo4j
import pytest
from graphql import parse, validate
from starlette.testclient import TestClient

from scholargraph.schema.root import schema
from scholargraph.server import create_app
from scholargraph.settings import Settings
from tests.conftest import cypher_rows, restore, wipe
from scholargraph.web import pages

SEED_ID = "A5101727316"
HTML = {"accept": "text/html,application/xhtml+xml"}


@pytest.fixture(scope="module")
def seeded(seed_dump: dict[str, list[dict[str, Any]]], neo4j_driver: neo4j.Driver,
           settings: Settings) -> neo4j.Driver:
    """The demo seed (loaded once per session through seed.load), restored once for this module (these tests only
    read)."""
    wipe(neo4j_driver, settings.neo4j_database)
    return restore(neo4j_driver, settings, seed_dump)


@pytest.fixture(scope="module")
def client(seeded: neo4j.Driver, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


class Fields(HTMLParser):
    """Text of the elements marked with data-field / data-count, the title, and all visible text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.text: list[str] = []
        self._open: list[tuple[str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        key = named.get("data-field") or named.get("data-count")
        if tag not in {"br", "img", "input", "meta", "link"}:
            self._open.append((tag, key))
            if key:
                self.fields[key] = ""

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _, key in self._open:
            if key:
                self.fields[key] += data

    def field(self, key: str) -> str:
        return " ".join(self.fields[key].split())

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def test_profile_page_shows_the_seed_researcher(client: TestClient) -> None:
    response = client.get(f"/researchers/{SEED_ID}", headers=HTML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = Fields(response.text)
    assert page.field("works") == "2"
    assert page.field("followers") == "0"
    assert page.field("topics") == "3"
    assert page.field("closeCollaborators") == "3"
    assert page.field("trust-score") == "13"
    assert page.field("trust-band") == "Unverified"
    assert page.field("verification-level") == "L1"
    assert page.field("claim-status") == "Unclaimed author"
    assert page.field("affiliation") == "Affiliation not imported"
    text = page.all_text
    for expected in ("Zhefan Rao", "Open to collaborate",
                     "Quantifying the Knowledge in a DNN to Explain Knowledge Distillation for Classification",
                     "Explaining Knowledge Distillation by Quantifying the Knowledge",
                     "Knowledge Distillation and Model Compression", "Quanshi Zhang", "Xu Cheng", "Yilan Chen",
                     "Claim this profile", "Claiming links this public author record", "What the score, bands and levels mean",
                     "Claim this author entity first to unlock direct invitations",
                     "Publication record", "+4", "2 public works in the graph"):
        assert expected in text, expected
    assert response.text.count('<details class="abstract"') == 2
    assert response.text.count('<details class="trust-legend"') == 1
    assert page.field("trust-scale") == "/ 100"
    for collaborator in ("A5031485721", "A5068843512", "A5013976340"):
        assert f'href="/researchers/{collaborator}"' in response.text
    assert f'href="/explore?center={SEED_ID}"' in response.text


def test_profile_page_has_landmarks_and_one_h1(client: TestClient) -> None:
    html = client.get(f"/researchers/{SEED_ID}", headers=HTML).text
    assert '<html lang="en">' in html
    assert html.count("<h1") == 1
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert 'name="viewport"' in html


def test_profile_page_unknown_id_is_404(client: TestClient) -> None:
    for path in ("/researchers/A1", "/researchers/not-an-id", "/researchers/W4292165733"):
        response = client.get(path, headers=HTML)
        assert response.status_code == 404, path
        assert "Not found" in response.text
        assert "<main" in response.text


def test_profile_page_escapes_stored_text(client: TestClient, seeded: neo4j.Driver, settings: Settings) -> None:
    cypher_rows(seeded, settings, "MERGE (r:Researcher {id: 'A9999999999'}) SET r.name = $name, r.summary = $name",
                name='<script>alert("x")</script>')
    try:
        html = client.get("/researchers/A9999999999", headers=HTML).text
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert" in html
    finally:
        cypher_rows(seeded, settings, "MATCH (r:Researcher {id: 'A9999999999'}) DETACH DELETE r")


def test_profile_page_costs_a_bounded_number_of_round_trips(client: TestClient) -> None:
    graph = client.app_state["graph"]
    graph.queries = Counter()  # start recording on the app's own Graph
    try:
        assert client.get(f"/researchers/{SEED_ID}").status_code == 200
        one = graph.round_trips
        graph.queries = Counter()
        assert client.get("/researchers/A5031485721").status_code == 200  # more works and co-authors
        assert graph.round_trips == one
    finally:
        graph.queries = None
    assert one <= 3


def test_explore_page_is_served(client: TestClient) -> None:
    response = client.get("/explore?center=A5101727316", headers=HTML)
    assert response.status_code == 200
    html = response.text
    assert 'data-center="A5101727316"' in html
    assert '<script type="module" src="/static/explorer.js?v=' in html  # versioned (web/caching.py)
    assert 'id="initial-slice"' in html  # the first slice travels inside the page
    assert '<svg class="first-frame frame-wide"' in html and '<svg class="first-frame frame-narrow"' in html
    assert "<style>" in html and "--kind-work:" in html and 'rel="stylesheet"' not in html  # CSS inline: 1 request less
    assert 'id="search-input"' in html and 'id="graph"' in html and 'id="node-list"' in html
    assert client.get("/explore").status_code == 200


def test_explore_page_costs_one_round_trip_whatever_the_depth(client: TestClient) -> None:
    graph = client.app_state["graph"]
    try:
        for depth in (1, 2, 3):
            graph.queries = Counter()
            assert client.get(f"/explore?center={SEED_ID}&depth={depth}").status_code == 200
            assert graph.round_trips == 1  # slice_graph: nodes, edges and degrees
        graph.queries = Counter()
        assert client.get("/explore?center=A0000000000").status_code == 200  # unknown: the script says so
    finally:
        graph.queries = None


def test_explore_page_escapes_the_center_parameter(client: TestClient) -> None:
    html = client.get('/explore?center="><script>x</script>', headers=HTML).text
    assert "<script>x" not in html


def test_home_redirects_to_the_explorer(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code in (302, 307)
    assert response.headers["location"] == "/explore"


def test_static_script_and_vendor_module_are_served(client: TestClient) -> None:
    assert "/static/graph-view.js" in client.get("/static/explorer.js").text
    assert "cytoscape.esm.min.mjs" in client.get("/static/graph-view.js").text
    vendor = client.get("/vendor/cytoscape/dist/cytoscape.esm.min.mjs")
    assert vendor.status_code == 200
    assert "export{" in vendor.text.replace(" ", "")


def test_query_documents_are_served_verbatim(client: TestClient) -> None:
    for name in ("graph_slice", "connection_path", "search", "profile"):
        response = client.get(f"/queries/{name}.graphql")
        assert response.status_code == 200
        assert response.text == (pages.QUERIES_DIR / f"{name}.graphql").read_text(encoding="utf-8")
    assert client.get("/queries/nope.graphql").status_code == 404
    assert client.get("/queries/..%2Fpages.graphql").status_code == 404


def test_page_documents_are_valid_against_the_schema() -> None:
    graphql_schema = schema._schema
    for path in sorted(pages.QUERIES_DIR.glob("*.graphql")):
        errors = validate(graphql_schema, parse(path.read_text(encoding="utf-8")))
        assert not errors, (path.name, [error.message for error in errors])


def test_account_pages_are_served(client: TestClient) -> None:
    for path, heading in (("/login", "Sign in"), ("/register", "Create an account"),
                          ("/verify-email?token=abc", "Confirm your e-mail"), ("/invitations", "Invitations")):
        response = client.get(path, headers=HTML)
        assert response.status_code == 200, path
        assert f">{heading}</h1>" in response.text
        assert '<script type="module" src="/static/account.js?v=' in response.text  # versioned (web/caching.py)


def test_every_page_loads_versioned_static_files(client: TestClient) -> None:
    """Every page's scripts, stylesheet and preloads use `?v=<hash>` URLs (cached for a year, web/caching.py)."""
    paths = ["/explore", f"/explore?center={SEED_ID}&depth=2", f"/researchers/{SEED_ID}", f"/researchers/{SEED_ID}/manage",
             "/search?q=zhefan", "/login", "/register", "/verify-email?token=abc", "/invitations", "/moderation",
             "/settings", "/following"]
    for path in paths:
        html = client.get(path, headers=HTML).text
        urls = re.findall(r'(?:src|href)="(/(?:static|vendor)/[^"]*)"', html)
        assert urls, path
        assert all("?v=" in url for url in urls), (path, [url for url in urls if "?v=" not in url])
        for url in urls:
            assert "immutable" in client.get(url).headers["cache-control"], url


def test_sign_in_only_returns_to_pages_on_this_site(client: TestClient) -> None:
    assert 'data-next="/researchers/A5101727316"' in client.get("/login?next=/researchers/A5101727316").text
    for hostile in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        assert 'data-next="/explore"' in client.get("/login", params={"next": hostile}).text
