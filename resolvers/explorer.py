"""Resolvers for graphSlice and connectionPath: validate, pick whitelisted types, run one statement."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import strawberry

from scholargraph.db import Graph
from scholargraph.errors import InvalidInput, NotFound
from scholargraph.schema.explorer import GraphPath, GraphSlice, KindCount, SliceEdge, SliceNode
from scholargraph.schema.node import EntityKind, kind_of

if TYPE_CHECKING:
    from scholargraph.context import Context

MAX_DEPTH = 3
MAX_LIMIT = 500
MAX_HOPS = 6
# Relationships read per type per expanded node before ranking: the center gets enough for a full first hop,
# later hops a fixed sample, so a slice costs O(limit * SCAN_NEXT) relationship reads at worst, whatever the degrees.
SCAN_FIRST_MIN = 100
SCAN_NEXT = 40  # issue 15: was 100; a depth-2 slice at a p99 researcher reads ~20 % fewer records
# Per-hop frontier cap: hop 2 (and 3) expand only from the first FRONTIER_CAP nodes of the hop before, in the order
# the slice keeps them (strongest first, kinds taking turns). The other nodes of that hop stay in the slice, and
# their left-out neighbours still count in `omitted`; they are just not walked from (docs/graph-slice.md).
FRONTIER_CAP = 16
# connectionPath does not pass through nodes with more followed relationships than this (hub topics, big
# institutions, famous papers); see docs/graph-slice.md.
HUB_DEGREE = 1000

R, W, T, I = EntityKind.RESEARCHER, EntityKind.WORK, EntityKind.TOPIC, EntityKind.INSTITUTION  # noqa: E741
SLICE_KINDS = (R, W, T, I)
# The relationship types a slice follows, with the kinds at their two ends (the whitelist of types in Cypher).
TYPE_ENDS: dict[str, tuple[EntityKind, EntityKind]] = {
    "AUTHORED": (R, W), "COAUTHOR": (R, R), "WORKS_ON": (R, T),
    "HAS_TOPIC": (W, T), "AFFILIATED_WITH": (R, I), "CITES": (W, W),
}
PATH_QUERIES = {hops: f"path_shortest_{hops}" for hops in range(1, MAX_HOPS + 1)}


def far_kind(rel_type: str, kind: EntityKind) -> EntityKind | None:
    """The kind at the other end of `rel_type` from a node of `kind`, or None if the type does not touch it."""
    start, end = TYPE_ENDS[rel_type]
    return end if kind is start else start if kind is end else None


def followed_types(center_kind: EntityKind, allowed: set[EntityKind]) -> tuple[list[str], list[str]]:
    """Types followed from the center, and from every later hop, so that only `allowed` kinds are reached."""
    first = [t for t in TYPE_ENDS if far_kind(t, center_kind) in allowed]
    later = [t for t, ends in TYPE_ENDS.items() if set(ends) <= allowed]
    return first, later


def _slice_kind(entity_id: str) -> EntityKind:
    kind = kind_of(entity_id)
    if kind is EntityKind.SOURCE:
        raise InvalidInput("Slices and paths are centred on researchers, works, topics or institutions, not sources.")
    if kind is None:
        raise NotFound(f"No entity with id {entity_id!r}.")
    return kind


def _check_slice_input(depth: int, limit: int, kinds: list[EntityKind] | None) -> set[EntityKind]:
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidInput(f"`depth` must be between 1 and {MAX_DEPTH}; got {depth}.")
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"`limit` must be between 1 and {MAX_LIMIT}; got {limit}.")
    if kinds is not None and EntityKind.SOURCE in kinds:
        raise InvalidInput("Sources are not part of slices; leave SOURCE out of `kinds`.")
    return set(SLICE_KINDS if kinds is None else kinds)


def omitted_ties(center: str, depth: int, nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
                 degree_rows: list[dict[str, Any]], first: list[str], later: list[str]) -> Counter[EntityKind]:
    """Per kind, the followed relationships of expanded nodes whose far end is not in the slice (degree - kept)."""
    kept_ties: Counter[tuple[str, str]] = Counter()
    for edge in edges:
        kept_ties[(edge["source"], edge["type"])] += 1
        kept_ties[(edge["target"], edge["type"])] += 1
    degrees = {row["id"]: row["degrees"] for row in degree_rows}
    left_out: Counter[EntityKind] = Counter()
    for node in nodes:
        if node["hop"] >= depth:
            continue
        kind = EntityKind(node["kind"])
        for rel_type in first if node["id"] == center else later:
            far = far_kind(rel_type, kind)
            if far is not None:
                left_out[far] += degrees[node["id"]][rel_type] - kept_ties[(node["id"], rel_type)]
    return +left_out


def slice_params(center: str, depth: int, limit: int, first: list[str], later: list[str],
                 frontier: int = FRONTIER_CAP) -> dict[str, Any]:
    """The parameters of `slice_graph` (public so the benchmark and tests can PROFILE the same statement; the tests
    pass `frontier=MAX_LIMIT` for the uncapped slice)."""
    return {"center": center, "depth": depth, "limit": limit, "types_first": first, "types_next": later,
            "types": sorted(set(first) | set(later)), "scan_first": max(SCAN_FIRST_MIN, 2 * limit),
            "scan_next": SCAN_NEXT, "frontier": frontier}


async def read_slice(graph: Graph, center: str, depth: int, limit: int, first: list[str], later: list[str],
                     frontier: int = FRONTIER_CAP) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Slice nodes, and the edges among them with the degrees of the nodes with hop < depth ({edges, degrees}): one
    statement, one round trip. No nodes when the center does not exist."""
    rows = await graph.read("slice_graph", **slice_params(center, depth, limit, first, later, frontier))
    if not rows:
        return [], {"edges": [], "degrees": []}
    return rows[0]["nodes"], {"edges": rows[0]["edges"], "degrees": rows[0]["degrees"]}


