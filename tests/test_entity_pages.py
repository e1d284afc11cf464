"""The entity pages (/works, /topics, /sources, /institutions), /search and the profile's citation figures,
over HTTP on the demo seed: content, links, 404s and bounded round trips."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from starlette.testclient import TestClient

from tests.test_pages import HTML, SEED_ID, Fields, client, seeded  # noqa: F401 - module fixtures

WORK = "W3010830565"  # Explaining Knowledge Distillation by Quantifying the Knowledge (arXiv 2003.03622)


def round_trips(client: TestClient, path: str) -> int:
    graph = client.app_state["graph"]
    graph.queries = Counter()
    try:
        response = client.get(path, headers=HTML)
        assert response.status_code == 200, (path, response.status_code)
        return graph.round_trips
    finally:
        graph.queries = None


def test_work_page(client: TestClient) -> None:
    response = client.get(f"/works/{WORK}", headers=HTML)
    assert response.status_code == 200
    page = Fields(response.text)
    assert "Explaining Knowledge Distillation by Quantifying the Knowledge" in page.all_text
    assert page.field("citations") == "142"
    assert 'href="/researchers/A5031485721"' in response.text  # byline links
    assert 'href="/sources/' in response.text and 'href="/topics/T19001"' in response.text
    assert 'href="https://arxiv.org/abs/2003.03622"' in response.text
    assert re.search(r'data-list="references"', response.text) and re.search(r'data-list="citedBy"', response.text)
    assert client.get("/works/W1", headers=HTML).status_code == 404
    assert client.get("/works/nonsense", headers=HTML).status_code == 404


@pytest.mark.parametrize(("path", "text"), [
    ("/topics/T19001", "Knowledge Distillation and Model Compression"),
    ("/sources/S4306400194", "arXiv (Cornell University)"),
    ("/institutions/I183067930", "Shanghai Jiao Tong University"),
])
def test_entity_pages_show_the_entity_and_link_its_works_and_people(client: TestClient, path: str, text: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200
    assert f"<h1 id=\"entity-title\">{text}</h1>" in response.text
    assert 'href="/works/W' in response.text or 'href="/researchers/A' in response.text
    kind, _ = path[1:].split("/")
    assert client.get(f"/{kind}/X0", headers=HTML).status_code == 404


def test_pages_cost_the_same_round_trips_for_small_and_large_entities(client: TestClient) -> None:
    # (big, small, bound): the topic page reads its chart and co-occurring topics with the topic (topic_read_by_ids),
    # the source page adds its chart, the institution page its chart and its researchers' works.
    pairs = [
        (f"/works/{WORK}", "/works/W4292165733", 3),
        ("/topics/T19001", "/topics/T10052", 3),
        ("/sources/S4306400194", "/sources/S199944782", 4),
        ("/institutions/I183067930", "/institutions/I1291425158", 4),
        ("/search?q=distillation", "/search?q=zhang&kind=researcher", 3),
        ("/subfields/1702", "/subfields/2718", 1),
        ("/fields/17", "/fields/27", 1),
        ("/domains/3", "/domains/4", 1),
    ]
    for big, small, bound in pairs:
        assert round_trips(client, big) == round_trips(client, small) <= bound, (big, small)
    assert round_trips(client, "/search?q=2003.03622") <= 2


def test_search_page(client: TestClient) -> None:
    html = client.get("/search?q=distilation", headers=HTML).text
    assert f'href="/works/{WORK}"' in html
    for text in ("10.48550/arXiv.2003.03622", "2003.03622", WORK, f"https://openalex.org/{WORK}"):
        html = client.get("/search", params={"q": text}, headers=HTML).text
        assert html.count('class="hit"') == 1 and f'href="/works/{WORK}"' in html, text
    html = client.get("/search?q=quanshi&kind=researcher", headers=HTML).text
    assert 'href="/researchers/A5031485721"' in html and "Shanghai Jiao Tong University" in html
    first = client.get("/search?q=distillation", headers=HTML).text
    assert "page=2" in first
    second = client.get("/search?q=distillation&page=2", headers=HTML).text
    ids = lambda html: set(re.findall(r'data-hit-id="(\w+)"', html))  # noqa: E731
    assert ids(second) and not ids(first) & ids(second)
    assert 'id="site-search-q"' in client.get("/search", headers=HTML).text  # the header's box, on every page


def test_profile_shows_citations_h_index_chart_and_links(client: TestClient) -> None:
    response = client.get(f"/researchers/{SEED_ID}", headers=HTML)
    page = Fields(response.text)
    # 142 + 9 on the two records; demo works citing the second one can raise its count above 9 (docs/metrics.md)
    assert int(page.field("citations")) >= 151 and page.field("hIndex") == "2" and page.field("i10Index") in ("1", "2")
    assert '<svg role="img" aria-labelledby="citations-chart-title"' in response.text
    assert "2022 38" in page.all_text  # the chart's text alternative lists the years
    assert f'href="/works/{WORK}"' in response.text and 'href="/topics/T19001"' in response.text
    assert 'href="/institutions/' in response.text or "Affiliation not imported" in page.all_text


def test_profile_works_sort_by_citations_and_show_more(client: TestClient) -> None:
    html = client.get(f"/researchers/{SEED_ID}?sort=citations", headers=HTML).text
    titles = re.findall(r'<h3 class="work-title"><a href="/works/(W\d+)">', html)
    assert titles == [WORK, "W4292165733"]  # 142 citations before 9
    assert 'href="?sort=citations#works-title" aria-current="true"' in html
    assert round_trips(client, f"/researchers/{SEED_ID}?sort=citations") <= 2


def q(driver, settings, text: str, **params):  # noqa: ANN001, ANN201 - fixture-side Cypher, independent of the API
    from tests.conftest import cypher_rows

    return cypher_rows(driver, settings, text, **params)


def test_topic_page_breadcrumb_chart_and_cooccurring_topics(client: TestClient, seeded, settings) -> None:
    html = client.get("/topics/T19001", headers=HTML).text
    crumbs = re.search(r'<ol class="hierarchy">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r'href="(/\w+/\d+)"', crumbs) == ["/domains/3", "/fields/17", "/subfields/1702"]
    assert "Physical Sciences" in crumbs and "Computer Science" in crumbs and "Artificial Intelligence" in crumbs
    assert 'aria-labelledby="citations-chart-title"' in html or "No yearly citation counts" in html
    shared = q(seeded, settings, "MATCH (:Topic {id: 'T19001'})<-[:HAS_TOPIC]-(w:Work)-[:HAS_TOPIC]->(o:Topic) "
               "RETURN o.id AS id, count(w) AS n ORDER BY n DESC, id LIMIT 10")
    section = html.split('data-list="cooccurring"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'href="/topics/(\w+)"', section) == [row["id"] for row in shared] and shared
    assert re.findall(r'data-shared="(\d+)"', section) == [str(row["n"]) for row in shared]


def test_topic_group_pages(client: TestClient, seeded, settings) -> None:
    html = client.get("/subfields/1702", headers=HTML).text
    mine = q(seeded, settings, "MATCH (t:Topic)-[:IN]->(:Subfield {id: '1702'}) "
             "RETURN t.id AS id ORDER BY t.worksCount DESC, id")
    assert re.findall(r'href="/topics/(\w+)"', html.split('data-list="topics"')[1]) == [r["id"] for r in mine]
    assert '<h1 id="entity-title">Artificial Intelligence</h1>' in html
    assert 'href="/fields/17"' in html and 'href="/domains/3"' in html
    field = client.get("/fields/17", headers=HTML).text
    children = re.findall(r'href="/subfields/(\d+)"', field.split('data-list="children"')[1].split("</ul>")[0])
    assert sorted(children) == ["1702", "1707", "1710"]
    assert 'href="/fields/17"' in client.get("/domains/3", headers=HTML).text
    for path in ("/subfields/0", "/fields/abc", "/domains/17"):
        assert client.get(path, headers=HTML).status_code == 404, path


def test_source_and_institution_pages_show_charts_works_and_sorted_people(client: TestClient, seeded,
                                                                         settings) -> None:
    for path in ("/sources/S4306400194", "/institutions/I183067930"):
        html = client.get(path, headers=HTML).text
        assert 'aria-labelledby="citations-chart-title"' in html, path
    html = client.get("/institutions/I183067930", headers=HTML).text
    works = q(seeded, settings, "MATCH (:Institution {id: 'I183067930'})<-[:AFFILIATED_WITH]-(:Researcher)"
              "-[:AUTHORED]->(w:Work) RETURN DISTINCT w.id AS id, w.sortDate AS d, w.citedByCount AS c")
    listed = re.findall(r'data-work-id="(W\d+)"', html.split('data-list="works"')[1])
    assert listed == [w["id"] for w in sorted(works, key=lambda w: (w["d"], w["id"]), reverse=True)][:20]
    cited = client.get("/institutions/I183067930?sort=citations", headers=HTML).text
    listed = re.findall(r'data-work-id="(W\d+)"', cited.split('data-list="works"')[1])
    assert listed == [w["id"] for w in sorted(works, key=lambda w: (w["c"] or 0, w["id"]), reverse=True)][:20]
    people = q(seeded, settings, "MATCH (r:Researcher)-[:AFFILIATED_WITH]->(:Institution {id: 'I183067930'}) "
               "RETURN r.id AS id, COUNT { (r)-[:AUTHORED]->() } AS n")
    by_works = client.get("/institutions/I183067930?people=works", headers=HTML).text
    listed = re.findall(r'href="/researchers/(A\d+)"', by_works.split('data-list="researchers"')[1].split("</ul>")[0])
    assert listed == [p["id"] for p in sorted(people, key=lambda p: (p["n"], p["id"]), reverse=True)][:30]


def test_collaborators_page_lists_every_coauthor(client: TestClient, seeded, settings) -> None:
    expected = q(seeded, settings, "MATCH (:Researcher {id: $id})-[c:COAUTHOR]-(o:Researcher) "
                 "RETURN o.id AS id ORDER BY c.sharedWorks DESC, coalesce(c.lastYear, -1) DESC, o.id", id=SEED_ID)
    html = client.get(f"/researchers/{SEED_ID}/collaborators", headers=HTML).text
    assert re.findall(r'<li><a href="/researchers/(A\d+)"', html) == [r["id"] for r in expected][:50] and expected
    assert Fields(html).field("collaborators") == str(len(expected))
    assert f'href="/researchers/{SEED_ID}/collaborators"' in client.get(f"/researchers/{SEED_ID}", headers=HTML).text
    assert client.get("/researchers/A1/collaborators", headers=HTML).status_code == 404
    # Paged through the API two at a time: the same order, nothing repeated, one statement per page.
    seen: list[str] = []
    after = None
    while True:
        result = client.post("/graphql", json={"query": """query($id: ID!, $after: String) { researcher(id: $id) {
            collaborators(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor }
            edges { node { id } } } } }""", "variables": {"id": SEED_ID, "after": after}}).json()
        page = result["data"]["researcher"]["collaborators"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [r["id"] for r in expected] and page["totalCount"] == len(expected)


def test_profile_works_filter_form(client: TestClient, seeded, settings) -> None:
    works = q(seeded, settings, "MATCH (:Researcher {id: $id})-[:AUTHORED]->(w:Work) "
              "RETURN w.id AS id, w.year AS year, w.type AS type, w.sortDate AS d", id=SEED_ID)
    year = sorted(w["year"] for w in works)[0]
    html = client.get(f"/researchers/{SEED_ID}?yearFrom={year}&yearTo={year}", headers=HTML).text
    listed = re.findall(r'<h3 class="work-title"><a href="/works/(W\d+)">', html)
    assert listed == [w["id"] for w in sorted(works, key=lambda w: (w["d"], w["id"]), reverse=True)
                      if w["year"] == year] and listed
    assert 'name="yearFrom" type="number"' in html and f'value="{year}"' in html and "Clear filter" in html
    kind = works[0]["type"]
    html = client.get(f"/researchers/{SEED_ID}?type={kind}&sort=title", headers=HTML).text
    assert sorted(re.findall(r'<h3 class="work-title"><a href="/works/(W\d+)">', html)) == sorted(
        w["id"] for w in works if w["type"] == kind)
    assert f'<option value="{kind}" selected>' in html
    # Out-of-range or unknown values are ignored, a reversed range is swapped.
    assert client.get(f"/researchers/{SEED_ID}?yearFrom=abc&type=nonsense", headers=HTML).status_code == 200
    html = client.get(f"/researchers/{SEED_ID}?yearFrom={year}&yearTo={year - 5}", headers=HTML).text
    assert re.findall(r'<h3 class="work-title"><a href="/works/(W\d+)">', html)
    assert round_trips(client, f"/researchers/{SEED_ID}?yearFrom={year}&type={kind}") <= 3
