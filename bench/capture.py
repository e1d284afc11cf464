"""Run every request once through the schema in this process, recording the Cypher it sends.

A recording Graph notes each statement's name, parameters and timing. The result per request is its plan: the
statements in waves (statements that overlapped in time ran concurrently, so the floor runs them concurrently
too), and its round trips, counted by Graph(record=True)'s own counter. The same pass walks works-page cursors
and sorts connection-path pairs into reachable and unreachable.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import neo4j
import orjson

from scholargraph import db
from bench.workloads import WORKS_PAGE_DEPTH, Cell, Request
from scholargraph.context import make_context


@dataclass
class Call:
    statements: list[tuple[str, dict[str, Any]]]
    routing: str
    tx: bool
    started: float
    ended: float = 0.0


class RecordingGraph(db.Graph):
    """A Graph that also keeps what it sent: statement names, parameters, start and end times."""

    def __init__(self, driver: neo4j.AsyncDriver, database: str) -> None:
        super().__init__(driver, database, record=True)
        self.calls: list[Call] = []

    async def _run(self, name: str, params: dict[str, Any],
                   routing: neo4j.RoutingControl) -> tuple[list[neo4j.Record], neo4j.ResultSummary]:
        call = Call([(name, dict(params))], "r" if routing == neo4j.RoutingControl.READ else "w", False,
                    time.perf_counter())
        try:
            return await super()._run(name, params, routing)
        finally:
            call.ended = time.perf_counter()
            self.calls.append(call)

    async def read_tx(self, work: Callable[..., Awaitable[Any]], **kwargs: Any) -> Any:
        return await self._in_tx(super().read_tx, "r", work, kwargs)

    async def write_tx(self, work: Callable[..., Awaitable[Any]], **kwargs: Any) -> Any:
        return await self._in_tx(super().write_tx, "w", work, kwargs)

    async def _in_tx(self, run: Callable[..., Awaitable[Any]], routing: str, work: Callable[..., Awaitable[Any]],
                     kwargs: dict[str, Any]) -> Any:
        call = Call([], routing, True, time.perf_counter())

        async def recorded(tx: db.Tx, **kw: Any) -> Any:
            call.statements.clear()  # a retried transaction function starts over
            return await work(_RecordingTx(tx, call), **kw)

        try:
            return await run(recorded, **kwargs)
        finally:
            call.ended = time.perf_counter()
            self.calls.append(call)


class _RecordingTx:
    def __init__(self, tx: db.Tx, call: Call) -> None:
        self._tx = tx
        self._call = call

    async def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        self._call.statements.append((name, dict(params)))
        return await self._tx.read(name, **params)

    async def write(self, name: str, **params: Any) -> neo4j.SummaryCounters:
        self._call.statements.append((name, dict(params)))
        return await self._tx.write(name, **params)


def waves(calls: list[Call]) -> list[list[dict[str, Any]]]:
    """Group calls into waves: a call joins the current wave if it started before any call of the wave ended."""
    grouped: list[list[Call]] = []
    for call in sorted(calls, key=lambda c: c.started):
        if grouped and call.started < min(c.ended for c in grouped[-1]):
            grouped[-1].append(call)
        else:
            grouped.append([call])
    return [[{"tx": c.tx, "routing": c.routing, "statements": [[n, p] for n, p in c.statements]} for c in wave]
            for wave in grouped]


def cypher_ms(calls: list[Call]) -> float:
    """Wall time spent waiting on Cypher: each wave counts for its longest call."""
    total, wave_end = 0.0, 0.0
    for call in sorted(calls, key=lambda c: c.started):
        start = max(call.started, wave_end)
        if call.ended > start:
            total += call.ended - start
            wave_end = call.ended
    return total * 1000


@dataclass
class Outcome:
    data: Any
    errors: list[str]
    calls: list[Call]
    round_trips: int
    seconds: float
    response_bytes: int = 0
    queries: dict[str, int] = field(default_factory=dict)


class Capturer:
    """Executes documents against the schema with a fresh recording Graph and context per request."""

    def __init__(self, driver: neo4j.AsyncDriver, database: str) -> None:
        from scholargraph.schema.root import schema

        self.driver = driver
        self.database = database
        self.schema = schema

    def query_fields(self) -> set[str]:
        return set(self.schema._schema.query_type.fields)

    async def execute(self, request: Request) -> Outcome:
        graph = RecordingGraph(self.driver, self.database)
        started = time.perf_counter()
        result = await self.schema.execute(request.document, variable_values=request.variables,
                                           context_value=make_context(graph))
        seconds = time.perf_counter() - started
        errors = [e.message for e in result.errors or []]
        body = orjson.dumps({"data": result.data})
        return Outcome(result.data, errors, graph.calls, graph.round_trips, seconds, len(body),
                       dict(graph.queries or {}))

    async def walk_to_page(self, request: Request, depth: int = WORKS_PAGE_DEPTH) -> tuple[Request, int]:
        """The request for page `depth` of a works list (or its last page), reached by following endCursor."""
        variables, page = dict(request.variables, after=None), 1
        while page < depth:
            outcome = await self.execute(Request(request.workload, variables))
            works = ((outcome.data or {}).get("researcher") or {}).get("works") or {}
            info = works.get("pageInfo") or {}
            if outcome.errors or not info.get("hasNextPage"):
                break
            variables, page = dict(variables, after=info["endCursor"]), page + 1
        return Request(request.workload, variables), page

    async def fill(self, cell: Cell, timing_repeats: int = 2) -> dict[str, float]:
        """Capture plans and round trips for every request of the cell; time a few in-process repeats."""
        totals: list[float] = []
        cypher: list[float] = []
        for request in cell.requests:
            outcome = await self.execute(request)
            if outcome.errors and cell.error is None:
                cell.error = f"{outcome.errors[0]} (variables {request.variables})"
            cell.plans.append(waves(outcome.calls))
            cell.round_trips.append(outcome.round_trips)
            cell.response_bytes.append(outcome.response_bytes)
            for _ in range(timing_repeats):
                again = await self.execute(request)
                totals.append(again.seconds * 1000)
                cypher.append(cypher_ms(again.calls))
        if not totals:
            return {}
        return {"inprocess_p50_ms": statistics.median(totals), "cypher_p50_ms": statistics.median(cypher)}


async def prepare_works_pages(capturer: Capturer, cell: Cell) -> None:
    """Replace each works-page request with the request for its deep page; note the pages reached."""
    pages = []
    for index, request in enumerate(cell.requests):
        cell.requests[index], page = await capturer.walk_to_page(request)
        pages.append(page)
    cell.note = f"page {min(pages)}–{max(pages)} of {cell.requests[0].variables['first']}" if pages else ""


async def split_paths(capturer: Capturer, cell: Cell) -> list[Cell]:
    """Sort candidate pairs into a reachable and an unreachable cell by asking the schema once."""
    reachable = Cell("connection_path", "reachable", [])
    unreachable = Cell("connection_path", "unreachable", [])
    for request in cell.requests:
        outcome = await capturer.execute(request)
        if outcome.errors:
            reachable.error = unreachable.error = f"{outcome.errors[0]} (variables {request.variables})"
            break
        found = (outcome.data or {}).get("connectionPath")
        (reachable if found else unreachable).requests.append(request)
    return [c for c in (reachable, unreachable) if c.requests or c.error]
