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

from collections.abc import Sequence
from typing import Any

from scholargraph.db import Graph, Tx
from scholargraph.importer import chunked

# Entities per transaction: most have a handful of works, a hub topic or institution tens of thousands; a chunk's
# works are read once, so a chunk is bounded by the transaction memory cap only through one hub.
CHUNK = 200
WORKERS = 2  # transactions at once


async def _refresh_chunk(tx: Tx, part: list[dict[str, str]]) -> int:
    await tx.write("year_counts_lock", rows=part)
    counts = await tx.read("year_counts_live", rows=part)
    await tx.write("year_counts_store", rows=counts)
    return len(counts)


async def refresh(graph: Graph, rows: Sequence[dict[str, str]], *, chunk: int = CHUNK,
                  workers: int = WORKERS) -> int:
    """Recompute and store the counts of `rows` ({kind: Topic | Source | Institution, id}), `chunk` entities per
    transaction, `workers` transactions at once; return how many were stored."""
    return await chunked.run_in_chunks(graph, _refresh_chunk, chunked.chunks_by_kind(rows, chunk), workers)


async def pending(graph: Graph, *, every: bool = False) -> list[dict[str, str]]:
    """The entities with no stored counts (or all of them with `every`), as {kind, id} rows."""
    return [{"kind": row["kind"], "id": row["id"]} for row in await graph.read("year_counts_pending", all=every)]


async def refresh_missing(graph: Graph, **options: Any) -> int:
    """Recompute every entity with no stored counts, until none is left; return how many were done."""
    return await chunked.refresh_missing(lambda: pending(graph), lambda rows: refresh(graph, rows, **options))


async def refresh_all(graph: Graph, **options: Any) -> tuple[int, float]:
    """Recompute every topic, source and institution (a full backfill); return how many and the seconds it took."""
    return await chunked.timed(refresh(graph, await pending(graph, every=True), **options))
