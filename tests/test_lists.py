"""Sorted, filtered and grouped works lists on the OpenAlex sample, checked against the JSON."""

from __future__ import annotations

from collections import Counter
from typing import Any

import neo4j

from tests.test_importer import SAMPLE_PATHS, key, newest, raw_records

ARXIV = "S98137347"  # the sample's largest source (12 works)
PAGE = """query($id: ID!, $first: Int!, $after: String, $order: WorkOrder, $filter: WorkFilter) {
  source(id: $id) { works(first: $first, after: $after, orderBy: $order, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id title citedByCount year type authors { name } } } } } }"""
FACETS = """query($id: ID!, $by: WorkGroupBy!, $filter: WorkFilter) {
  source(id: $id) { worksGroupBy(by: $by, filter: $filter, first: 100) { key label count } } }"""


def arxiv_works() -> list[dict[str, Any]]:
    works = newest(raw_records(SAMPLE_PATHS), "W")
    return [w for w in works.values()
            if key(((w.get("primary_location") or {}).get("source") or {}).get("id")) == ARXIV]


async def walk(gql, variables: dict[str, Any]) -> tuple[list[str], int, list[int]]:
    seen: list[str] = []
    after = None
    sizes = []
    while True:
        data = (await gql(PAGE, {**variables, "after": after, "first": 5}))["source"]["works"]
        seen += [e["node"]["id"] for e in data["edges"]]
        sizes.append(len(data["edges"]))
        if not data["pageInfo"]["hasNextPage"]:
            return seen, data["totalCount"], sizes
        after = data["pageInfo"]["endCursor"]


