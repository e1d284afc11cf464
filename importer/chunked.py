"""Derived values recomputed in chunks: one write transaction per chunk, a few at once (stored suggestions, per-year
counts, per-level works counts), and the passes that recompute whatever is missing until nothing is."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from scholargraph.db import Graph, Tx

Part = TypeVar("Part")


async def run_in_chunks(graph: Graph, work: Callable[[Tx, Any], Awaitable[int]], parts: Sequence[Part],
                        workers: int) -> int:
    """Run `work(tx, part=part)` for every part in its own retried write transaction, `workers` at once; return the
    sum of what the transactions returned."""
    queue: asyncio.Queue[Part] = asyncio.Queue()
    for part in parts:
        queue.put_nowait(part)
    done = 0

    async def worker() -> None:
        nonlocal done
        while not queue.empty():
            part = queue.get_nowait()
            count = await graph.write_tx(work, part=part)
            done += count  # not `done += await ...`: that reads `done` before the await and loses updates

    await asyncio.gather(*(worker() for _ in range(max(1, workers))))
    return done


def chunks_by_kind(rows: Sequence[dict[str, str]], chunk: int) -> list[list[dict[str, str]]]:
    """{kind, id} rows grouped by kind, sorted by id (the lock order), cut into chunks of at most `chunk`: one kind
    per transaction."""
    by_kind: dict[str, set[str]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], set()).add(row["id"])
    parts = []
    for kind, ids in sorted(by_kind.items()):
        ordered = [{"kind": kind, "id": i} for i in sorted(ids)]
        parts += [ordered[i:i + chunk] for i in range(0, len(ordered), chunk)]
    return parts


async def refresh_missing(missing: Callable[[], Awaitable[Sequence[Part]]],
                          refresh: Callable[[Sequence[Part]], Awaitable[int]]) -> int:
    """Recompute what `missing()` lists, until it lists nothing; return how many were done. At most three passes:
    a concurrent import may drop some again meanwhile, and its own run recomputes them after."""
    total = 0
    for _ in range(3):
        pending = await missing()
        if not pending:
            break
        total += await refresh(pending)
    return total


async def timed(done: Awaitable[int]) -> tuple[int, float]:
    """How many a full backfill did, and the seconds it took."""
    started = time.perf_counter()
    count = await done
    return count, time.perf_counter() - started
