"""The research-graph explorer: bounded neighbourhood slices and shortest connections, as flat node/edge lists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from scholargraph.schema.node import EntityKind

if TYPE_CHECKING:
    from scholargraph.context import Context


@strawberry.type(description="One entity in a slice or path.")
class SliceNode:
    id: strawberry.ID
    kind: EntityKind
    label: str = strawberry.field(description="Name or title (the id when there is none).")
    hop: int = strawberry.field(description="Distance from the center (slice) or position in the path.")
    weight: float = strawberry.field(
        description="Tie strength that brought the node in: summed over the nodes of the previous hop that reached "
                    "it (COAUTHOR.sharedWorks, WORKS_ON.weight, HAS_TOPIC.score, else 1); 1 for the center."
    )


@strawberry.type(description="A relationship between two nodes of the slice, in its stored direction.")
class SliceEdge:
    source: strawberry.ID
    target: strawberry.ID
    type: str = strawberry.field(description="AUTHORED, COAUTHOR, HAS_TOPIC, WORKS_ON, AFFILIATED_WITH or CITES.")
    weight: float | None = strawberry.field(
        description="COAUTHOR.sharedWorks, HAS_TOPIC.score or WORKS_ON.weight; null for unweighted types."
    )


@strawberry.type(description="How many neighbours of one kind were left out.")
class KindCount:
    kind: EntityKind
    count: int


@strawberry.type(description="A bounded neighbourhood around one entity (docs/graph-slice.md).")
class GraphSlice:
    center: strawberry.ID
    nodes: list[SliceNode] = strawberry.field(description="Nearest hops first; the center is first.")
    edges: list[SliceEdge] = strawberry.field(description="Every followed edge between two of the nodes.")
    truncated: bool = strawberry.field(description="True when neighbours within the depth were left out.")
    omitted: list[KindCount] = strawberry.field(
        description="Neighbours of the nodes with hop < depth left out, per kind, exact (also for nodes past the "
                    "per-hop frontier cap, which stay in the slice without being walked from); a neighbour left out "
                    "by two such nodes counts twice (these are ties, the '+N more' of each node)."
    )


@strawberry.type(description="The shortest chain of real edges between two entities.")
class GraphPath:
    length: int
    nodes: list[SliceNode] = strawberry.field(description="From `from` to `to`; hop is the position.")
    edges: list[SliceEdge]


@strawberry.type
class ExplorerQuery:
    @strawberry.field(description="A bounded neighbourhood around a researcher, work, topic or institution. "
                                  "NOT_FOUND for an unknown center; BAD_USER_INPUT for depth outside 1–3 or "
                                  "limit outside 1–500.")
    async def graph_slice(self, info: strawberry.Info[Context], center: strawberry.ID, depth: int = 1,
                          limit: int = 60, kinds: list[EntityKind] | None = None) -> GraphSlice:
        from scholargraph.resolvers.explorer import graph_slice

        return await graph_slice(info, str(center), depth, limit, kinds)

    @strawberry.field(description="The shortest connection between two entities within maxHops (1–6), or null.")
    async def connection_path(self, info: strawberry.Info[Context],
                              from_: Annotated[strawberry.ID, strawberry.argument(name="from")], to: strawberry.ID,
                              max_hops: int = 4) -> GraphPath | None:
        from scholargraph.resolvers.explorer import connection_path

        return await connection_path(info, str(from_), str(to), max_hops)
