"""The operator's view: Prometheus metrics, JSON logs with a request id, and secrets kept out of every log line.

Metrics (all prefixed `scholargraph_`, served at /metrics; see docs/operations.md for the list):
- HTTP requests and latency by route template and status; GraphQL operations and latency by operation name,
  where the name must be one of the documents the service ships (web/queries/), anything else is `other`, so a
  client cannot mint label values; GraphQL errors by `extensions.code`;
- Cypher statements and their time by statement name (the cypher/ file, a fixed set) and round trips per GraphQL
  operation; Neo4j transactions in flight (each holds one pooled connection) against the pool's size;
- import progress (records, batches, rejects), exposed by `scholargraph import openalex --metrics-port`.

Logs: with LOG_FORMAT=json, one JSON object per line carrying `request_id`, the id echoed in the `X-Request-ID`
response header (a client's own valid UUID4 is kept, anything else is replaced). A filter on every handler
redacts tokens, codes and passwords in query strings and bearer tokens, whatever logger the line comes from.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, cache
from pathlib import Path
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Summary,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

disable_created_metrics()  # the *_created series only double the exposition
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

HTTP_REQUESTS = Counter("scholargraph_http_requests", "HTTP requests by route template, method and status.",
                        ["route", "method", "status"])
HTTP_LATENCY = Histogram("scholargraph_http_request_duration_seconds", "HTTP request latency by route template.",
                         ["route", "method"], buckets=LATENCY_BUCKETS)
GRAPHQL_OPERATIONS = Counter("scholargraph_graphql_operations",
                             "GraphQL operations by name (allow-listed; others are 'other') and outcome.",
                             ["operation", "outcome"])
GRAPHQL_LATENCY = Histogram("scholargraph_graphql_operation_duration_seconds",
                            "GraphQL operation latency (parse to result) by operation name.",
                            ["operation"], buckets=LATENCY_BUCKETS)
GRAPHQL_ROUND_TRIPS = Histogram("scholargraph_graphql_cypher_round_trips",
                                "Cypher round trips per GraphQL operation.", ["operation"],
                                buckets=(0, 1, 2, 3, 4, 6, 8, 12, 20, 50))
GRAPHQL_ERRORS = Counter("scholargraph_graphql_errors", "GraphQL errors by extensions.code.", ["code"])
CYPHER_STATEMENTS = Summary("scholargraph_cypher_statement_duration_seconds",
                            "Cypher statements run and their time (send to last record) by name and access mode "
                            "(read: a read transaction, routed to a reader on a cluster).",
                            ["statement", "access"])
CYPHER_LATENCY = Histogram("scholargraph_cypher_duration_seconds", "Cypher statement latency, all statements.",
                           buckets=LATENCY_BUCKETS)
NEO4J_IN_FLIGHT = Gauge("scholargraph_neo4j_transactions_in_flight",
                        "Neo4j transactions open now; each holds one pooled connection.", multiprocess_mode="livesum")
NEO4J_POOL_SIZE = Gauge("scholargraph_neo4j_pool_max_size", "The driver's connection pool size per process.",
                        multiprocess_mode="max")
NEO4J_UNAVAILABLE = Counter("scholargraph_neo4j_unavailable", "Requests failed as UNAVAILABLE (Neo4j unreachable).")
IMPORT_RECORDS = Counter("scholargraph_import_records", "Records imported by kind.", ["kind"])
IMPORT_BATCHES = Counter("scholargraph_import_batches", "Import batches written (one transaction each).")
IMPORT_REJECTED = Counter("scholargraph_import_rejected", "Import records rejected (see the rejects file).")
IMPORT_PROGRESS = Gauge("scholargraph_import_last_batch_timestamp_seconds", "When the last import batch was written.",
                        multiprocess_mode="max")

_OPERATION_NAME = re.compile(r"^\s*(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)
_CODE = re.compile(r"^[A-Z][A-Z_]{0,39}$")


def operation_names(folder: Path) -> frozenset[str]:
    """The operation names declared in the .graphql documents under `folder`: the metrics' allow-list."""
    return frozenset(name for path in folder.glob("*.graphql")
                     for name in _OPERATION_NAME.findall(path.read_text(encoding="utf-8")))


@dataclass
class _Operation:
    round_trips: int = 0
    statements: list[str] = field(default_factory=list)


_current: contextvars.ContextVar[_Operation | None] = contextvars.ContextVar("scholargraph_operation", default=None)


def cypher_statement(name: str, seconds: float, access: str) -> None:
    """Record one Cypher round trip (db.py calls it for every statement); access is "read" or "write"."""
    _statement_series(name, access).observe(seconds)
    CYPHER_LATENCY.observe(seconds)
    operation = _current.get()
    if operation is not None:
        operation.round_trips += 1


@contextmanager
def neo4j_transaction() -> Iterator[None]:
    """Around one driver transaction (db.py): the in-flight gauge."""
    NEO4J_IN_FLIGHT.inc()
    try:
        yield
    finally:
        NEO4J_IN_FLIGHT.dec()


def error_code(error: Any) -> str:
    code = (getattr(error, "extensions", None) or {}).get("code")
    return code if isinstance(code, str) and _CODE.match(code) else "INTERNAL"


