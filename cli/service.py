"""`scholargraph run`, `serve` and `seed`: the service on the embedded default or a configured Neo4j."""

from __future__ import annotations

import argparse
import asyncio

import uvicorn

from scholargraph import db
from scholargraph import localdb
from scholargraph.settings import Settings


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    run_parser = commands.add_parser(
        "run", help="start the local Neo4j if NEO4J_URI is unset, migrate, seed an empty database, and serve")
    run_parser.set_defaults(handler=run)
    serve_parser = commands.add_parser("serve", help="serve the API only (the database must be up)")
    serve_parser.add_argument("--workers", type=int, default=1)
    serve_parser.set_defaults(handler=serve)
    seed_parser = commands.add_parser("seed", help="load the demo seed (idempotent)")
    seed_parser.add_argument("--instance", default="run", help="local instance when NEO4J_URI is unset")
    seed_parser.set_defaults(handler=seed)


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_environ()
    if settings.local_instance is not None:
        started = localdb.start(settings.local_instance)
        print(f"neo4j: {'started' if started else 'already running'} at {settings.neo4j_uri}"
              f" (data {settings.local_instance.home})")
    loaded = asyncio.run(_seed(settings, only_if_empty=True))
    print("seed: loaded the demo data" if loaded else "seed: database already holds data; left as it is")
    return _serve(settings, workers=1)


def serve(args: argparse.Namespace) -> int:
    return _serve(Settings.from_environ(), workers=args.workers)


def seed(args: argparse.Namespace) -> int:
    settings = Settings.from_environ(instance=args.instance)
    asyncio.run(_seed(settings, only_if_empty=False))
    print("seed: demo data loaded")
    return 0


async def _seed(settings: Settings, only_if_empty: bool) -> bool:
    from scholargraph.seed.load import is_empty, load

    # No apply_constraints here: load() applies them, and the server's lifespan does on every start.
    async with db.connect(settings) as graph:
        if only_if_empty and not await is_empty(graph):
            return False
        await load(graph)
        return True


def _serve(settings: Settings, workers: int) -> int:
    print(f"serving on http://{settings.host}:{settings.port} (GraphQL at /graphql)")
    from scholargraph.observability import log_config

    uvicorn.run("scholargraph.server:create_app", factory=True, host=settings.host, port=settings.port, workers=workers,
                log_level=settings.log_level, proxy_headers=True,
                log_config=log_config(settings.log_level, settings.log_format))
    return 0
