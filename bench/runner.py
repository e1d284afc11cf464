"""The measuring loop shared by the load generator and the floor: warm up until p50 is stable, then measure.

`send(i)` performs request i of a cell (returns False on an error); `concurrency` workers call it back to back,
cycling through the cell's requests, so exactly `concurrency` requests are in flight at any time.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

Send = Callable[[int], Awaitable[bool]]
T = TypeVar("T")


@dataclass(frozen=True)
class Pace:
    warm_round: int = 20          # requests per warm-up round (at least warm_per_worker × concurrency)
    warm_per_worker: int = 2
    warm_max_rounds: int = 8
    warm_max_seconds: float = 10.0
    warm_tolerance: float = 0.10  # two consecutive rounds' p50 within 10 % ends the warm-up
    measure_requests: int = 400
    measure_seconds: float = 4.0
    min_requests: int = 50
    max_seconds: float = 30.0


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summarise(latencies: list[float], errors: int, seconds: float) -> dict[str, Any]:
    ms = sorted(x * 1000 for x in latencies)
    return {
        "n": len(ms), "errors": errors, "seconds": round(seconds, 3),
        "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95), "p99_ms": percentile(ms, 99),
        "mean_ms": sum(ms) / len(ms) if ms else math.nan, "max_ms": ms[-1] if ms else math.nan,
        "rps": len(ms) / seconds if seconds > 0 else 0.0,
    }


async def _burst(send: Send, items: int, concurrency: int, offset: int,
                 done: Callable[[int, float], bool]) -> tuple[list[float], int, float, int]:
    latencies: list[float] = []
    errors = 0
    dispatched = 0
    started = time.perf_counter()

    async def worker() -> None:
        nonlocal errors, dispatched
        while not done(dispatched, time.perf_counter() - started):
            index = (offset + dispatched) % items
            dispatched += 1
            t0 = time.perf_counter()
            ok = await send(index)
            elapsed = time.perf_counter() - t0
            if ok:
                latencies.append(elapsed)
            else:
                errors += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, errors, time.perf_counter() - started, dispatched


async def run_cell(send: Send, items: int, concurrency: int, pace: Pace) -> dict[str, Any]:
    """Warm up, then measure; returns the latency summary plus how the warm-up went."""
    round_size = max(pace.warm_round, pace.warm_per_worker * concurrency)
    p50s: list[float] = []
    offset, stable, warm_started = 0, False, time.perf_counter()
    while len(p50s) < pace.warm_max_rounds and time.perf_counter() - warm_started < pace.warm_max_seconds:
        latencies, _, _, sent = await _burst(send, items, concurrency, offset, lambda n, _t: n >= round_size)
        offset += sent
        p50s.append(percentile(sorted(latencies), 50) if latencies else math.nan)
        if len(p50s) >= 2 and abs(p50s[-1] - p50s[-2]) <= pace.warm_tolerance * p50s[-2]:
            stable = True
            break

    def measured_enough(n: int, elapsed: float) -> bool:
        return (n >= pace.measure_requests or elapsed >= pace.max_seconds
                or (elapsed >= pace.measure_seconds and n >= pace.min_requests))

    latencies, errors, seconds, _ = await _burst(send, items, concurrency, offset, measured_enough)
    result = summarise(latencies, errors, seconds)
    result["warmup"] = {"rounds": len(p50s), "stable": stable, "p50_ms": [round(p * 1000, 2) for p in p50s]}
    return result


def run_async(main: Coroutine[Any, Any, T]) -> T:
    """Run on uvloop when installed: uvicorn serves on it, so both sides of a measurement use the same loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)
