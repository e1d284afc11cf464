"""`python -m scholargraph.importer import openalex PATH...` / `python -m importer generate openalex OUT`: the importer's
commands without the rest of the `scholargraph` CLI."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from scholargraph.importer import commands


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(prog="python -m scholargraph.importer", description=__doc__)
    commands.register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
