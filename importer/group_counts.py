"""Stored counts of distinct works per subfield, field and domain (TopicGroup.taggedWorks).

A work carrying two topics of one subfield is one work of that subfield: the count is a distinct count over every
work of the level, which for the domain of a hub topic is most of the graph, too much to read per request or per
import batch. So it is kept as `worksCount` on the Subfield, Field and Domain nodes and refreshed as the per-year
counts are (importer/year_counts.py): every import batch drops, under its locks, the values of the levels it locks
(those of the topics it touches, before and after; `import_topic_hierarchy_prune`), and the import run, the seed
loader and `scholargraph maintenance year-counts` recompute every level that has none (`refresh_missing`), each in
full and idempotently, locking its nodes in key order before reading (`group_counts_store`). A read meanwhile
counts live (`topic_group_by_id`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scholargraph.db import Graph, Tx
from scholargraph.importer import chunked

# Levels per transaction: a domain reads every work of its topics once; there are ~250 subfields, 26 fields and
# 4 domains in OpenAlex's taxonomy.
CHUNK = 20
WORKERS = 2  # transactions at once


async def _refresh_chunk(tx: Tx, part: list[dict[str, str]]) -> int:
    rows = await tx.read("group_counts_store", rows=part)
    return int(rows[0]["stored"]) if rows else 0


async def refresh(graph: Graph, rows: Sequence[dict[str, str]], *, chunk: int = CHUNK, workers: int = WORKERS) -> int:
    """Recompute and store the counts of `rows` ({kind: Subfield | Field | Domain, id}); return how many."""
    return await chunked.run_in_chunks(graph, _refresh_chunk, chunked.chunks_by_kind(rows, chunk), workers)


async def pending(graph: Graph, *, every: bool = False) -> list[dict[str, str]]:
    """The levels with no stored count (or all of them with `every`), as {kind, id} rows."""
    return [{"kind": row["kind"], "id": row["id"]} for row in await graph.read("group_counts_pending", all=every)]


async def refresh_missing(graph: Graph, **options: Any) -> int:
    """Recompute every level with no stored count, until none is left; return how many were done."""
    return await chunked.refresh_missing(lambda: pending(graph), lambda rows: refresh(graph, rows, **options))


async def refresh_all(graph: Graph, **options: Any) -> tuple[int, float]:
    """Recompute every level (a full backfill); return how many and the seconds it took."""
    return await chunked.timed(refresh(graph, await pending(graph, every=True), **options))
