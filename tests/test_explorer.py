"""graphSlice and connectionPath against the real Neo4j: the seed, small hand-built graphs and a hand-built hub."""

from __future__ import annotations

from collections import Counter
from typing import Any

import neo4j
import pytest

from scholargraph import cypher
from scholargraph.resolvers.explorer import TYPE_ENDS, followed_types, slice_node_params
from scholargraph.schema.node import EntityKind
from scholargraph.settings import Settings
from tests.conftest import GqlRunner, cypher_rows

ZHEFAN = "A5101727316"
ZHEFAN_WORKS = {"W4292165733", "W3010830565"}
ZHEFAN_COAUTHORS = {"A5031485721", "A5068843512", "A5013976340"}
ZHEFAN_TOPICS = {"T19001", "T12026", "T10036"}
FOLLOWED = "|".join(TYPE_ENDS)
KIND_BY_LABEL = {"Researcher": "RESEARCHER", "Work": "WORK", "Topic": "TOPIC", "Institution": "INSTITUTION"}

SLICE = """
query Slice($center: ID!, $depth: Int, $limit: Int, $kinds: [EntityKind!]) {
  graphSlice(center: $center, depth: $depth, limit: $limit, kinds: $kinds) {
    center
    nodes { id kind label hop weight }
    edges { source target type weight }
    truncated
    omitted { kind count }
  }
}
"""
PATH = """
query Path($from: ID!, $to: ID!, $maxHops: Int) {
  connectionPath(from: $from, to: $to, maxHops: $maxHops) {
    length
    nodes { id kind label hop }
    edges { source target type weight }
  }
}
"""


async def _slice(gql: GqlRunner, center: str, **variables: Any) -> dict[str, Any]:
    data = await gql(SLICE, {"center": center, **variables})
    return data["graphSlice"]


def _ids(graph_slice: dict[str, Any]) -> set[str]:
    return {node["id"] for node in graph_slice["nodes"]}


def _edge_set(graph_slice: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(e["source"], e["target"], e["type"]) for e in graph_slice["edges"]}


def _edges_among(driver: neo4j.Driver, settings: Settings, ids: set[str]) -> set[tuple[str, str, str]]:
    rows = cypher_rows(driver, settings, f"MATCH (a)-[r:{FOLLOWED}]->(b) WHERE a.id IN $ids AND b.id IN $ids "
                       "RETURN a.id AS source, b.id AS target, type(r) AS type", ids=list(ids))
    return {(row["source"], row["target"], row["type"]) for row in rows}


def _omitted_by_enumeration(driver: neo4j.Driver, settings: Settings, graph_slice: dict[str, Any],
                            depth: int) -> dict[str, int]:
    """Followed relationships from expanded nodes (hop < depth) to nodes outside the slice, per far kind."""
    kept = _ids(graph_slice)
    expanded = [node["id"] for node in graph_slice["nodes"] if node["hop"] < depth]
    rows = cypher_rows(driver, settings, f"UNWIND $expanded AS id MATCH (n) WHERE n.id = id "
                       f"MATCH (n)-[r:{FOLLOWED}]-(m) RETURN labels(m)[0] AS label, m.id AS id", expanded=expanded)
    counts = Counter(KIND_BY_LABEL[row["label"]] for row in rows if row["id"] not in kept)
    return dict(counts)


def _assert_well_formed(graph_slice: dict[str, Any]) -> None:
    ids = [node["id"] for node in graph_slice["nodes"]]
    assert len(ids) == len(set(ids)), "a node appears twice"
    assert ids[0] == graph_slice["center"] and graph_slice["nodes"][0]["hop"] == 0
    assert [node["hop"] for node in graph_slice["nodes"]] == sorted(node["hop"] for node in graph_slice["nodes"])
    for edge in graph_slice["edges"]:
        assert edge["source"] in ids and edge["target"] in ids, edge
    assert len(_edge_set(graph_slice)) == len(graph_slice["edges"]), "an edge appears twice"


