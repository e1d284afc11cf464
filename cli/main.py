"""Entry point of the `scholargraph` command; each sub-command group registers itself from its own module."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from scholargraph.cli import database, service


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scholargraph", description="ScholarGraph: a scholarly knowledge graph in Neo4j, served through GraphQL.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _command_modules():
        module.register(commands)
    return parser


def _command_modules() -> list:  # type: ignore[type-arg]
    from scholargraph.importer import commands as import_commands
    from scholargraph.auth import commands as user_commands
    from scholargraph.auth import digest

    return [database, service, import_commands, user_commands, digest]


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
