"""The load generator, run in its own process: POSTs each cell's GraphQL requests over HTTP at a fixed concurrency.

`python -m bench.load SPEC OUT`: SPEC is a JSON file {url, path (default /graphql), label, pace, runs: [{key,
concurrency, bodies: [...]}]};
OUT receives {key: summary}. A request counts as an error unless the status is 200 and the body has no `errors`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import httpx
import orjson

from bench.runner import Pace, run_async, run_cell

HEADERS = {"content-type": "application/json", "accept": "application/json"}


async def measure(url: str, pace: Pace, run: dict[str, Any], path: str = "/graphql") -> dict[str, Any]:
    bodies = [orjson.dumps(body) for body in run["bodies"]]
    concurrency = run["concurrency"]
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60.0, headers=HEADERS) as client:

        async def send(index: int) -> bool:
            response = await client.post(path, content=bodies[index])
            return response.status_code == 200 and b'"errors"' not in response.content

        return await run_cell(send, len(bodies), concurrency, pace)


async def main_async(spec: dict[str, Any]) -> dict[str, Any]:
    pace = Pace(**spec["pace"])
    results = {}
    for run in spec["runs"]:
        results[run["key"]] = await measure(spec["url"], pace, run, spec.get("path", "/graphql"))
        print(f"  {spec.get('label', 'service')} {run['key']}: p50 {results[run['key']]['p50_ms']:.1f} ms", file=sys.stderr, flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    spec_path, out_path = (argv or sys.argv[1:])[:2]
    spec = orjson.loads(Path(spec_path).read_bytes())
    results = run_async(main_async(spec))
    Path(out_path).write_bytes(orjson.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
