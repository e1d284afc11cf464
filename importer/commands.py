"""`scholargraph import openalex PATH...` and `scholargraph generate openalex OUT`: the importer's CLI."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from scholargraph import db
from scholargraph.errors import DatabaseUnavailable
from scholargraph.importer import run
from scholargraph.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_REJECTED = 0, 1, 2
IMPORT_EPILOG = """\
PATH may be a .jsonl or .jsonl.gz file, a .json API response ({"results": [...]} or one entity), or a folder
(an OpenAlex snapshot: data/<entity>/updated_date=…/part_NNN.gz, or the newer data/jsonl/<entity>/…).
Work (W…), author (A…), institution (I…), topic (T…) and concept (C…) records are recognised by id.

exit status: 0 everything imported (or skipped as older / unsupported); 2 some records were rejected (listed in
the rejects file, everything else imported); 1 the import failed (input missing, database unreachable)."""


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    importer = commands.add_parser("import", help="import records into the graph")
    sources = importer.add_subparsers(dest="source", required=True, metavar="SOURCE")
    openalex = sources.add_parser(
        "openalex", help="OpenAlex works, authors, institutions and topics (files, API pages or a snapshot)",
        description="Import OpenAlex records, batch by batch; safe to re-run and to resume after a crash.",
        epilog=IMPORT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    openalex.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    openalex.add_argument("--batch-size", type=int, default=run.DEFAULT_BATCH_SIZE,
                          help=f"records per transaction (default {run.DEFAULT_BATCH_SIZE})")
    openalex.add_argument("--rejects", type=Path, default=Path("import-rejects.jsonl"),
                          help="JSON lines file for rejected records, created on the first reject "
                               "(default import-rejects.jsonl)")
    openalex.add_argument("--dry-run", action="store_true", help="read and validate only; write nothing")
    openalex.add_argument("--instance", default="run", help="local instance when NEO4J_URI is unset (default run)")
    openalex.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    openalex.add_argument("--metrics-port", type=int, metavar="PORT",
                          help="serve Prometheus metrics (import progress) on 127.0.0.1:PORT while importing")
    openalex.set_defaults(handler=import_openalex)

    generate = commands.add_parser("generate", help="write a synthetic corpus")
    kinds = generate.add_subparsers(dest="kind", required=True, metavar="KIND")
    synthetic = kinds.add_parser(
        "openalex", help="a synthetic OpenAlex snapshot (works, authors, institutions)",
        description="Write a deterministic synthetic OpenAlex snapshot folder: OUT/data/<entity>/"
                    "updated_date=2024-01-01/part_NNN.gz plus a manifest per entity.")
    synthetic.add_argument("out", type=Path, metavar="OUT")
    synthetic.add_argument("--works", type=int, default=120_000, help="number of works (default 120000)")
    synthetic.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    synthetic.add_argument("--hub-share", type=float, default=0.85,
                           help="share of works carrying the hub topic T10001 (default 0.85: 102,000 of 120,000)")
    synthetic.add_argument("--part-size", type=int, default=10_000, help="records per part file (default 10000)")
    synthetic.set_defaults(handler=generate_openalex)


def import_openalex(args: argparse.Namespace) -> int:
    """Run the import; print the summary. Exit status as in IMPORT_EPILOG."""
    # The server warns about property keys that do not exist yet on a fresh database: noise for an importer.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    options = {"batch_size": args.batch_size, "rejects": run.Rejects(args.rejects), "progress": not args.no_progress}
    if args.metrics_port:
        from prometheus_client import start_http_server

        start_http_server(args.metrics_port, addr="127.0.0.1")
    try:
        summary = asyncio.run(_import(args, options))
    except FileNotFoundError as exc:
        print(f"import: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except DatabaseUnavailable as exc:
        print(f"import: {exc.message}", file=sys.stderr)
        return EXIT_FAILED
    print(summary.render(args.rejects))
    return EXIT_REJECTED if summary.rejected else EXIT_OK


async def _import(args: argparse.Namespace, options: dict) -> run.Summary:  # type: ignore[type-arg]
    paths = list(args.paths)
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"No such file or folder: {path}")
    if args.dry_run:
        return await run.import_paths(paths, None, **options)
    settings = Settings.from_environ(instance=args.instance)
    async with db.connect(settings) as graph:
        await graph.apply_constraints()
        return await run.import_paths(paths, graph, **options)


def generate_openalex(args: argparse.Namespace) -> int:
    from scholargraph.importer import generate

    stats = generate.generate(args.out, works=args.works, seed=args.seed, hub_share=args.hub_share,
                              part_size=args.part_size)
    print(stats.render())
    return EXIT_OK
