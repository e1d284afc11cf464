"""Where a *served* request's time goes: the service runs in this process under uvicorn, the load in another.

`python -m bench.served [--quick] [--workloads typename,search,works_count,connection_path] [--concurrency 1]
[--requests 600] [--profile]` uses the bench instance (imported by `python -m bench`), serves
`scholargraph.server:create_app` in this process exactly as `scholargraph serve` does (uvicorn, httptools, uvloop,
production settings), and drives it with the load generator (`bench.load`) in a subprocess. Per workload it
prints the service's CPU time per request (this process only: the load generator and Neo4j run elsewhere) and the
client's p50; with `--profile`, cProfile (timing CPU, not wall time: on a shared machine a descheduled
process would charge its wait to whatever call it was in) runs around the measured load and groups own time by layer
(uvicorn, Starlette and middleware, strawberry's view, extensions, graphql-core, the driver, metrics, ours) and
lists the functions with the most own time. bench.hotpath shows schema.execute alone; this shows the whole edge.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson
import uvicorn
from starlette.datastructures import Secret
from starlette.types import Receive, Scope, Send

from bench import graphdb, harness, workloads
from bench.runner import Pace, run_async
from scholargraph import localdb
from scholargraph.observability import log_config
from scholargraph.server import create_app
from scholargraph.settings import Settings

TYPENAME = "typename"
CHOICES = (TYPENAME, "search", "works_count", "connection_path", "profile", "works_page")
# Own time by layer: the first prefix of a function's file path (after site-packages/ or the repo) wins.
LAYERS = (
    ("uvicorn", ("uvicorn/", "httptools/")),
    ("starlette + middleware", ("starlette/", "asgi_correlation_id/", "scholargraph/guard.py", "guard.py",
                                "scholargraph/web/caching.py", "web/caching.py")),
    ("strawberry view", ("strawberry/http/", "strawberry/asgi/", "cross_web/")),
    ("strawberry schema + extensions", ("strawberry/schema/", "strawberry/extensions/", "strawberry/utils/",
                                        "scholargraph/schema/limits.py", "schema/limits.py")),
    ("strawberry types + resolvers", ("strawberry/",)),
    ("graphql-core", ("graphql/",)),
    ("neo4j driver", ("neo4j/", "neo4j_rust_ext/")),
    ("prometheus + metrics", ("prometheus_client/", "scholargraph/observability.py", "observability.py")),
    ("logging", ("logging/",)),
    ("asyncio + uvloop", ("asyncio/", "uvloop/", "contextvars", "<frozen")),
    ("json", ("orjson", "json/")),
    ("scholargraph", ("scholargraph/", "/s4h3/", "/main/")),
)


class Counting:
    """Outermost ASGI wrapper: how many HTTP requests the service answered (to divide the CPU time by)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.requests = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.requests += 1
        await self.app(scope, receive, send)


def bodies(options: harness.Options, workload: str) -> list[dict[str, Any]]:
    """The bench's own requests for `workload` (median researchers, its search texts, its path pairs)."""
    if workload == TYPENAME:
        return [{"query": "{ __typename }"}]
    import random

    inst = localdb.instance(options.instance, port=options.port)
    with graphdb.connect(inst) as driver:
        degrees = graphdb.researcher_degrees(driver)
    rng = random.Random(options.seed)
    buckets = workloads.degree_buckets(degrees, options.centres)
    texts = workloads.search_texts(degrees, options.search_texts, rng)
    pairs = workloads.random_pairs(degrees, options.path_pairs, rng)
    cells = workloads.base_cells({"median": buckets["median"]}, texts, pairs, {workload: True})
    document = workloads.document(workload)
    return [{"query": document, "variables": request.variables} for cell in cells for request in cell.requests]


def layer(filename: str) -> str:
    path = filename.replace("\\", "/")
    for name, prefixes in LAYERS:
        if any(prefix in path for prefix in prefixes):
            return name
    return "other (builtins, C calls)"


def by_layer(stats: pstats.Stats, requests: int) -> str:
    totals: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        totals[layer(filename)] = totals.get(layer(filename), 0.0) + tottime
    whole = sum(totals.values()) or 1.0
    lines = [f"  {name:<32} {1000 * t / max(requests, 1):7.3f} ms/request  {100 * t / whole:5.1f} %"
             for name, t in sorted(totals.items(), key=lambda kv: -kv[1])]
    return "\n".join(lines)


