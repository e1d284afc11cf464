"""A bounded load on loopback for RELIABILITY.md: the page documents at a fixed concurrency for a fixed time.

`python -m bench.reliability --url http://127.0.0.1:8000 --seconds 60 --concurrency 8` against a running service
with the demo seed. Prints requests per second, p50/p99 latency, errors by status and code, and the service's
own count of internal errors (from /metrics) over the run. Loopback only: it refuses any other host.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx

QUERIES = Path(__file__).resolve().parent.parent / "web" / "queries"
SEED_RESEARCHER = "A5101727316"
MIX: list[tuple[str, dict[str, Any]]] = [
    ("profile", {"id": SEED_RESEARCHER}),
    ("profile_viewer", {"id": SEED_RESEARCHER}),
    ("graph_slice", {"center": SEED_RESEARCHER, "depth": 2}),
    ("search", {"text": "zhe"}),
    ("search", {"text": "graph neural"}),
]


def internal_errors(metrics: str) -> float:
    for line in metrics.splitlines():
        if line.startswith('scholargraph_graphql_errors_total{code="INTERNAL"}'):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


async def run(url: str, seconds: float, concurrency: int) -> dict[str, Any]:
    bodies = [{"query": (QUERIES / f"{name}.graphql").read_text(), "variables": variables}
              for name, variables in MIX]
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        internal_before = internal_errors((await client.get("/metrics")).text)
        deadline = time.monotonic() + seconds
        sent = 0

        async def worker(offset: int) -> None:
            nonlocal sent
            index = offset
            while time.monotonic() < deadline:
                started = time.perf_counter()
                try:
                    response = await client.post("/graphql", json=bodies[index % len(bodies)])
                    body = response.json()
                    errors = body.get("errors") or []
                    outcome = "ok" if response.status_code == 200 and not errors else (
                        f"{response.status_code} {errors[0].get('extensions', {}).get('code') if errors else ''}")
                except httpx.HTTPError as exc:
                    outcome = type(exc).__name__
                latencies.append(time.perf_counter() - started)
                outcomes[outcome] += 1
                sent += 1
                index += 1

        started = time.monotonic()
        await asyncio.gather(*(worker(i) for i in range(concurrency)))
        elapsed = time.monotonic() - started
        internal_after = internal_errors((await client.get("/metrics")).text)
    ordered = sorted(latencies)
    return {
        "seconds": round(elapsed, 1), "concurrency": concurrency, "requests": sent,
        "requests_per_second": round(sent / elapsed, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 1),
        "errors": {key: value for key, value in outcomes.items() if key != "ok"},
        "internal_errors_on_the_service": internal_after - internal_before,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    if urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        parser.error("loopback only")
    print(json.dumps(asyncio.run(run(args.url, args.seconds, args.concurrency)), indent=1))


if __name__ == "__main__":
    main()
