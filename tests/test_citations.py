"""The citation graph: references and cited-by connections against counts computed from the OpenAlex JSON."""

from __future__ import annotations

import neo4j

from tests.test_importer import SAMPLE_PATHS, key, newest, raw_records

COUNTS = """query($id: ID!) { work(id: $id) {
  references(first: 0) { totalCount } citedBy(first: 0) { totalCount } } }"""

PAGE = """query($id: ID!, $first: Int!, $after: String) { work(id: $id) {
  references(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id title inGraph citedByCount year authors { id name } venue { name } } } }
  citedBy(first: $first) {
    totalCount edges { node { id title citedByCount authors { name } } } } } }"""


def expected_citations() -> tuple[dict[str, int], dict[str, int]]:
    """References per imported work (distinct W ids, a work listing itself left out) and, per work, how many
    imported works list it — written from the JSON without the importer's code."""
    works = newest(raw_records(SAMPLE_PATHS), "W")
    references: dict[str, int] = {}
    cited_by: dict[str, int] = dict.fromkeys(works, 0)
    for wid, work in works.items():
        refs = {key(ref) for ref in work.get("referenced_works") or []} - {wid}
        references[wid] = len(refs)
        for ref in refs:
            if ref in cited_by:
                cited_by[ref] += 1
    return references, cited_by


async def test_reference_and_cited_by_counts_match_the_json(sample_graph: neo4j.Driver, gql, graph) -> None:
    references, cited_by = expected_citations()
    assert sum(cited_by.values()) > 50 and sum(references.values()) > 1000  # the sample exercises both
    for wid in references:
        work = (await gql(COUNTS, {"id": wid}))["work"]
        assert work["references"]["totalCount"] == references[wid], wid
        assert work["citedBy"]["totalCount"] == cited_by[wid], wid


async def test_pages_walk_every_reference_and_cost_a_bounded_number_of_round_trips(
        sample_graph: neo4j.Driver, gql, graph) -> None:
    references, cited_by = expected_citations()
    wid = max(references, key=lambda w: (cited_by[w] > 1, references[w]))
    seen: list[str] = []
    after = None
    costs = []
    while True:
        before = graph.round_trips
        data = (await gql(PAGE, {"id": wid, "first": 7, "after": after}))["work"]
        costs.append(graph.round_trips - before)
        refs = data["references"]
        seen += [edge["node"]["id"] for edge in refs["edges"]]
        if not refs["pageInfo"]["hasNextPage"]:
            break
        after = refs["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == references[wid] == refs["totalCount"]
    stubs = [e["node"] for e in refs["edges"] if not e["node"]["inGraph"]]
    assert all(s["title"] is None and s["authors"] == [] for s in stubs)
    assert len(data["citedBy"]["edges"]) == min(7, cited_by[wid])
    # the work, its references page and its cited-by page (cards with authors and venue): one statement
    assert max(costs) == 1
    before = graph.round_trips
    await gql(PAGE, {"id": wid, "first": 100, "after": None})
    assert graph.round_trips - before == costs[0]