async def test_graph_slice_seed_depth_two_holds_works_coauthors_topics_and_their_edges(
        seeded_graph: neo4j.Driver, settings: Settings, gql: GqlRunner) -> None:
    graph_slice = await _slice(gql, ZHEFAN, depth=2)
    ids = _ids(graph_slice)
    assert {ZHEFAN} | ZHEFAN_WORKS | ZHEFAN_COAUTHORS | ZHEFAN_TOPICS <= ids
    hops = {node["id"]: node["hop"] for node in graph_slice["nodes"]}
    assert all(hops[i] == 1 for i in ZHEFAN_WORKS | ZHEFAN_COAUTHORS | ZHEFAN_TOPICS)
    assert len(ids) <= 60
    _assert_well_formed(graph_slice)
    # Every followed relationship among the kept nodes, found by an independent query, and nothing else.
    assert _edge_set(graph_slice) == _edges_among(seeded_graph, settings, ids)
    assert ("A5101727316", "W4292165733", "AUTHORED") in _edge_set(graph_slice)


async def test_graph_slice_omitted_and_truncated_match_independent_counts(
        seeded_graph: neo4j.Driver, settings: Settings, gql: GqlRunner) -> None:
    for depth, limit in [(1, 60), (2, 60), (2, 20), (3, 120)]:
        graph_slice = await _slice(gql, ZHEFAN, depth=depth, limit=limit)
        expected = _omitted_by_enumeration(seeded_graph, settings, graph_slice, depth)
        assert {o["kind"]: o["count"] for o in graph_slice["omitted"]} == expected, (depth, limit)
        assert graph_slice["truncated"] is bool(expected)


async def test_graph_slice_depth_one_complete_neighbourhood_is_not_truncated(
        seeded_graph: neo4j.Driver, settings: Settings, gql: GqlRunner) -> None:
    graph_slice = await _slice(gql, ZHEFAN, depth=1, limit=60)
    assert _ids(graph_slice) == {ZHEFAN} | ZHEFAN_WORKS | ZHEFAN_COAUTHORS | ZHEFAN_TOPICS
    assert graph_slice["truncated"] is False and graph_slice["omitted"] == []


async def test_graph_slice_limit_is_honoured_nearest_hops_first(seeded_graph: neo4j.Driver,
                                                                gql: GqlRunner) -> None:
    graph_slice = await _slice(gql, ZHEFAN, depth=3, limit=5)
    assert len(graph_slice["nodes"]) == 5
    assert all(node["hop"] <= 1 for node in graph_slice["nodes"])
    assert graph_slice["truncated"] is True
    # Kinds take turns within a hop: the four kept neighbours are not all of one kind.
    assert len({node["kind"] for node in graph_slice["nodes"][1:]}) == 3
    _assert_well_formed(graph_slice)


async def test_graph_slice_kinds_filter_keeps_center_and_follows_only_allowed_kinds(
        seeded_graph: neo4j.Driver, settings: Settings, gql: GqlRunner) -> None:
    only_people = await _slice(gql, "W4292165733", depth=2, kinds=["RESEARCHER"])
    kinds = Counter(node["kind"] for node in only_people["nodes"])
    assert kinds["WORK"] == 1 and set(kinds) == {"WORK", "RESEARCHER"}
    assert {edge["type"] for edge in only_people["edges"]} <= {"AUTHORED", "COAUTHOR"}
    assert {o["kind"] for o in only_people["omitted"]} <= {"RESEARCHER"}
    assert _edge_set(only_people) == _edges_among(seeded_graph, settings, _ids(only_people))
    topics = await _slice(gql, ZHEFAN, depth=2, kinds=["TOPIC"])
    assert _ids(topics) == {ZHEFAN} | ZHEFAN_TOPICS


async def test_graph_slice_is_deterministic(seeded_graph: neo4j.Driver, gql: GqlRunner) -> None:
    first = await _slice(gql, "T12026", depth=2, limit=40)
    second = await _slice(gql, "T12026", depth=2, limit=40)
    assert first == second


