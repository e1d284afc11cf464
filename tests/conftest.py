"""Fixtures: a real Neo4j (the `test` local instance unless NEO4J_URI says otherwise), wiped per test."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import neo4j
import pytest

# Set before the service's modules load (and inherited by the services and CLIs tests start): argon2-cffi's cheapest
# profile, so password hashing does not dominate the suite's time. The production default is checked by
# tests/test_account.py::test_password_hashes_use_rfc9106_low_memory_by_default.
os.environ.setdefault("PASSWORD_HASH_PROFILE", "cheapest")

from scholargraph import db  # noqa: E402 - after the environment above
from scholargraph import localdb  # noqa: E402
from scholargraph.settings import Settings  # noqa: E402

SENTINEL_QUERY = "MERGE (:TestSentinel {id: 'scholargraph-test'})"


@pytest.fixture(scope="session")
def settings() -> Settings:
    settings = Settings.from_environ(instance="test")
    if settings.local_instance is not None:
        # Idempotent: `make test` has usually started it already.
        localdb.start(settings.local_instance)
    return settings


@pytest.fixture(scope="session")
def neo4j_driver(settings: Settings) -> Iterator[neo4j.Driver]:
    """A synchronous driver for fixtures only (wipe, seed, counts); code under test gets its own async driver."""
    driver = neo4j.GraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, str(settings.neo4j_password)))
    try:
        driver.verify_connectivity()
    except Exception as exc:  # noqa: BLE001 - fail with the URI, never skip
        pytest.fail(f"Neo4j at {settings.neo4j_uri} is not reachable: {exc}", pytrace=False)
    records, _, _ = driver.execute_query(
        "MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH (s:TestSentinel) RETURN nodes, count(s) AS sentinels",
        database_=settings.neo4j_database,
    )
    if records[0]["nodes"] > 0 and records[0]["sentinels"] == 0:
        pytest.exit(f"{settings.neo4j_uri} holds data but no :TestSentinel; refusing to wipe a non-test database")
    _migrate(settings)
    yield driver
    driver.close()


def _migrate(settings: Settings) -> None:
    async def apply() -> None:
        async with db.connect(settings) as graph:
            await graph.apply_constraints()

    asyncio.run(apply())


def wipe(driver: neo4j.Driver, database: str) -> None:
    # IN TRANSACTIONS needs an auto-commit transaction, hence session.run rather than execute_query.
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    driver.execute_query(SENTINEL_QUERY, database_=database)


@pytest.fixture
def clean_graph(neo4j_driver: neo4j.Driver, settings: Settings) -> neo4j.Driver:
    """An empty database (but for the sentinel), constraints in place."""
    wipe(neo4j_driver, settings.neo4j_database)
    return neo4j_driver


def load_and_dump(driver: neo4j.Driver, settings: Settings,
                  load: Callable[[db.Graph], Awaitable[Any]]) -> dict[str, list[dict[str, Any]]]:
    """Run `load` (a real loading path: seed.load, the importer) on an empty database once, then dump every node
    and relationship so tests that only read can restore the result in one statement instead of loading again."""
    wipe(driver, settings.neo4j_database)

    async def run() -> None:
        async with db.connect(settings) as graph:
            await load(graph)

    asyncio.run(run())
    nodes = cypher_rows(
        driver, settings,
        "MATCH (n) WHERE NOT n:TestSentinel RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS props",
    )
    index = {row.pop("key"): position for position, row in enumerate(nodes)}
    rels = cypher_rows(
        driver, settings,
        "MATCH (a)-[r]->(b) RETURN elementId(a) AS a, elementId(b) AS b, type(r) AS type, properties(r) AS props",
    )
    for rel in rels:
        rel["a"], rel["b"] = index[rel["a"]], index[rel["b"]]
    wipe(driver, settings.neo4j_database)
    return {"nodes": nodes, "rels": rels}


def restore(driver: neo4j.Driver, settings: Settings, dump: dict[str, list[dict[str, Any]]]) -> neo4j.Driver:
    """Write `dump` into an empty (wiped) database: it then holds exactly what was dumped."""
    driver.execute_query(RESTORE_QUERY, dump, database_=settings.neo4j_database)
    return driver


@pytest.fixture(scope="session")
def seed_dump(neo4j_driver: neo4j.Driver, settings: Settings) -> dict[str, list[dict[str, Any]]]:
    """The demo seed loaded once through seed.load (the real path), then dumped so each test restores it fast."""
    from scholargraph.seed.load import load

    return load_and_dump(neo4j_driver, settings, load)


@pytest.fixture(scope="session")
def sample_dump(neo4j_driver: neo4j.Driver, settings: Settings) -> dict[str, list[dict[str, Any]]]:
    """The OpenAlex sample (tests/data/openalex, every file) imported once through the importer, then dumped.
    Tests of the import itself run the importer; tests that only read what it built restore this."""
    from scholargraph.importer import run
    from tests.test_importer import SAMPLE_PATHS

    return load_and_dump(neo4j_driver, settings, lambda graph: run.import_paths(SAMPLE_PATHS, graph, progress=False))


RESTORE_QUERY = """
UNWIND $nodes AS row
CREATE (n:$(row.labels)) SET n = row.props
WITH collect(n) AS created
UNWIND $rels AS rel
WITH created[rel.a] AS a, created[rel.b] AS b, rel
CREATE (a)-[r:$(rel.type)]->(b) SET r = rel.props
"""


@pytest.fixture
def seeded_graph(seed_dump: dict[str, list[dict[str, Any]]], clean_graph: neo4j.Driver,
                 settings: Settings) -> neo4j.Driver:
    """The demo seed, freshly restored for this test (loaded once per session through seed.load)."""
    return restore(clean_graph, settings, seed_dump)


@pytest.fixture
def sample_graph(sample_dump: dict[str, list[dict[str, Any]]], clean_graph: neo4j.Driver,
                 settings: Settings) -> neo4j.Driver:
    """The imported OpenAlex sample, freshly restored for this test (imported once per session)."""
    return restore(clean_graph, settings, sample_dump)


@pytest.fixture
async def graph(settings: Settings) -> AsyncIterator[db.Graph]:
    """An async Graph that counts the statements it runs (graph.queries, graph.round_trips)."""
    async with db.connect(settings, record=True) as graph:
        yield graph


def cypher_rows(driver: neo4j.Driver, settings: Settings, query: str, **params: Any) -> list[dict[str, Any]]:
    """Run a fixture-side query (test-only Cypher, e.g. independent counts) and return rows as dicts."""
    records, _, _ = driver.execute_query(query, params, database_=settings.neo4j_database)
    return [record.data() for record in records]


async def execute_counted(graph: db.Graph, document: str, variables: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """Execute a document in-process on a recording Graph (its round-trip counts cleared first); return the data
    and the request context (its loaders' caches hold the plans the resolvers chose)."""
    from scholargraph.context import make_context
    from scholargraph.schema.root import schema

    context = make_context(graph)
    graph.queries.clear()
    result = await schema.execute(document, variable_values=variables, context_value=context)
    assert result.errors is None, [error.formatted for error in result.errors]
    return result.data, context


GqlRunner = Callable[..., Awaitable[Any]]


@pytest.fixture
def gql(graph: db.Graph) -> GqlRunner:
    """Execute a GraphQL document against the schema with a fresh per-request context.

    `await gql(document, variables, viewer_token=None, expect_errors=False)` returns `data`, or the whole
    ExecutionResult when `expect_errors` is true.
    """
    from scholargraph.context import make_context
    from scholargraph.schema.root import schema

    async def run(document: str, variables: dict[str, Any] | None = None, *, token: str | None = None,
                  expect_errors: bool = False) -> Any:
        context = make_context(graph, token=token)
        result = await schema.execute(document, variable_values=variables or {}, context_value=context)
        if expect_errors:
            return result
        assert result.errors is None, [error.formatted for error in result.errors]
        return result.data

    return run