class OperationMetrics:
    """One GraphQL operation's count, latency, Cypher round trips and errors by code. Started when the operation
    starts (the statements run inside it count their round trips here), finished once with its final, masked
    errors' codes (`schema.limits.RequestPipeline` does both)."""

    allowed: frozenset[str] = frozenset()
    __slots__ = ("operation", "started", "token")

    def __init__(self) -> None:
        self.operation = _Operation()
        self.token = _current.set(self.operation)
        self.started = time.perf_counter()

    def finish(self, name: str | None, codes: list[str]) -> None:
        # An operation ended early is closed later, from another context: nothing to restore then.
        with contextlib.suppress(ValueError):
            _current.reset(self.token)
        label = name if name in self.allowed else ("anonymous" if name is None else "other")
        for code in codes:
            code = code if _CODE.match(code) else "INTERNAL"
            _error_counter(code).inc()
            if code == "UNAVAILABLE":
                NEO4J_UNAVAILABLE.inc()
        ok, latency, round_trips = _operation_series(label)
        (_operation_errors(label) if codes else ok).inc()
        latency.observe(time.perf_counter() - self.started)
        round_trips.observe(self.operation.round_trips)


# Label look-ups cached: `labels()` takes a lock and validates its values on every call; these label values come
# from fixed sets (the allow-listed names plus "anonymous"/"other", and codes matching _CODE).
@cache
def _operation_series(label: str) -> tuple[Any, Any, Any]:
    return (GRAPHQL_OPERATIONS.labels(label, "ok"), GRAPHQL_LATENCY.labels(label),
            GRAPHQL_ROUND_TRIPS.labels(label))


@cache
def _operation_errors(label: str) -> Any:
    return GRAPHQL_OPERATIONS.labels(label, "error")


@lru_cache(maxsize=1024)  # statement names are the cypher/ files, a fixed set
def _statement_series(name: str, access: str) -> Any:
    return CYPHER_STATEMENTS.labels(name, access)


@lru_cache(maxsize=256)
def _error_counter(code: str) -> Any:
    return GRAPHQL_ERRORS.labels(code)


def import_batch(kind: str, records: int) -> None:
    IMPORT_RECORDS.labels(kind).inc(records)
    IMPORT_BATCHES.inc()
    IMPORT_PROGRESS.set_to_current_time()


class MetricsMiddleware:
    """Pure ASGI (so disconnects still reach the app): HTTP count and latency by route template, never by raw
    path, so ids in URLs do not mint series."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        started = time.perf_counter()

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            requests, latency = _http_series(_route_template(scope), scope["method"], status)
            requests.inc()
            latency.observe(time.perf_counter() - started)


@lru_cache(maxsize=1024)  # route templates and methods are fixed sets (httptools parses only known methods)
def _http_series(route: str, method: str, status: int) -> tuple[Any, Any]:
    return HTTP_REQUESTS.labels(route, method, str(status)), HTTP_LATENCY.labels(route, method)


def _route_template(scope: Scope) -> str:
    app = scope.get("app")
    for route in getattr(app, "routes", ()):
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return str(getattr(route, "path", "other")) or "other"
    return "other"


def metrics_response(multiproc_dir: Path | None) -> Response:
    """The Prometheus exposition; with several worker processes, the union of their files in `multiproc_dir`."""
    registry: CollectorRegistry = REGISTRY
    if multiproc_dir is not None:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=str(multiproc_dir))
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


async def metrics(request: Request) -> Response:
    """GET /metrics."""
    return metrics_response(request.state.settings.prometheus_multiproc_dir)


# --- logs -----------------------------------------------------------------------------------------------------

_SECRET_QUERY = re.compile(r"(?i)([?&;](?:[a-z_]*token|code|password|secret|key)=)[^&\s\"']*")
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+")
REDACTED = "[redacted]"


def redact(text: str) -> str:
    """`text` with query-string secrets and bearer tokens replaced by [redacted]."""
    return _BEARER.sub(r"\1" + REDACTED, _SECRET_QUERY.sub(r"\1" + REDACTED, text))


class RedactSecrets(logging.Filter):
    """On every handler: uvicorn's access line (path in args[2]) gets structured fields and a redacted path; any
    other record's message is redacted as formatted."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "uvicorn.access" and isinstance(record.args, tuple) and len(record.args) == 5:
            client, method, path, version, status = record.args
            path = redact(str(path))
            record.args = (client, method, path, version, status)
            record.__dict__.update(client=client, method=method, path=path, status=status)
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def json_formatter(**options: Any) -> logging.Formatter:
    """python-json-logger's formatter, leaving out uvicorn's ANSI-coloured duplicate of each message."""
    from pythonjsonlogger.core import RESERVED_ATTRS
    from pythonjsonlogger.json import JsonFormatter

    return JsonFormatter(reserved_attrs=[*RESERVED_ATTRS, "color_message"], **options)


def log_config(level: str, fmt: str) -> dict[str, Any]:
    """The logging configuration for uvicorn (its loggers and ours): JSON or text, request ids, redaction."""
    formatter: dict[str, Any] = {
        "()": "scholargraph.observability.json_formatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger", "correlation_id": "request_id"},
    } if fmt == "json" else {
        "format": "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s: %(message)s",
    }
    handler = {"class": "logging.StreamHandler", "formatter": "default", "filters": ["request_id", "redact"],
               "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "asgi_correlation_id.CorrelationIdFilter", "default_value": "-"},
            "redact": {"()": "scholargraph.observability.RedactSecrets"},
        },
        "formatters": {"default": formatter},
        "handlers": {"default": handler},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"level": level.upper()},
            "uvicorn.access": {"handlers": ["default"], "level": level.upper(), "propagate": False},
        },
        "root": {"handlers": ["default"], "level": level.upper()},
    }