def _node(row: dict[str, Any], hop: int | None = None) -> SliceNode:
    return SliceNode(id=strawberry.ID(row["id"]), kind=EntityKind(row["kind"]), label=row["label"],
                     hop=row["hop"] if hop is None else hop, weight=float(row.get("weight", 1.0)))


def _edge(row: dict[str, Any]) -> SliceEdge:
    return SliceEdge(source=strawberry.ID(row["source"]), target=strawberry.ID(row["target"]), type=row["type"],
                     weight=row["weight"])


async def graph_slice(info: strawberry.Info[Context], center: str, depth: int, limit: int,
                      kinds: list[EntityKind] | None) -> GraphSlice:
    """A bounded neighbourhood of `center` in one statement. Raises NotFound, InvalidInput."""
    allowed = _check_slice_input(depth, limit, kinds)
    first, later = followed_types(_slice_kind(center), allowed)
    nodes, found = await read_slice(info.context.graph, center, depth, limit, first, later)
    if not nodes:
        raise NotFound(f"No entity with id {center!r}.")
    omitted = omitted_ties(center, depth, nodes, found["edges"], found["degrees"], first, later)
    return GraphSlice(
        center=strawberry.ID(center),
        nodes=[_node(row) for row in nodes],
        edges=[_edge(edge) for edge in found["edges"]],
        truncated=bool(omitted),
        omitted=[KindCount(kind=kind, count=omitted[kind]) for kind in SLICE_KINDS if omitted[kind]],
    )


async def connection_path(info: strawberry.Info[Context], source: str, target: str,
                          max_hops: int) -> GraphPath | None:
    """The shortest chain of real edges within `max_hops`, or None. Raises NotFound, InvalidInput."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise InvalidInput(f"`maxHops` must be between 1 and {MAX_HOPS}; got {max_hops}.")
    _slice_kind(source), _slice_kind(target)
    if source == target:
        raise InvalidInput("`from` and `to` must be different entities.")
    row = await info.context.graph.read_one(PATH_QUERIES[max_hops], source=source, target=target, hub_degree=HUB_DEGREE)
    if row is None:
        raise NotFound("No entity with one of those ids.")
    if row["length"] is None:
        return None
    return GraphPath(length=row["length"], nodes=[_node(n, hop=i) for i, n in enumerate(row["nodes"])],
                     edges=[_edge(edge) for edge in row["edges"]])
