"""Stored per-year counts: works and citations per year, and their totals, of topics, sources and institutions.

The metrics panels and the citations-per-year charts of topic, source and institution pages read them
(`entity_year_counts`, `topic_read_by_ids`) instead of reading every work of the entity per request, which at a hub
topic is most of the graph (docs/metrics.md, "Stored per-year counts"). They are computed by `year_counts_live`,
the same definition a read falls back to, and kept as properties: metricsWorksCount, metricsCitedByCount and the
parallel lists metricsYears, metricsYearWorks, metricsYearCitations (oldest year first).

Freshness, as for stored suggestions (importer/suggestions.py): every import batch drops, under its locks, the
values of the topics, sources and institutions whose works it can have changed (`import_year_counts_invalidate*`
in write.REFRESH, and the author batches for new affiliations); the import run, the seed loader and
`scholargraph maintenance year-counts` then recompute every entity that has none (`refresh_missing`), each one in
full (idempotent). A recomputation locks its entities in key order before reading their works, so a concurrent
batch either commits before it (and is read) or drops the values again after it (and the next pass recomputes).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from scholargraph.db import Graph, Tx
from scholargraph.importer.chunked import run_in_chunks

# Entities per transaction: most have a handful of works, a hub topic or institution tens of thousands; a chunk's
# works are read once, so a chunk is bounded by the transaction memory cap only through one hub.
CHUNK = 200
WORKERS = 2  # transactions at once


async def _refresh_chunk(tx: Tx, part: list[dict[str, str]]) -> int:
    await tx.write("year_counts_lock", rows=part)
    counts = await tx.read("year_counts_live", rows=part)
    await tx.write("year_counts_store", rows=counts)
    return len(counts)


def _chunks(rows: Sequence[dict[str, str]], chunk: int) -> list[list[dict[str, str]]]:
    """Rows grouped by kind, sorted by id, cut into chunks of at most `chunk` (one kind per transaction)."""
    by_kind: dict[str, set[str]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], set()).add(row["id"])
    parts = []
    for kind_, ids in sorted(by_kind.items()):
        ordered = [{"kind": kind_, "id": i} for i in sorted(ids)]
        parts += [ordered[i:i + chunk] for i in range(0, len(ordered), chunk)]
    return parts


async def refresh(graph: Graph, rows: Sequence[dict[str, str]], *, chunk: int = CHUNK,
                  workers: int = WORKERS) -> int:
    """Recompute and store the counts of `rows` ({kind: Topic | Source | Institution, id}), `chunk` entities per
    transaction, `workers` transactions at once; return how many were stored."""
    return await run_in_chunks(graph, _refresh_chunk, _chunks(rows, chunk), workers)


async def pending(graph: Graph, *, every: bool = False) -> list[dict[str, str]]:
    """The entities with no stored counts (or all of them with `every`), as {kind, id} rows."""
    return [{"kind": row["kind"], "id": row["id"]} for row in await graph.read("year_counts_pending", all=every)]


async def refresh_missing(graph: Graph, **options: Any) -> int:
    """Recompute every entity with no stored counts, until none is left; return how many were done."""
    total = 0
    for _ in range(3):  # a concurrent import may drop some again meanwhile; its own run recomputes them after
        missing = await pending(graph)
        if not missing:
            break
        total += await refresh(graph, missing, **options)
    return total


async def refresh_all(graph: Graph, **options: Any) -> tuple[int, float]:
    """Recompute every topic, source and institution (a full backfill); return how many and the seconds it took."""
    started = time.perf_counter()
    done = await refresh(graph, await pending(graph, every=True), **options)
    return done, time.perf_counter() - started
