"""A/B of the field completion path: graphql-core's own (strawberry's stock context) against FastExecutionContext.

`python -m bench.completion_ab [--quick] [--rounds 300] [--cells profile:hubs,profile:median,...]` uses the bench
instance (already imported by `python -m bench`). For each cell it first runs every request with both contexts and
checks that the responses are equal byte for byte, then runs the two *interleaved in one process* (A, B, B, A, …,
so drift on a shared machine hits both alike), measuring the process's CPU time per request, and finally counts
function calls under cProfile for one pass of each. No HTTP: this is the GraphQL layer and the driver.
`--baseline FILE` puts the `FastExecutionContext` of another copy of schema/execution.py in the stock context's
place (`git show HEAD~1:schema/execution.py > /tmp/execution_before.py`), to measure a change of the fast path.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import importlib.util
import pstats
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any

import orjson
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from bench import capture, harness
from bench.hotpath import cell_of
from scholargraph import db
from scholargraph.context import make_context
from scholargraph.schema.execution import FastExecutionContext

CONTEXTS: dict[str, Any] = {"stock": StrawberryGraphQLCoreExecutionContext, "fast": FastExecutionContext}
DEFAULT_CELLS = "profile:hubs,profile:median,works_page:hubs,work_page:cited"


def _calls(stats: pstats.Stats, name: str) -> int:
    return sum(row[1] for key, row in stats.stats.items() if key[2] == name)  # type: ignore[attr-defined]


async def measure(options: harness.Options, workload: str, bucket: str, rounds: int) -> dict[str, Any]:
    cell, settings = cell_of(options, workload, bucket)
    driver = db.open_driver(settings)
    capturer = capture.Capturer(driver, settings.neo4j_database)
    schema = capturer.schema
    kept = schema.execution_context_class
    try:
        if workload == "works_page":
            await capture.prepare_works_pages(capturer, cell)
        requests = cell.requests
        bodies: dict[str, list[bytes]] = {}
        for name, context_class in CONTEXTS.items():  # warm-up, and the equality check
            schema.execution_context_class = context_class
            bodies[name] = []
            for request in requests:
                result = await schema.execute(request.document, variable_values=request.variables,
                                              context_value=make_context(capture.RecordingGraph(
                                                  driver, settings.neo4j_database)))
                errors = [error.formatted for error in result.errors] if result.errors else None
                bodies[name].append(orjson.dumps({"data": result.data, "errors": errors}))
        equal = bodies["stock"] == bodies["fast"]
        cpu: dict[str, list[float]] = {name: [] for name in CONTEXTS}
        for i in range(rounds):
            request = requests[i % len(requests)]
            for name in (("stock", "fast") if i % 2 == 0 else ("fast", "stock")):
                schema.execution_context_class = CONTEXTS[name]
                started = time.process_time()
                await capturer.execute(request)
                cpu[name].append((time.process_time() - started) * 1000)
        calls: dict[str, dict[str, int]] = {}
        for name, context_class in CONTEXTS.items():
            schema.execution_context_class = context_class
            profiler = cProfile.Profile()
            profiler.enable()
            for request in requests:
                await capturer.execute(request)
            profiler.disable()
            stats = pstats.Stats(profiler)
            calls[name] = {"total": stats.total_calls, "execute_field": _calls(stats, "execute_field"),  # type: ignore[attr-defined]
                           "build_resolve_info": _calls(stats, "build_resolve_info"),
                           "complete_value": _calls(stats, "complete_value")}
    finally:
        schema.execution_context_class = kept
        await driver.close()
    return {"cell": f"{workload}/{bucket}", "requests": len(requests), "equal": equal,
            "bytes": statistics.mean(len(body) for body in bodies["fast"]),
            "cpu": {name: (statistics.median(v), statistics.mean(v)) for name, v in cpu.items()}, "calls": calls}


def report(row: dict[str, Any]) -> str:
    (s50, smean), (f50, fmean) = row["cpu"]["stock"], row["cpu"]["fast"]
    per = {name: {k: v // row["requests"] for k, v in counts.items()} for name, counts in row["calls"].items()}
    return (f"{row['cell']}: {row['requests']} requests, ~{row['bytes'] / 1000:.0f} KB, responses equal: "
            f"{row['equal']}\n  CPU per request p50 / mean: stock {s50:.2f} / {smean:.2f} ms, fast {f50:.2f} / "
            f"{fmean:.2f} ms (fast/stock p50 {f50 / s50:.2f}, mean {fmean / smean:.2f})\n"
            f"  calls per request: stock {per['stock']}\n                     fast  {per['fast']}")


def _baseline(path: str) -> Any:
    """`FastExecutionContext` from another copy of schema/execution.py (imported as a module of its own)."""
    spec = importlib.util.spec_from_file_location("_execution_baseline", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FastExecutionContext


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.completion_ab", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="use the quick corpus's instance")
    parser.add_argument("--cells", default=DEFAULT_CELLS, help="workload:bucket,… (default %(default)s)")
    parser.add_argument("--rounds", type=int, default=300, help="A/B pairs per cell")
    parser.add_argument("--instance", help="local Neo4j instance (default bench; quick bench-quick)")
    parser.add_argument("--port", type=int, help="its Bolt port (default 7689; quick 7761)")
    parser.add_argument("--baseline", help="a copy of schema/execution.py whose fast context replaces stock")
    args = parser.parse_args(argv)
    if args.baseline:
        CONTEXTS["stock"] = _baseline(args.baseline)
    options = harness.QUICK if args.quick else harness.Options()
    options = harness.with_overrides(options, instance=args.instance, port=args.port)
    equal = True
    for cell in args.cells.split(","):
        workload, bucket = cell.split(":")
        row = asyncio.run(measure(options, workload, bucket, args.rounds))
        equal = equal and row["equal"]
        print(report(row), flush=True)
    return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main())
