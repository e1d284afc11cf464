"""The only module that touches the neo4j driver: named statements in managed transactions, errors translated."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

from scholargraph import cypher
from scholargraph import observability
from scholargraph.errors import Conflict, DatabaseUnavailable, RequestTimeout
from scholargraph.settings import Settings

log = logging.getLogger("scholargraph.db")
T = TypeVar("T")

# The request deadline (set per request by server.py's RequestGuard): every statement and transaction gets the
# time left as its transaction timeout, so Neo4j itself stops work that the request can no longer use.
_deadline: ContextVar[float | None] = ContextVar("scholargraph_request_deadline", default=None)
TIMED_OUT = "The request ran out of time and its database work was stopped; ask for less or try again."
_TIMEOUT_CODES = ("TransactionTimedOut", "Transaction.Terminated", "LockClientStopped")


@contextmanager
def request_deadline(seconds: float) -> Iterator[None]:
    """Within this block (and tasks created in it), database work ends `seconds` from now."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def time_left() -> float | None:
    """Seconds left before the request deadline (None without one); RequestTimeout once it has passed."""
    deadline = _deadline.get()
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0.001:
        raise RequestTimeout(TIMED_OUT)
    return left


@contextmanager
def translate_errors() -> Iterator[None]:
    """Map driver exceptions to the service's errors; anything unmapped (a bug in our Cypher) passes unchanged."""
    try:
        yield
    except neo4j_errors.ConstraintError as exc:
        raise Conflict("That record already exists or is already taken.") from exc
    except neo4j_errors.ClientError as exc:
        if _timed_out(exc):
            raise RequestTimeout(TIMED_OUT) from exc
        raise
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, neo4j_errors.TransientError,
            neo4j_errors.ConnectionPoolError) as exc:  # the pool stayed full past connection_acquisition_timeout
        if _timed_out(exc):
            raise RequestTimeout(TIMED_OUT) from exc
        raise DatabaseUnavailable("The database is not available right now; try again shortly.") from exc


def _timed_out(exc: Exception) -> bool:
    """The deadline's transaction timeout fired, or the transaction was stopped once the deadline had passed."""
    code = getattr(exc, "code", None) or ""
    return _deadline.get() is not None and any(part in code for part in _TIMEOUT_CODES)


POOL_SIZE = 64


def open_driver(settings: Settings) -> neo4j.AsyncDriver:
    """One async driver per process.

    The driver's defaults hide long waits when Neo4j is down or hung (connect 30 s, pool wait 60 s, retries 30 s:
    clients waited 66 s). Bounded here so a request fails as UNAVAILABLE within roughly connect + retry time.
    """
    observability.NEO4J_POOL_SIZE.set(POOL_SIZE)
    return neo4j.AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, str(settings.neo4j_password)),
        max_connection_pool_size=POOL_SIZE,
        connection_timeout=settings.neo4j_connection_timeout,
        connection_acquisition_timeout=settings.neo4j_acquisition_timeout,
        max_transaction_retry_time=settings.neo4j_retry_time,
        # Unknown-label warnings (e.g. no :User yet on a fresh graph) are expected; keep them off the wire and logs.
        notifications_min_severity="OFF",
    )


class Tx:
    """A transaction function's view of one transaction: named statements only."""

    def __init__(self, tx: neo4j.AsyncManagedTransaction, graph: Graph, access: str = "write") -> None:
        self._tx = tx
        self._graph = graph
        self._access = access

    async def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        self._graph.count(name)
        started = time.perf_counter()
        result = await self._tx.run(cypher.get(name), _checked(name, params))
        rows = [_row(record) async for record in result]
        observability.cypher_statement(name, time.perf_counter() - started, self._access)
        return rows

    async def write(self, name: str, **params: Any) -> neo4j.SummaryCounters:
        self._graph.count(name)
        started = time.perf_counter()
        result = await self._tx.run(cypher.get(name), _checked(name, params))
        summary = await result.consume()
        observability.cypher_statement(name, time.perf_counter() - started, self._access)
        return summary.counters


