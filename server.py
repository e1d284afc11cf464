"""The ASGI app: lifespan (driver, queries, constraints), GraphQL at /graphql, /healthz, /readyz, /metrics, pages."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from typing import Any

import orjson
from asgi_correlation_id import CorrelationIdMiddleware
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from strawberry.asgi import GraphQL, HTTPException  # the view's own 4xx exception (cross_web)
from strawberry.exceptions import MissingQueryError
from strawberry.http import process_result
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from scholargraph import cypher
from scholargraph import db
from scholargraph import maintenance
from scholargraph import observability
from scholargraph.context import Context, make_context
from scholargraph.errors import DatabaseUnavailable
from scholargraph.guard import RequestGuard, error_body
from scholargraph.schema.root import schema
from scholargraph.settings import Settings
from scholargraph.web import pages
from scholargraph.web.caching import CacheHeadersMiddleware

log = logging.getLogger("scholargraph.server")

# /readyz answers within this whatever the database does (a hung Neo4j, a full pool); clients retry after this long.
READY_TIMEOUT_SECONDS = 1.5
RETRY_AFTER_SECONDS = 5


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's view with malformed bodies answered 400 with a code, and a cap on the response size.

    A POST with a JSON body (every client's request) takes a short path through the same steps, with the same
    answers: parse the body, check its members, build the context, `schema.execute`, 503 when Neo4j is
    unreachable, encode with orjson, send. Strawberry's `run` also parses the content type through
    `email.message`, checks its request adapter against a runtime Protocol, builds a sub-response, asks for
    GraphiQL and streaming transports: ≈ 0.1 ms a request (docs/resolvers.md). Everything else (GET, other
    content types, batches, GraphiQL in debug, websockets) goes through Strawberry's view unchanged.
    """

    POST_OPERATIONS = frozenset(OperationType.from_http("POST"))

    def __init__(self, *args: Any, max_response_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_response_bytes = max_response_bytes

    async def get_context(self, request: Request, response: Response | None = None) -> Context:  # type: ignore[override]
        request.state.sub_response = response
        return make_context(request.state.graph, request, settings=request.state.settings)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        try:
            if scope["method"] == "POST" and _is_json(request.headers.get("content-type", "")):
                await self._post(request, send)
                return
            response = await self.run(request)
        except HTTPException as exc:
            log.info("bad request to /graphql (%d): %s", exc.status_code, exc.reason)
            response = Response(error_body(exc.reason, "BAD_REQUEST"), status_code=exc.status_code,
                                media_type="application/json")
        await response(scope, receive, send)

    async def _post(self, request: Request, send: Any) -> None:
        """The short path for a POST with a JSON body; a batch (a JSON list) goes to Strawberry's view."""
        data = self.parse_json(await request.body())
        if isinstance(data, list):
            response = await self.run(request)  # the body is cached on the request
            await response(request.scope, request.receive, send)
            return
        query, variables, extensions = data.get("query"), data.get("variables"), data.get("extensions")
        if not isinstance(query, (str, type(None))):
            raise HTTPException(400, "The GraphQL operation's `query` must be a string or null, if provided.")
        if not isinstance(variables, (dict, type(None))):
            raise HTTPException(400, "The GraphQL operation's `variables` must be an object or null, if provided.")
        if not isinstance(extensions, (dict, type(None))):
            raise HTTPException(400, "The GraphQL operation's `extensions` must be an object or null, if provided.")
        request.state.sub_response = None
        context = make_context(request.state.graph, request, settings=request.state.settings)
        try:
            result = await self.schema.execute(query, variable_values=variables, context_value=context,
                                               operation_name=data.get("operationName"),
                                               allowed_operation_types=self.POST_OPERATIONS,
                                               operation_extensions=extensions)
        except CannotGetOperationTypeError as exc:
            raise HTTPException(400, exc.as_http_error_reason()) from exc
        except InvalidOperationTypeError as exc:
            raise HTTPException(400, exc.as_http_error_reason("POST")) from exc
        except MissingQueryError as exc:
            raise HTTPException(400, "No GraphQL query found in the request") from exc
        body = self.encode_json(process_result(result))
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        status = 200
        if _unavailable(result):
            status = 503
            headers.append((b"retry-after", str(RETRY_AFTER_SECONDS).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def parse_json(self, data: str | bytes) -> Any:
        try:
            value = self.decode_json(data)
        except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, or nested beyond the parser
            raise HTTPException(400, "The request body is not valid JSON.") from exc
        if not isinstance(value, (dict, list)):
            raise HTTPException(400, "The request body must be a JSON object with a `query`.")
        return value

    def encode_json(self, data: object) -> bytes:
        # orjson: ~5-10x faster than the stdlib json strawberry uses, on responses of 10-60 KB (issue 15).
        encoded = orjson.dumps(data)
        if len(encoded) > self.max_response_bytes:
            log.info("response of %d bytes replaced (cap %d)", len(encoded), self.max_response_bytes)
            return error_body(f"The response would be larger than {self.max_response_bytes} bytes; ask for less.",
                              "RESPONSE_TOO_LARGE")
        return encoded

    async def process_result(self, request: Request, result: Any) -> Any:  # type: ignore[override]
        # Neo4j unreachable: 503 with Retry-After, so clients and proxies back off instead of hammering.
        if _unavailable(result):
            sub_response = getattr(request.state, "sub_response", None)
            if sub_response is not None:
                sub_response.status_code = 503
                sub_response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return await super().process_result(request, result)


def _is_json(content_type: str) -> bool:
    return content_type.partition(";")[0].strip().lower() == "application/json"


def _unavailable(result: Any) -> bool:
    return bool(result.errors) and any(observability.error_code(error) == "UNAVAILABLE" for error in result.errors)


async def healthz(request: Request) -> JSONResponse:
    """Liveness: 200 while the process serves, without touching the database (a restart would not help it)."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """Readiness: 200 when Neo4j answers a query, else 503 with Retry-After; always within ~1.5 s."""
    try:
        ok = await asyncio.wait_for(request.state.graph.ping(), READY_TIMEOUT_SECONDS)
    except (DatabaseUnavailable, TimeoutError):
        ok = False
    headers = {} if ok else {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return JSONResponse({"status": "ok" if ok else "unavailable", "neo4j": ok}, status_code=200 if ok else 503,
                        headers=headers)


# The cyclic garbage collector's young-generation threshold once the service is up (CPython's default is 700).
GC_THRESHOLDS = (10_000, 10, 10)


def tune_gc() -> None:
    """Once started: freeze what start-up built, and collect the young generation less often.

    A request allocates thousands of short-lived objects (parsed JSON, rows, typed objects, the response), so with
    CPython's default threshold of 700 the collector ran every 3 works-count requests at c=16, and every full
    collection walked the ≈ 78,000 objects of the schema, the statements, the driver and the modules. Frozen,
    those are never walked again; at 10,000 the young generation is collected ~18 × less often. Measured in-process
    at c=16 (docs/resolvers.md, "CPU per request at c=16"): collector time per works count 0.33–0.37 → 0.16 ms, per
    median profile 1.28–1.32 → 0.64–0.88 ms. Memory: the young generation holds at most 10,000 objects more.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the app; with no settings, read them from the environment (uvicorn --factory scholargraph.server:create_app)."""
    settings = settings or Settings.from_environ()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        count = cypher.load_all()  # a missing or unreadable query fails here, not on a request
        async with db.connect(settings) as graph:
            await graph.apply_constraints()
            log.info("serving with %d Cypher statements against %s", count, settings.neo4j_uri)
            collector = (asyncio.create_task(maintenance.collect_periodically(graph, settings.maintenance_interval))
                         if settings.maintenance_interval > 0 else None)
            tune_gc()
            try:
                yield {"graph": graph, "settings": settings}
            finally:
                if collector is not None:
                    collector.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await collector

    graphql_app = GraphQLApp(schema, graphql_ide="graphiql" if settings.debug else None,
                             max_response_bytes=settings.max_response_bytes)
    routes = [
        Route("/graphql", graphql_app, methods=["GET", "POST"]),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", observability.metrics),
        *pages.routes(),
        Mount("/static", StaticFiles(directory=pages.STATIC_DIR), name="static"),
        Mount("/vendor", StaticFiles(directory=pages.VENDOR_DIR, check_dir=False), name="vendor"),
    ]
    observability.OperationMetrics.allowed = observability.operation_names(pages.QUERIES_DIR)
    # Outermost first: a request id and the metrics around everything (pure ASGI, so the guard still sees the
    # client's own receive channel); the request guard (body limit, deadline, cancel on disconnect for /graphql;
    # docs/limits.md); then compress whatever is at least 1 KB, then tag and cache.
    middleware = [
        Middleware(CorrelationIdMiddleware),
        Middleware(observability.MetricsMiddleware),
        Middleware(RequestGuard, max_body_bytes=settings.max_request_bytes, timeout=settings.request_timeout),
        Middleware(GZipMiddleware, minimum_size=1024, compresslevel=6),
        Middleware(CacheHeadersMiddleware),
    ]
    return Starlette(debug=False, routes=routes, lifespan=lifespan, middleware=middleware,
                     exception_handlers=pages.exception_handlers())