async def test_graph_slice_keeps_strongest_coauthors(clean_graph: neo4j.Driver, settings: Settings,
                                                      gql: GqlRunner) -> None:
    cypher_rows(clean_graph, settings, """
        CREATE (c:Researcher {id: 'A100', name: 'Centre'})
        WITH c UNWIND [['A101', 1], ['A102', 7], ['A103', 3], ['A104', 7]] AS pair
        CREATE (c)-[:COAUTHOR {sharedWorks: pair[1], lastYear: 2020}]->(:Researcher {id: pair[0], name: pair[0]})
    """)
    graph_slice = await _slice(gql, "A100", depth=1, limit=3)
    assert [node["id"] for node in graph_slice["nodes"]] == ["A100", "A102", "A104"]
    assert [node["weight"] for node in graph_slice["nodes"][1:]] == [7.0, 7.0]
    assert graph_slice["omitted"] == [{"kind": "RESEARCHER", "count": 2}]


@pytest.mark.parametrize("variables", [{"depth": 0}, {"depth": 4}, {"limit": 0}, {"limit": 501},
                                       {"kinds": ["SOURCE"]}])
async def test_graph_slice_bad_input_is_bad_user_input(seeded_graph: neo4j.Driver, gql: GqlRunner,
                                                      variables: dict[str, Any]) -> None:
    result = await gql(SLICE, {"center": ZHEFAN, **variables}, expect_errors=True)
    assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("center", ["A1", "W999999999", "nonsense"])
async def test_graph_slice_unknown_center_is_not_found(seeded_graph: neo4j.Driver, gql: GqlRunner,
                                                       center: str) -> None:
    result = await gql(SLICE, {"center": center}, expect_errors=True)
    assert result.errors[0].extensions["code"] == "NOT_FOUND"


async def test_graph_slice_round_trips_do_not_grow_with_limit_or_depth(seeded_graph: neo4j.Driver, graph: Any,
                                                                       gql: GqlRunner) -> None:
    trips = []
    for depth, limit in [(1, 5), (3, 500)]:
        before = graph.round_trips
        await _slice(gql, ZHEFAN, depth=depth, limit=limit)
        trips.append(graph.round_trips - before)
    assert trips == [2, 2]


HUB_WORKS = 3000


def _add_hub(driver: neo4j.Driver, settings: Settings) -> None:
    """Hang 3,000 extra works (no authors) on seed topic T19001, as a hub topic would have."""
    cypher_rows(driver, settings, """
        MATCH (t:Topic {id: 'T19001'})
        UNWIND range(1, $n) AS i
        CREATE (w:Work {id: 'W8' + toString(100000 + i), title: 'hub work ' + i,
                        sortDate: toString(1990 + i % 30) + '-01-01'})
        CREATE (w)-[:HAS_TOPIC {score: (i % 97) / 100.0}]->(t)
    """, n=HUB_WORKS)


def _profile_db_hits(driver: neo4j.Driver, settings: Settings, center: str, depth: int, limit: int) -> int:
    kind = {"A": EntityKind.RESEARCHER, "W": EntityKind.WORK, "T": EntityKind.TOPIC}[center[0]]
    first, later = followed_types(kind, {EntityKind.RESEARCHER, EntityKind.WORK, EntityKind.TOPIC,
                                         EntityKind.INSTITUTION})
    params = slice_node_params(center, depth, limit, first, later)
    _, summary, _ = driver.execute_query("PROFILE " + cypher.get("slice_nodes"), params,
                                         database_=settings.neo4j_database)

    def hits(plan: dict[str, Any]) -> int:
        return plan.get("dbHits", 0) + sum(hits(child) for child in plan.get("children", []))

    return hits(summary.profile)


async def test_graph_slice_through_a_hub_stays_bounded(seeded_graph: neo4j.Driver, settings: Settings,
                                                       gql: GqlRunner) -> None:
    before = {c: _profile_db_hits(seeded_graph, settings, c, 2, 60) for c in ("W4292165733", "T19001")}
    _add_hub(seeded_graph, settings)
    after = {c: _profile_db_hits(seeded_graph, settings, c, 2, 60) for c in ("W4292165733", "T19001")}
    # The topic gained 3,000 works (about 30x its degree); reading them all would cost >= 6,000 db hits more.
    for center in before:
        assert after[center] <= 2 * before[center] + 1000, (center, before[center], after[center])
    for center in ("T19001", "W4292165733"):
        graph_slice = await _slice(gql, center, depth=2, limit=60)
        assert len(graph_slice["nodes"]) <= 60
        _assert_well_formed(graph_slice)
        assert _edge_set(graph_slice) == _edges_among(seeded_graph, settings, _ids(graph_slice))
    hub_slice = await _slice(gql, "T19001", depth=1, limit=60)
    omitted = {o["kind"]: o["count"] for o in hub_slice["omitted"]}
    assert omitted["WORK"] >= HUB_WORKS and hub_slice["truncated"] is True


