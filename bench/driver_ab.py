"""CPU per statement of the ways a read can go through the async driver, interleaved in one process.

`python -m bench.driver_ab [--quick] [--port P] [--workload works_count] [--concurrency 16] [--rounds 40]`
captures the Cypher the service sends for the workload's first request (bench.capture's RecordingGraph), then
runs that statement through each variant below in turn — A, B, C, … then the next round in another order — as
`concurrency` tasks at once, and prints the process CPU time (user + system) and wall time per statement, median
over the rounds. On a shared machine only the ratios between variants measured in the same rounds mean anything.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import neo4j
from starlette.datastructures import Secret

from bench import harness, served
from bench.capture import RecordingGraph
from bench.runner import run_async
from scholargraph import cypher, db, localdb
from scholargraph.context import make_context
from scholargraph.schema.root import schema
from scholargraph.settings import Settings

Variant = Callable[[], Awaitable[Any]]


def variants(driver: neo4j.AsyncDriver, quiet: neo4j.AsyncDriver, graph: db.Graph, name: str,
             params: dict[str, Any]) -> dict[str, Variant]:
    text = cypher.get(name)
    database = graph.database
    bookmarks = driver.execute_query_bookmark_manager
    read = neo4j.RoutingControl.READ

    async def fetch(tx: neo4j.AsyncManagedTransaction) -> list[dict[str, Any]]:
        result = await tx.run(text, params)
        return [dict(record.items()) async for record in result]

    async def execute_query() -> Any:
        records, _, _ = await driver.execute_query(neo4j.Query(text, timeout=10.0), params, database_=database,
                                                   routing_=read)
        return [dict(record.items()) for record in records]

    async def execute_query_no_telemetry() -> Any:
        records, _, _ = await quiet.execute_query(neo4j.Query(text, timeout=10.0), params, database_=database,
                                                  routing_=read)
        return [dict(record.items()) for record in records]

    async def execute_query_str() -> Any:
        records, _, _ = await driver.execute_query(text, params, database_=database, routing_=read)
        return [dict(record.items()) for record in records]

    async def execute_read() -> Any:
        async with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS,
                                  bookmark_manager=bookmarks) as session:
            return await session.execute_read(neo4j.unit_of_work(timeout=10.0)(fetch))

    async def execute_read_no_bookmarks() -> Any:
        async with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            return await session.execute_read(neo4j.unit_of_work(timeout=10.0)(fetch))

    async def graph_read() -> Any:
        return await graph.read(name, **params)

    return {"execute_query (Query, eager)": execute_query,
            "execute_query, telemetry off": execute_query_no_telemetry,
            "execute_query (str)": execute_query_str,
            "session.execute_read + bookmark mgr": execute_read,
            "session.execute_read, no bookmarks": execute_read_no_bookmarks,
            "Graph.read (db.py, with metrics)": graph_read}


async def captured(graph: RecordingGraph, body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    result = await schema.execute(body["query"], variable_values=body.get("variables"),
                                  context_value=make_context(graph))
    assert not result.errors, result.errors
    name, params = graph.calls[0].statements[0]
    return name, params


async def measure(options: harness.Options, workload: str, concurrency: int, rounds: int, calls: int) -> str:
    inst = localdb.instance(options.instance, port=options.port)
    settings = Settings(neo4j_uri=inst.uri, neo4j_user="neo4j", neo4j_password=Secret(inst.password()))
    cypher.load_all()
    driver = db.open_driver(settings)
    quiet = neo4j.AsyncGraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user,
                                                                      str(settings.neo4j_password)),
                                            max_connection_pool_size=db.POOL_SIZE, telemetry_disabled=True,
                                            notifications_min_severity="OFF")
    try:
        name, params = await captured(RecordingGraph(driver, settings.neo4j_database),
                                      served.bodies(options, workload)[0])
        graph = db.Graph(driver, settings.neo4j_database)
        runs = variants(driver, quiet, graph, name, params)
        cpu: dict[str, list[float]] = {key: [] for key in runs}
        wall: dict[str, list[float]] = {key: [] for key in runs}
        order = list(runs)
        rng = random.Random(1)

        async def worker(run: Variant) -> None:
            for _ in range(calls):
                await run()

        for round_ in range(rounds + 2):
            rng.shuffle(order)
            for key in order:
                cpu0, wall0 = time.process_time(), time.perf_counter()
                await asyncio.gather(*(worker(runs[key]) for _ in range(concurrency)))
                if round_ >= 2:  # two warm rounds
                    cpu[key].append((time.process_time() - cpu0) / (concurrency * calls))
                    wall[key].append((time.perf_counter() - wall0) / (concurrency * calls))
        base = statistics.median(cpu[next(iter(runs))])
        lines = [f"{workload}: statement {name}, c={concurrency}, {rounds} rounds × {concurrency * calls} calls",
                 f"  {'variant':<38} {'CPU ms/stmt':>11} {'ratio':>6} {'wall ms/stmt':>12}"]
        for key in runs:
            c = statistics.median(cpu[key])
            lines.append(f"  {key:<38} {1000 * c:11.3f} {c / base:6.2f} {1000 * statistics.median(wall[key]):12.3f}")
        return "\n".join(lines) + "\n"
    finally:
        await driver.close()
        await quiet.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.driver_ab", description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--instance")
    parser.add_argument("--port", type=int)
    parser.add_argument("--workload", default="works_count", choices=served.CHOICES[1:])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--calls", type=int, default=4, help="calls per task per round")
    args = parser.parse_args(argv)
    options = harness.QUICK if args.quick else harness.Options()
    options = harness.with_overrides(options, instance=args.instance, port=args.port)
    print(run_async(measure(options, args.workload, args.concurrency, args.rounds, args.calls)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
