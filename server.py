"""The ASGI app: lifespan (driver, queries, constraints), GraphQL at /graphql, /healthz, the web pages."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from strawberry.asgi import GraphQL

from scholargraph import cypher
from scholargraph import db
from scholargraph.context import Context, make_context
from scholargraph.errors import DatabaseUnavailable
from scholargraph.schema.root import schema
from scholargraph.settings import Settings
from scholargraph.web import pages
from scholargraph.web.caching import CacheHeadersMiddleware

log = logging.getLogger("scholargraph.server")


class GraphQLApp(GraphQL[Context, None]):
    async def get_context(self, request: Request, response: Response | None = None) -> Context:  # type: ignore[override]
        return make_context(request.state.graph, request, settings=request.state.settings)

    def encode_json(self, data: object) -> bytes:
        # orjson: ~5-10x faster than the stdlib json strawberry uses, on responses of 10-60 KB (issue 15).
        return orjson.dumps(data)


async def healthz(request: Request) -> JSONResponse:
    """200 when Neo4j answers, 503 when it does not (for load balancers and compose health checks)."""
    try:
        ok = await request.state.graph.ping()
    except DatabaseUnavailable:
        ok = False
    return JSONResponse({"status": "ok" if ok else "unavailable", "neo4j": ok}, status_code=200 if ok else 503)


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the app; with no settings, read them from the environment (uvicorn --factory scholargraph.server:create_app)."""
    settings = settings or Settings.from_environ()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        count = cypher.load_all()  # a missing or unreadable query fails here, not on a request
        async with db.connect(settings) as graph:
            await graph.apply_constraints()
            log.info("serving with %d Cypher statements against %s", count, settings.neo4j_uri)
            yield {"graph": graph, "settings": settings}

    graphql_app = GraphQLApp(schema, graphql_ide="graphiql" if settings.debug else None)
    routes = [
        Route("/graphql", graphql_app, methods=["GET", "POST"]),
        Route("/healthz", healthz),
        *pages.routes(),
        Mount("/static", StaticFiles(directory=pages.STATIC_DIR), name="static"),
        Mount("/vendor", StaticFiles(directory=pages.VENDOR_DIR, check_dir=False), name="vendor"),
    ]
    # Outermost first: compress whatever is at least 1 KB (pages, scripts, JSON), then tag and cache.
    middleware = [Middleware(GZipMiddleware, minimum_size=1024, compresslevel=6), Middleware(CacheHeadersMiddleware)]
    return Starlette(debug=False, routes=routes, lifespan=lifespan, middleware=middleware,
                     exception_handlers=pages.exception_handlers())
