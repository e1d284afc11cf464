"""Derived values recomputed in chunks: one write transaction per chunk, a few at once (suggestions, year counts)."""

from __future__ import annotations

import asyncio
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
