"""The bench's own Cypher (counts, degree lists, versions, cache warming, the slice and suggestion benches'
synthetic graphs and centres), from bench/queries/*.cypher.

These are measuring-tool queries, not the service's: they are not shipped with the package (cypher/ is), and go
straight through a driver, parameters only, the database named on every call: `read` with a sync driver, or by
name through `BenchGraph` (the service's Graph, which also knows these) for the async bench scripts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from functools import cache
from pathlib import Path
from typing import Any, LiteralString, cast

import neo4j

from scholargraph import db, localdb
from scholargraph.settings import Settings

QUERIES = Path(__file__).resolve().parent / "queries"
DATABASE = "neo4j"


@cache
def statement(name: str) -> LiteralString:
    # Safe to treat as a literal: the text comes from a file in this repository, never from input.
    return cast(LiteralString, (QUERIES / f"{name}.cypher").read_text())


@contextmanager
def connect(inst: localdb.Instance) -> Iterator[neo4j.Driver]:
    """A sync driver to the instance, for the bench's own queries."""
    with neo4j.GraphDatabase.driver(inst.uri, auth=("neo4j", inst.password())) as driver:
        yield driver


def read(driver: neo4j.Driver, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run a bench statement; rows as dicts."""
    records, _, _ = driver.execute_query(statement(name), params, database_=DATABASE,
                                         routing_=neo4j.RoutingControl.READ)
    return [record.data() for record in records]


def counts(driver: neo4j.Driver) -> dict[str, int]:
    row = read(driver, "graph_counts")[0]
    return {"nodes": row["nodes"], "relationships": row["relationships"]}


def server_version(driver: neo4j.Driver) -> dict[str, str]:
    rows = read(driver, "server_version")
    return {row["name"]: f"{row['version']} {row['edition']}" for row in rows}


def warm_cache(driver: neo4j.Driver) -> dict[str, int]:
    """Touch every node and relationship with its properties once."""
    nodes = read(driver, "cache_warm_nodes")[0]["nodes"]
    return {"nodes": nodes, "relationships": read(driver, "cache_warm_relationships")[0]["relationships"]}


def researcher_degrees(driver: neo4j.Driver) -> list[dict[str, Any]]:
    return read(driver, "researcher_degrees")


def work_degrees(driver: neo4j.Driver) -> list[dict[str, Any]]:
    return read(driver, "work_degrees")


def topic_degrees(driver: neo4j.Driver) -> list[dict[str, Any]]:
    return read(driver, "topic_degrees")


class BenchGraph(db.Graph):
    """The service's Graph that also runs the bench's own statements by name (bench/queries/<name>.cypher); any
    other name is the service's (cypher/)."""

    async def _run(self, name: str, params: dict[str, Any],
                   routing: neo4j.RoutingControl) -> tuple[list[neo4j.Record], neo4j.ResultSummary]:
        if not (QUERIES / f"{name}.cypher").is_file():
            return await super()._run(name, params, routing)
        self.count(name)
        records, summary, _ = await self.driver.execute_query(statement(name), params, database_=self.database,
                                                              routing_=routing)
        return records, summary


@asynccontextmanager
async def connect_async(settings: Settings) -> AsyncIterator[BenchGraph]:
    """As db.connect, with a BenchGraph."""
    driver = db.open_driver(settings)
    try:
        await driver.verify_connectivity()
        yield BenchGraph(driver, settings.neo4j_database)
    finally:
        await driver.close()
