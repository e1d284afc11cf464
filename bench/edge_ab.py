"""A/B of request-path changes over the whole app (middleware, view, GraphQL, driver), in one process.

`python -m bench.edge_ab [--quick] [--port P] [--workloads works_count,search,profile] [--concurrency 16]
[--rounds 30]` starts `create_app` (its lifespan: driver, constraints) in this process and calls it as ASGI, the
way uvicorn would, with the bench's own requests (`bench.served.bodies`, median researchers). Each round runs
every variant once, in a shuffled order, as `concurrency` tasks at once; the figure is the process CPU time per
request (user + system), median over the rounds. No HTTP server and no socket to the client: uvicorn's share is
`bench.served` minus this. Variants are the code before a change (patched back in) and after it, so drift on the
shared machine hits both alike; read the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from typing import Any

import orjson
from starlette.datastructures import Secret

from bench import harness, served
from bench.runner import run_async
from scholargraph import localdb, observability
from scholargraph.resolvers.researcher import ResearcherPlan
from scholargraph.server import GC_THRESHOLDS, create_app
from scholargraph.settings import Settings


def _old_want(self: ResearcherPlan) -> dict[str, Any]:
    want = asdict(self)
    card = want.pop("card")
    del want["worksFirst"], want["worksAfter"]
    return {**want, **card}


def _old_cypher_statement(name: str, seconds: float, access: str) -> None:
    observability.CYPHER_STATEMENTS.labels(name, access).observe(seconds)
    observability.CYPHER_LATENCY.observe(seconds)
    operation = observability._current.get()
    if operation is not None:
        operation.round_trips += 1


@contextlib.contextmanager
def _patched(target: Any, name: str, value: Any) -> Iterator[None]:
    saved = getattr(target, name)
    setattr(target, name, value)
    try:
        yield
    finally:
        setattr(target, name, saved)


@contextlib.contextmanager
def _collector(frozen: bool, thresholds: tuple[int, int, int]) -> Iterator[None]:
    gc.unfreeze()
    gc.collect()
    if frozen:
        gc.freeze()
    gc.set_threshold(*thresholds)
    yield


@contextlib.contextmanager
def before() -> Iterator[None]:
    """The request path before this session's changes (session 5, issue 15)."""
    with _collector(False, (700, 10, 10)), _patched(ResearcherPlan, "want", _old_want), \
            _patched(observability, "cypher_statement", _old_cypher_statement):
        yield


def after() -> contextlib.AbstractContextManager[None]:
    return _collector(True, GC_THRESHOLDS)  # what server.tune_gc does once started


VARIANTS: dict[str, Callable[[], contextlib.AbstractContextManager[None]]] = {
    "before": before,
    "after": after,
}


class Client:
    """ASGI calls to the app as uvicorn makes them (one request body, then a receive that waits)."""

    def __init__(self, app: Any, state: dict[str, Any]) -> None:
        self.app = app
        self.state = state

    async def post(self, body: bytes) -> int:
        status = 0
        delivered = False
        never = asyncio.Event()

        async def receive() -> dict[str, Any]:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            await never.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"}, "http_version": "1.1",
                 "method": "POST", "scheme": "http", "path": "/graphql", "raw_path": b"/graphql",
                 "query_string": b"", "root_path": "", "client": ("127.0.0.1", 40000),
                 "server": ("127.0.0.1", 8000), "state": dict(self.state),
                 "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json"),
                             (b"accept", b"application/json"), (b"accept-encoding", b"gzip, deflate"),
                             (b"content-length", str(len(body)).encode())]}
        await self.app(scope, receive, send)
        return status


async def measure(options: harness.Options, names: list[str], concurrency: int, rounds: int, per_task: int) -> str:
    inst = localdb.instance(options.instance, port=options.port)
    settings = Settings(neo4j_uri=inst.uri, neo4j_user="neo4j", neo4j_password=Secret(inst.password()),
                        debug=False, log_level="warning", maintenance_interval=0)
    app = create_app(settings)
    lines = []
    async with app.router.lifespan_context(app) as state:
        client = Client(app, state or {})
        for name in names:
            bodies = [orjson.dumps(body) for body in served.bodies(options, name)]
            cpu: dict[str, list[float]] = {key: [] for key in VARIANTS}
            order = list(VARIANTS)
            rng = random.Random(1)

            async def task(offset: int, bodies: list[bytes] = bodies) -> None:
                for i in range(per_task):
                    status = await client.post(bodies[(offset + i) % len(bodies)])
                    assert status == 200, status

            for round_ in range(rounds + 2):
                rng.shuffle(order)
                for key in order:
                    with VARIANTS[key]():
                        cpu0 = time.process_time()
                        await asyncio.gather(*(task(t) for t in range(concurrency)))
                        if round_ >= 2:
                            cpu[key].append((time.process_time() - cpu0) / (concurrency * per_task))
            base = statistics.median(cpu["before"])
            lines.append(f"{name} (c={concurrency}, {rounds} rounds × {concurrency * per_task} requests): " + ", ".join(
                f"{key} {1000 * statistics.median(values):.3f} ms CPU/request ({statistics.median(values) / base:.2f})"
                for key, values in cpu.items()))
            print(lines[-1], flush=True)
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.edge_ab", description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--instance")
    parser.add_argument("--port", type=int)
    parser.add_argument("--workloads", default="works_count,search,profile")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--per-task", type=int, default=4, help="requests per task per round")
    args = parser.parse_args(argv)
    options = harness.QUICK if args.quick else harness.Options()
    options = harness.with_overrides(options, instance=args.instance, port=args.port)
    run_async(measure(options, [n for n in args.workloads.split(",") if n], args.concurrency, args.rounds,
                      args.per_task))
    return 0


if __name__ == "__main__":
    sys.exit(main())
