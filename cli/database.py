"""`scholargraph db start|stop|status` and `scholargraph migrate`: the local Neo4j and the schema migration."""

from __future__ import annotations

import argparse
import asyncio

from scholargraph import db
from scholargraph import localdb
from scholargraph.settings import Settings, local_instance


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("db", help="start, stop or inspect the project's local Neo4j")
    actions = parser.add_subparsers(dest="action", required=True)
    for action, handler, summary in (
        ("start", start, "start the instance (harmless if it runs) and wait until Bolt answers"),
        ("stop", stop, "stop the instance cleanly"),
        ("status", status, "say whether the instance runs, and where"),
    ):
        sub = actions.add_parser(action, help=summary)
        sub.add_argument("--instance", default="run", help="run (make run), test (make test), bench, or any name")
        sub.add_argument("--port", type=int,
                         help="Bolt port (default: NEO4J_LOCAL_PORT, else 7687 run, 7688 test, 7689 bench)")
        sub.add_argument("--pagecache", help="page cache size, e.g. 512m or 2g (default 512m)")
        sub.add_argument("--heap", help="JVM heap, e.g. 1g (default 1g)")
        sub.set_defaults(handler=handler)

    migrate_parser = commands.add_parser("migrate", help="apply constraints and indexes (idempotent)")
    migrate_parser.add_argument("--instance", default="run", help="local instance when NEO4J_URI is unset")
    migrate_parser.set_defaults(handler=migrate)

    maintenance_parser = commands.add_parser(
        "maintenance", help="collect expired sessions and ended rate-limit windows (idempotent; cron it)")
    maintenance_parser.add_argument("--instance", default="run", help="local instance when NEO4J_URI is unset")
    maintenance_parser.add_argument(
        "task", nargs="?", choices=("expired", "suggestions", "year-counts"), default="expired",
        help="expired (default): collect expired records; suggestions: store the suggestions of every researcher "
             "that has none (the backfill of an existing database); year-counts: store the per-year counts of "
             "every topic, source and institution that has none, and the distinct works of every subfield, "
             "field and domain (likewise)")
    maintenance_parser.add_argument("--all", action="store_true",
                                    help="with suggestions or year-counts: recompute every one, not only missing ones")
    maintenance_parser.set_defaults(handler=maintenance)


def _instance(args: argparse.Namespace) -> localdb.Instance:
    # The same NEO4J_LOCAL_* variables the service and the tests read, so `db status` looks where they look.
    return local_instance(args.instance, port=args.port, pagecache=args.pagecache, heap=args.heap)


def start(args: argparse.Namespace) -> int:
    inst = _instance(args)
    started = localdb.start(inst)
    print(f"neo4j {args.instance}: {'started' if started else 'already running'} at {inst.uri} (data {inst.home})")
    return 0


def stop(args: argparse.Namespace) -> int:
    inst = _instance(args)
    print(f"neo4j {args.instance}: {'stopped' if localdb.stop(inst) else 'was not running'}")
    return 0


def status(args: argparse.Namespace) -> int:
    inst = _instance(args)
    pid = inst.pid()
    print(f"neo4j {args.instance}: {f'running (pid {pid})' if pid else 'stopped'} at {inst.uri} (data {inst.home})")
    return 0 if pid else 3


def migrate(args: argparse.Namespace) -> int:
    settings = Settings.from_environ(instance=args.instance)
    count = asyncio.run(apply_migrations(settings))
    print(f"migrate: {count} constraints and indexes in place")
    return 0


async def apply_migrations(settings: Settings) -> int:
    async with db.connect(settings) as graph:
        return await graph.apply_constraints()


def maintenance(args: argparse.Namespace) -> int:
    if args.task == "suggestions":
        return _suggestions(args)
    if args.task == "year-counts":
        return _year_counts(args)
    from scholargraph.maintenance import collect_expired

    async def run() -> dict[str, int]:
        async with db.connect(Settings.from_environ(instance=args.instance)) as graph:
            return await collect_expired(graph)

    deleted = asyncio.run(run())
    print(f"maintenance: collected {deleted['sessions']} expired sessions, "
          f"{deleted['rate_buckets']} ended rate-limit windows")
    return 0


def _suggestions(args: argparse.Namespace) -> int:
    import time

    from scholargraph.importer import suggestions

    async def run() -> int:
        async with db.connect(Settings.from_environ(instance=args.instance)) as graph:
            if args.all:
                return (await suggestions.refresh_all(graph))[0]
            return await suggestions.refresh_missing(graph)

    started = time.perf_counter()
    done = asyncio.run(run())
    print(f"maintenance: stored suggestions for {done} researchers in {time.perf_counter() - started:.1f} s")
    return 0


def _year_counts(args: argparse.Namespace) -> int:
    import time

    from scholargraph.importer import group_counts, year_counts

    async def run() -> tuple[int, int]:
        async with db.connect(Settings.from_environ(instance=args.instance)) as graph:
            if args.all:
                return (await year_counts.refresh_all(graph))[0], (await group_counts.refresh_all(graph))[0]
            return await year_counts.refresh_missing(graph), await group_counts.refresh_missing(graph)

    started = time.perf_counter()
    done, groups = asyncio.run(run())
    print(f"maintenance: stored per-year counts for {done} topics, sources and institutions and works counts for "
          f"{groups} subfields, fields and domains in {time.perf_counter() - started:.1f} s")
    return 0