def _shortest_length(driver: neo4j.Driver, settings: Settings, source: str, target: str) -> int | None:
    rows = cypher_rows(driver, settings, "MATCH (a {id: $a}), (b {id: $b}) "
                       "MATCH p = shortestPath((a)-[:AUTHORED|HAS_TOPIC|AFFILIATED_WITH|CITES*..6]-(b)) "
                       "RETURN length(p) AS length", a=source, b=target)
    return rows[0]["length"] if rows else None


async def test_connection_path_links_zhefan_to_a_demo_researcher(seeded_graph: neo4j.Driver, settings: Settings,
                                                                 gql: GqlRunner) -> None:
    target = cypher_rows(seeded_graph, settings, "MATCH (r:Researcher) WHERE r.id STARTS WITH 'A59' "
                         "RETURN r.id AS id ORDER BY r.id DESC LIMIT 1")[0]["id"]
    path = (await gql(PATH, {"from": ZHEFAN, "to": target, "maxHops": 6}))["connectionPath"]
    assert path["length"] == _shortest_length(seeded_graph, settings, ZHEFAN, target)
    assert path["nodes"][0]["id"] == ZHEFAN and path["nodes"][-1]["id"] == target
    assert [node["hop"] for node in path["nodes"]] == list(range(path["length"] + 1))
    assert len(path["edges"]) == path["length"]
    for edge, left, right in zip(path["edges"], path["nodes"], path["nodes"][1:], strict=False):
        assert {edge["source"], edge["target"]} == {left["id"], right["id"]}
        assert edge["type"] in {"AUTHORED", "HAS_TOPIC", "AFFILIATED_WITH", "CITES"}


async def test_connection_path_through_shared_work(seeded_graph: neo4j.Driver, gql: GqlRunner) -> None:
    path = (await gql(PATH, {"from": ZHEFAN, "to": "A5031485721"}))["connectionPath"]
    assert path["length"] == 2 and path["nodes"][1]["id"] in ZHEFAN_WORKS


async def test_connection_path_unreachable_and_max_hops(seeded_graph: neo4j.Driver, settings: Settings,
                                                        gql: GqlRunner) -> None:
    cypher_rows(seeded_graph, settings, "CREATE (:Researcher {id: 'A1', name: 'Loner'})-[:AUTHORED]->"
                "(:Work {id: 'W1', title: 'Alone'})")
    assert (await gql(PATH, {"from": ZHEFAN, "to": "A1", "maxHops": 6}))["connectionPath"] is None
    far = "T10052"
    length = _shortest_length(seeded_graph, settings, ZHEFAN, far)
    assert length is not None and length >= 2
    assert (await gql(PATH, {"from": ZHEFAN, "to": far, "maxHops": length}))["connectionPath"]["length"] == length
    assert (await gql(PATH, {"from": ZHEFAN, "to": far, "maxHops": length - 1}))["connectionPath"] is None


@pytest.mark.parametrize("max_hops", [0, 7])
async def test_connection_path_bad_max_hops_is_bad_user_input(seeded_graph: neo4j.Driver, gql: GqlRunner,
                                                             max_hops: int) -> None:
    result = await gql(PATH, {"from": ZHEFAN, "to": "A5031485721", "maxHops": max_hops}, expect_errors=True)
    assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"


async def test_connection_path_unknown_endpoint_is_not_found(seeded_graph: neo4j.Driver, gql: GqlRunner) -> None:
    result = await gql(PATH, {"from": ZHEFAN, "to": "A999"}, expect_errors=True)
    assert result.errors[0].extensions["code"] == "NOT_FOUND"
