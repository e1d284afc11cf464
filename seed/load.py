"""Load the demo seed through the importer's own mapping and write path, then the profile extras."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from scholargraph.db import Graph
from scholargraph.importer import mapping, run, write
from scholargraph.seed import demo

BATCH = 500
T = TypeVar("T")


def _batches(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


async def is_empty(graph: Graph) -> bool:
    row = await graph.read_one("graph_is_empty")
    return bool(row and row["empty"])


async def load(graph: Graph) -> Counter[str]:
    """Apply constraints, import the seed's OpenAlex records, set summaries; idempotent (MERGE on keys)."""
    seed = demo.build()
    await graph.apply_constraints()
    counts: Counter[str] = Counter()
    counts += await write.write_institutions(graph, [mapping.map_institution(r) for r in seed.institutions])
    for batch in _batches(seed.works):
        counts += await write.write_works(graph, [mapping.map_work(record) for record in batch])
    rows: list[dict[str, Any]] = await graph.write("seed_profiles_update", profiles=seed.profiles)
    counts["profiles"] += rows[0]["updated"] if rows else 0
    counts.update(await run.refresh_stored(graph))
    return counts
