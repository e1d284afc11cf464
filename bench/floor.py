"""The floor, run in its own process: the exact Cypher the resolvers sent, straight through the async driver.

`python -m bench.floor SPEC OUT`: SPEC is a JSON file {uri, database, pace, runs: [{key, concurrency, plans}]};
the password comes in NEO4J_PASSWORD. A plan is the captured waves of one GraphQL request: the statements of a
wave run concurrently, waves one after another, each statement by name (cypher.get) with the captured
parameters, in the same driver call the service makes (execute_query, read routing, database named). No GraphQL,
no HTTP: what is left is the database plus the driver.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import Any

import neo4j
import orjson

from scholargraph import cypher
from bench.runner import Pace, run_async, run_cell

ROUTING = {"r": neo4j.RoutingControl.READ, "w": neo4j.RoutingControl.WRITE}


class Replayer:
    def __init__(self, driver: neo4j.AsyncDriver, database: str) -> None:
        self.driver = driver
        self.database = database

    async def step(self, step: dict[str, Any]) -> None:
        if not step["tx"]:
            name, params = step["statements"][0]
            await self.driver.execute_query(cypher.get(name), params, database_=self.database,
                                            routing_=ROUTING[step["routing"]])
            return
        mode = neo4j.READ_ACCESS if step["routing"] == "r" else neo4j.WRITE_ACCESS
        async with self.driver.session(database=self.database, default_access_mode=mode) as session:
            run = session.execute_read if mode == neo4j.READ_ACCESS else session.execute_write
            await run(self._statements, step["statements"])

    @staticmethod
    async def _statements(tx: neo4j.AsyncManagedTransaction, statements: list[list[Any]]) -> None:
        for name, params in statements:
            result = await tx.run(cypher.get(name), params)
            [record async for record in result]

    async def plan(self, waves: list[list[dict[str, Any]]]) -> bool:
        try:
            for wave in waves:
                await asyncio.gather(*(self.step(step) for step in wave))
        except neo4j.exceptions.Neo4jError:
            return False
        return True


async def main_async(spec: dict[str, Any]) -> dict[str, Any]:
    pace = Pace(**spec["pace"])
    driver = neo4j.AsyncGraphDatabase.driver(spec["uri"], auth=("neo4j", os.environ["NEO4J_PASSWORD"]),
                                             max_connection_pool_size=64, connection_acquisition_timeout=10.0)
    results = {}
    try:
        await driver.verify_connectivity()
        replayer = Replayer(driver, spec["database"])
        for run in spec["runs"]:
            plans = run["plans"]
            results[run["key"]] = await run_cell(lambda i, plans=plans: replayer.plan(plans[i]), len(plans),
                                                 run["concurrency"], pace)
            print(f"  floor {run['key']}: p50 {results[run['key']]['p50_ms']:.1f} ms", file=sys.stderr,
                  flush=True)
    finally:
        await driver.close()
    return results


def main(argv: list[str] | None = None) -> int:
    spec_path, out_path = (argv or sys.argv[1:])[:2]
    spec = orjson.loads(Path(spec_path).read_bytes())
    # The service does not print the server's notifications (unknown labels on a small corpus): neither do we.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    Path(out_path).write_bytes(orjson.dumps(run_async(main_async(spec))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