def _timed(work: Callable[[neo4j.AsyncManagedTransaction], Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    """The transaction function with the request's time left as its transaction timeout."""
    left = time_left()
    return work if left is None else neo4j.unit_of_work(timeout=left)(work)


def _row(record: neo4j.Record) -> dict[str, Any]:
    # Our statements return map projections of plain values, never Node or Relationship objects, so the driver's
    # recursive record.data() transform is pure overhead (measured: ~4.5 ms vs 0.02 ms for a slice-sized result).
    return dict(record.items())


def _checked(name: str, params: dict[str, Any]) -> dict[str, Any]:
    missing = cypher.parameters(name) - params.keys()
    if missing:
        raise TypeError(f"query {name!r} is missing parameters {sorted(missing)}")
    return params


class Graph:
    """Named Cypher statements against one database, each in a retried managed transaction.

    With `record=True` it counts the statements it runs by name (`queries`) and in total (`round_trips`), so
    tests can prove batching.
    """

    def __init__(self, driver: neo4j.AsyncDriver, database: str, record: bool = False) -> None:
        self.driver = driver
        self.database = database
        self.queries: Counter[str] | None = Counter() if record else None

    def count(self, name: str) -> None:
        if self.queries is not None:
            self.queries[name] += 1

    @property
    def round_trips(self) -> int:
        return sum(self.queries.values()) if self.queries is not None else 0

    async def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run a read statement (routed to a reader); return rows as dicts."""
        records, _ = await self._run(name, params, neo4j.RoutingControl.READ)
        return [_row(record) for record in records]

    async def read_one(self, name: str, **params: Any) -> dict[str, Any] | None:
        rows = await self.read(name, **params)
        return rows[0] if rows else None

    async def write(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run a write statement in its own transaction; return its rows as dicts."""
        records, _ = await self._run(name, params, neo4j.RoutingControl.WRITE)
        return [_row(record) for record in records]

    async def write_counters(self, name: str, **params: Any) -> neo4j.SummaryCounters:
        _, summary = await self._run(name, params, neo4j.RoutingControl.WRITE)
        return summary.counters

    async def _run(
        self, name: str, params: dict[str, Any], routing: neo4j.RoutingControl
    ) -> tuple[list[neo4j.Record], neo4j.ResultSummary]:
        self.count(name)
        started = time.perf_counter()
        with translate_errors(), observability.neo4j_transaction():
            query = neo4j.Query(cypher.get(name), timeout=time_left())
            records, summary, _ = await self.driver.execute_query(
                query, _checked(name, params), database_=self.database, routing_=routing
            )
        access = "read" if routing == neo4j.RoutingControl.READ else "write"
        observability.cypher_statement(name, time.perf_counter() - started, access)
        log.debug("%s took %.1f ms", name, (time.perf_counter() - started) * 1000)
        return records, summary

    def _session(self, access: str) -> neo4j.AsyncSession:
        # The bookmark manager execute_query uses, so transaction functions and single statements form one causal
        # chain: on a cluster a read after an import batch (suggestions_missing, say) sees that batch.
        return self.driver.session(database=self.database, default_access_mode=access,
                                   bookmark_manager=self.driver.execute_query_bookmark_manager)

    async def read_tx(self, work: Callable[..., Awaitable[T]], **kwargs: Any) -> T:
        """Run `work(tx: Tx, **kwargs)` in one retried read transaction (it may run more than once)."""
        async with self._session(neo4j.READ_ACCESS) as session:
            with translate_errors(), observability.neo4j_transaction():
                return await session.execute_read(_timed(lambda tx: work(Tx(tx, self, "read"), **kwargs)))

    async def write_tx(self, work: Callable[..., Awaitable[T]], **kwargs: Any) -> T:
        """Run `work(tx: Tx, **kwargs)` in one retried write transaction: idempotent, no outside side effects."""
        async with self._session(neo4j.WRITE_ACCESS) as session:
            with translate_errors(), observability.neo4j_transaction():
                return await session.execute_write(_timed(lambda tx: work(Tx(tx, self), **kwargs)))

    async def apply_constraints(self) -> int:
        """Apply cypher/constraints/* in name order (IF NOT EXISTS makes it idempotent); wait for indexes."""
        names = cypher.names("constraints")
        for name in names:
            await self.write_counters(name)
        await self.write_counters("indexes_await")
        return len(names)

    async def ping(self) -> bool:
        records, _ = await self._run("health_ping", {}, neo4j.RoutingControl.READ)
        return bool(records) and records[0]["ok"] == 1


@asynccontextmanager
async def connect(settings: Settings, record: bool = False) -> AsyncIterator[Graph]:
    """Open a driver, verify connectivity, and yield a Graph; close the driver after."""
    driver = open_driver(settings)
    try:
        with translate_errors():
            await driver.verify_connectivity()
        yield Graph(driver, settings.neo4j_database, record=record)
    finally:
        await driver.close()
