"""graphSlice and connectionPath against the real Neo4j: the seed, small hand-built graphs and a hand-built hub."""

from __future__ import annotations

from collections import Counter
from typing import Any

import neo4j
import pytest

from scholargraph import cypher
from scholargraph import db
from scholargraph.resolvers.explorer import (
    FRONTIER_CAP, MAX_LIMIT, SLICE_KINDS, TYPE_ENDS, followed_types, omitted_ties, read_slice, slice_params,
)
from scholargraph.schema.node import EntityKind, kind_of
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
    assert trips == [1, 1]


async def _capped_and_uncapped(graph: db.Graph, center: str, depth: int,
                               limit: int) -> tuple[tuple[list[dict[str, Any]], Any], tuple[list[dict[str, Any]], Any]]:
    kind = kind_of(center)
    assert kind is not None
    first, later = followed_types(kind, set(SLICE_KINDS))
    capped = await read_slice(graph, center, depth, limit, first, later)
    uncapped = await read_slice(graph, center, depth, limit, first, later, frontier=MAX_LIMIT)  # before the cap
    return capped, uncapped


async def test_graph_slice_under_the_frontier_cap_is_the_uncapped_slice(seeded_graph: neo4j.Driver,
                                                                        settings: Settings, graph: db.Graph) -> None:
    """On every sixth seed entity (≈ 80 of every kind): where no hop before the last has more nodes than the cap,
    the slice is exactly the uncapped one (nodes, order, weights, edges, degrees); where one has, the cap only
    narrows what is walked."""
    rows = cypher_rows(seeded_graph, settings, "MATCH (n) WHERE n:Researcher OR n:Work OR n:Topic OR n:Institution "
                       "RETURN n.id AS id ORDER BY id")
    under = over = 0
    for index, center in enumerate(row["id"] for row in rows[::6]):
        for depth, limit in [(2, 100), (3, 150)]:
            (nodes, found), (old_nodes, old_found) = await _capped_and_uncapped(graph, center, depth, limit)
            widest = max(Counter(node["hop"] for node in old_nodes if 0 < node["hop"] < depth).values(), default=0)
            if widest <= FRONTIER_CAP:
                under += 1
                assert nodes == old_nodes, (center, depth)
                assert found == old_found, (center, depth)
            else:
                over += 1
                assert [n for n in nodes if n["hop"] <= 1] == [n for n in old_nodes if n["hop"] <= 1], center
                assert len(nodes) <= limit
            if index % 4 or depth == 3:
                continue
            # Either way, the one statement's edges and degrees agree with independent queries (every 4th centre).
            got = {"nodes": nodes, "edges": found["edges"]}
            assert _edge_set(got) == _edges_among(seeded_graph, settings, _ids(got)), (center, depth)
            first, later = followed_types(EntityKind(nodes[0]["kind"]), set(SLICE_KINDS))
            omitted = omitted_ties(center, depth, nodes, found["edges"], found["degrees"], first, later)
            assert {kind.name: count for kind, count in omitted.items()} == _omitted_by_enumeration(
                seeded_graph, settings, got, depth), (center, depth)
    assert under > 10 and over > 0, (under, over)


async def test_graph_slice_frontier_cap_expands_only_the_strongest_and_counts_the_rest(
        clean_graph: neo4j.Driver, settings: Settings, gql: GqlRunner, graph: db.Graph) -> None:
    """30 co-authors at hop 1 (shared works 1..30), each with 3 co-authors of their own: hop 2 holds exactly the
    co-authors of the FRONTIER_CAP strongest, and `omitted` counts the ties of the 14 others, which are not walked."""
    cypher_rows(clean_graph, settings, """
        CREATE (c:Researcher {id: 'A100', name: 'Centre'})
        WITH c UNWIND range(1, 30) AS i
        CREATE (c)-[:COAUTHOR {sharedWorks: i, lastYear: 2020}]->(p:Researcher {id: 'A' + toString(1000 + i)})
        WITH p, i UNWIND range(1, 3) AS j
        CREATE (p)-[:COAUTHOR {sharedWorks: 1, lastYear: 2020}]->(:Researcher {id: 'A' + toString(10000 + 10 * i + j)})
    """)
    graph_slice = await _slice(gql, "A100", depth=2, limit=100)
    _assert_well_formed(graph_slice)
    hop1 = [node["id"] for node in graph_slice["nodes"] if node["hop"] == 1]
    assert hop1 == [f"A{1000 + i}" for i in range(30, 0, -1)]  # strongest first
    walked = range(30, 30 - FRONTIER_CAP, -1)
    assert {node["id"] for node in graph_slice["nodes"] if node["hop"] == 2} == {
        f"A{10000 + 10 * i + j}" for i in walked for j in (1, 2, 3)}
    expected = _omitted_by_enumeration(clean_graph, settings, graph_slice, 2)
    assert expected == {"RESEARCHER": 3 * (30 - FRONTIER_CAP)}
    assert {o["kind"]: o["count"] for o in graph_slice["omitted"]} == expected
    assert graph_slice["truncated"] is True
    assert _edge_set(graph_slice) == _edges_among(clean_graph, settings, _ids(graph_slice))
    # Uncapped, hop 2 is walked from all 30 and fills the whole remaining budget (100 - 31) instead.
    _, (old_nodes, _) = await _capped_and_uncapped(graph, "A100", 2, 100)
    assert len([n for n in old_nodes if n["hop"] == 2]) == 100 - 31


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
    params = slice_params(center, depth, limit, first, later)
    _, summary, _ = driver.execute_query("PROFILE " + cypher.get("slice_graph"), params,
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
