"""The per-request GraphQL context: the graph, fresh DataLoaders, the request and the viewer's token."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from scholargraph.db import Graph
from scholargraph.resolvers.loaders import Loaders, make_loaders
from scholargraph.settings import Settings


@dataclass
class Context:
    graph: Graph
    loaders: Loaders
    request: Request | None = None
    token: str | None = None
    # Filled lazily by the auth resolvers: the signed-in user for this request, once looked up.
    cache: dict[str, Any] = field(default_factory=dict)
    # Mail, session lifetime and hashing limits; None in bare test contexts (the auth code has defaults).
    settings: Settings | None = None


def make_context(graph: Graph, request: Request | None = None, token: str | None = None,
                 settings: Settings | None = None) -> Context:
    """A context for one request; the bearer token comes from the Authorization header when not given."""
    if token is None and request is not None:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            token = header[7:].strip() or None
    return Context(graph=graph, loaders=make_loaders(graph), request=request, token=token, settings=settings)