async def serve_and_measure(options: harness.Options, names: list[str], concurrency: int, requests: int,
                            service_port: int, profile: bool, top: int, dump: str | None = None) -> str:
    inst = localdb.instance(options.instance, port=options.port)
    settings = Settings(neo4j_uri=inst.uri, neo4j_user="neo4j", neo4j_password=Secret(inst.password()),
                        host="127.0.0.1", port=service_port, debug=False, log_level="warning",
                        maintenance_interval=0)
    app = Counting(create_app(settings))
    config = uvicorn.Config(app, host="127.0.0.1", port=service_port, log_level="warning", proxy_headers=True,
                            log_config=log_config("warning", "json"), lifespan="on")
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    while not server.started:
        if serving.done():
            raise SystemExit(f"the service did not start (uvicorn exited: {serving.exception()!r})")
        await asyncio.sleep(0.05)
    out = io.StringIO()
    pace = Pace(warm_round=50, warm_max_rounds=4, warm_max_seconds=3.0, measure_requests=requests,
                measure_seconds=60.0, min_requests=requests, max_seconds=60.0)
    try:
        for name in names:
            spec = {"url": f"http://127.0.0.1:{service_port}", "label": name,
                    "pace": pace.__dict__, "runs": [{"key": name, "concurrency": concurrency,
                                                     "bodies": bodies(options, name)}]}
            with tempfile.TemporaryDirectory() as folder:
                spec_path, out_path = Path(folder, "spec.json"), Path(folder, "out.json")
                spec_path.write_bytes(orjson.dumps(spec))
                profiler = cProfile.Profile(time.process_time) if profile else None
                before_requests, cpu0, wall0 = app.requests, time.process_time(), time.perf_counter()
                if profiler is not None:
                    profiler.enable()
                load = await asyncio.create_subprocess_exec(sys.executable, "-m", "bench.load", str(spec_path),
                                                            str(out_path), stderr=asyncio.subprocess.DEVNULL)
                await load.wait()
                if profiler is not None:
                    profiler.disable()
                cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
                served = app.requests - before_requests
                result = orjson.loads(out_path.read_bytes())[name]
            out.write(f"{name} (c={concurrency}): {served} requests served, service CPU {1000 * cpu / served:.3f} "
                      f"ms/request (wall {wall:.1f} s); client p50 {result['p50_ms']:.2f} ms, p99 "
                      f"{result['p99_ms']:.2f} ms, {result['rps']:.0f} req/s, errors {result['errors']}\n")
            if profiler is not None:
                if dump is not None:
                    profiler.dump_stats(f"{dump}.{name}")
                stats = pstats.Stats(profiler)
                out.write(f"  own CPU time by layer under cProfile (inflated by the profiler; read the shares):\n"
                          f"{by_layer(stats, served)}\n")
                text = io.StringIO()
                pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(top)
                out.write(text.getvalue().split("\n\n", 1)[-1])
                text = io.StringIO()
                pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
                out.write(text.getvalue().split("\n\n", 1)[-1])
            print(out.getvalue(), flush=True)
            out = io.StringIO()
    finally:
        server.should_exit = True
        await serving
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.served", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="use the quick corpus's instance")
    parser.add_argument("--workloads", default=f"{TYPENAME},search,works_count,connection_path",
                        help=f"comma-separated, of {', '.join(CHOICES)}")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--requests", type=int, default=600, help="measured requests per workload")
    parser.add_argument("--profile", action="store_true", help="cProfile the service around each workload")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--dump", help="with --profile: also save each workload's pstats to DUMP.<workload>")
    parser.add_argument("--instance", help="local Neo4j instance (default bench; quick bench-quick)")
    parser.add_argument("--port", type=int, help="its Bolt port (default 7689; quick 7761)")
    parser.add_argument("--service-port", type=int, default=int(os.environ.get("PORT", "8061")))
    args = parser.parse_args(argv)
    names = [n for n in args.workloads.split(",") if n]
    unknown = set(names) - set(CHOICES)
    if unknown:
        parser.error(f"unknown workloads: {', '.join(sorted(unknown))}")
    options = harness.QUICK if args.quick else harness.Options()
    options = harness.with_overrides(options, instance=args.instance, port=args.port)
    print(run_async(serve_and_measure(options, names, args.concurrency, args.requests, args.service_port,
                                      args.profile, args.top, args.dump)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