async def test_order_filter_and_facets_match_the_json(sample_graph: neo4j.Driver, graph, gql) -> None:
    works = arxiv_works()
    assert len(works) >= 10
    by_citations = sorted(works, key=lambda w: (w.get("cited_by_count") or 0, key(w["id"])), reverse=True)
    seen, total, _ = await walk(gql, {"id": ARXIV, "order": "CITATIONS"})
    assert seen == [key(w["id"]) for w in by_citations] and total == len(works)

    by_title = sorted(works, key=lambda w: ((w.get("title") or "").lower(), key(w["id"])))
    seen, _, _ = await walk(gql, {"id": ARXIV, "order": "TITLE"})
    assert seen == [key(w["id"]) for w in by_title]

    years = Counter(w["publication_year"] for w in works)
    low, high = sorted(years)[len(years) // 3], sorted(years)[2 * len(years) // 3]
    kept = [w for w in works if low <= w["publication_year"] <= high and w.get("abstract_inverted_index")]
    newest_first = sorted(kept, key=lambda w: (w["publication_date"], key(w["id"])), reverse=True)
    flt = {"yearFrom": low, "yearTo": high, "hasAbstract": True}
    seen, total, _ = await walk(gql, {"id": ARXIV, "filter": flt})
    assert seen == [key(w["id"]) for w in newest_first] and total == len(kept) > 0

    facets = (await gql(FACETS, {"id": ARXIV, "by": "YEAR"}))["source"]["worksGroupBy"]
    assert {int(f["key"]): f["count"] for f in facets} == dict(years)
    assert [f["key"] for f in facets] == sorted((f["key"] for f in facets), reverse=True)
    types = (await gql(FACETS, {"id": ARXIV, "by": "TYPE", "filter": flt}))["source"]["worksGroupBy"]
    assert {f["key"]: f["count"] for f in types} == dict(Counter(w["type"] for w in kept))
    topics = (await gql(FACETS, {"id": ARXIV, "by": "TOPIC"}))["source"]["worksGroupBy"]
    expected: Counter[str] = Counter()
    for w in works:  # topics scoring 0.05 or more; legacy concepts only for a work without topics
        items = [t for t in w.get("topics") or [] if t["score"] >= 0.05]
        if not w.get("topics"):
            items = [c for c in w.get("concepts") or [] if c["score"] >= 0.05]
        expected.update(key(t["id"]) for t in items)
    assert len(expected) <= 100 and {f["key"]: f["count"] for f in topics} == dict(expected)
    metrics = (await gql("""query($id: ID!) { source(id: $id) { metrics {
      worksCount citedByCount countsByYear { year works citations } } } }""", {"id": ARXIV}))["source"]["metrics"]
    assert (metrics["worksCount"], metrics["citedByCount"]) == (len(works), sum(w["cited_by_count"] for w in works))
    cited: Counter[int] = Counter()
    for w in works:
        cited.update({c["year"]: c["cited_by_count"] for c in w.get("counts_by_year") or []})
    assert {r["year"]: r["works"] for r in metrics["countsByYear"] if r["works"]} == dict(years)
    assert {r["year"]: r["citations"] for r in metrics["countsByYear"] if r["citations"]} == {
        y: c for y, c in cited.items() if c}
    top = topics[0]["key"]
    _, total, _ = await walk(gql, {"id": ARXIV, "filter": {"topicId": top}})
    assert total == topics[0]["count"]


async def test_sorted_lists_cost_one_round_trip_per_page(sample_graph: neo4j.Driver, graph, gql) -> None:
    costs = []
    for first in (1, 50):
        before = graph.round_trips
        await gql(PAGE, {"id": ARXIV, "first": first, "order": "CITATIONS"})
        costs.append(graph.round_trips - before)
    assert costs == [2, 2]  # the source, its sorted page (cards carry authors and venue)
    result = await gql(PAGE, {"id": ARXIV, "first": 5, "filter": {"yearFrom": 2020, "yearTo": 2010}},
                       expect_errors=True)
    assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"
    data = await gql("""query { researcher(id: "A5007671479") {
      byCitations: works(first: 3, orderBy: CITATIONS) { totalCount edges { node { citedByCount } } }
      works(first: 3) { totalCount }
      worksGroupBy(by: TYPE) { key count } } }""")
    counts = [e["node"]["citedByCount"] for e in data["researcher"]["byCitations"]["edges"]]
    assert counts == sorted(counts, reverse=True)
    assert data["researcher"]["byCitations"]["totalCount"] == data["researcher"]["works"]["totalCount"]
    assert sum(f["count"] for f in data["researcher"]["worksGroupBy"]) == data["researcher"]["works"]["totalCount"]


async def test_sorted_lists_and_facets_read_at_most_the_cap(sample_graph: neo4j.Driver, graph, gql,
                                                            monkeypatch) -> None:
    from scholargraph.resolvers import lists

    query = """query($id: ID!, $order: WorkOrder) { source(id: $id) { works(first: 50, orderBy: $order) {
      totalCount complete edges { node { id citedByCount } } } } }"""
    whole = (await gql(query, {"id": ARXIV, "order": "CITATIONS"}))["source"]["works"]
    assert whole["complete"] is True and whole["totalCount"] == len(arxiv_works())
    monkeypatch.setattr(lists, "MAX_SCANNED", 5)  # the sample's sources are small: shrink the cap to reach it
    capped = (await gql(query, {"id": ARXIV, "order": "CITATIONS"}))["source"]["works"]
    assert capped["complete"] is False and capped["totalCount"] == len(capped["edges"]) == 5
    cited = [e["node"]["citedByCount"] for e in capped["edges"]]
    assert cited == sorted(cited, reverse=True)  # still ordered, over the works read
    assert {e["node"]["id"] for e in capped["edges"]} <= {e["node"]["id"] for e in whole["edges"]}
    facets = (await gql(FACETS, {"id": ARXIV, "by": "YEAR"}))["source"]["worksGroupBy"]
    assert sum(f["count"] for f in facets) == 5


async def test_institution_works_and_researchers_orders(sample_graph: neo4j.Driver, settings, graph, gql) -> None:
    from tests.conftest import cypher_rows

    inst = cypher_rows(sample_graph, settings, "MATCH (i:Institution)<-[:AFFILIATED_WITH]-(r:Researcher) "
                       "RETURN i.id AS id, count(r) AS n ORDER BY n DESC, id LIMIT 1")[0]["id"]
    works = cypher_rows(sample_graph, settings, "MATCH (:Institution {id: $id})<-[:AFFILIATED_WITH]-(:Researcher)"
                        "-[:AUTHORED]->(w:Work) RETURN DISTINCT w.id AS id, w.citedByCount AS c", id=inst)
    people = cypher_rows(sample_graph, settings, "MATCH (r:Researcher)-[:AFFILIATED_WITH]->(:Institution {id: $id}) "
                         "RETURN r.id AS id, COUNT { (r)-[:AUTHORED]->() } AS n, "
                         "COLLECT { MATCH (r)-[:AUTHORED]->(w) RETURN coalesce(w.citedByCount, 0) } AS cs", id=inst)
    assert len(people) >= 2 and works
    query = """query($id: ID!, $order: ResearcherOrder, $after: String, $worksAfter: String) {
      institution(id: $id) {
        researchers(first: 2, orderBy: $order, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { worksCount node { id } } }
        works(first: 3, orderBy: CITATIONS, after: $worksAfter) {
          totalCount complete pageInfo { hasNextPage endCursor } edges { node { id } } } } }"""
    for order, keyf in (("CITATIONS", lambda p: sum(p["cs"])), ("WORKS", lambda p: p["n"])):
        seen: list[str] = []
        after = None
        while True:
            before = graph.round_trips
            data = (await gql(query, {"id": inst, "order": order, "after": after}))["institution"]
            assert graph.round_trips - before == 3  # the institution, a researchers page, a works page
            seen += [e["node"]["id"] for e in data["researchers"]["edges"]]
            if not data["researchers"]["pageInfo"]["hasNextPage"]:
                break
            after = data["researchers"]["pageInfo"]["endCursor"]
        assert seen == [p["id"] for p in sorted(people, key=lambda p: (keyf(p), p["id"]), reverse=True)], order
    seen = []
    after = None
    while True:
        data = (await gql(query, {"id": inst, "worksAfter": after}))["institution"]["works"]
        seen += [e["node"]["id"] for e in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    assert seen == [w["id"] for w in sorted(works, key=lambda w: (w["c"] or 0, w["id"]), reverse=True)]
    assert data["totalCount"] == len(works) and data["complete"] is True
