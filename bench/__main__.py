"""`python -m bench [--quick] [--works N] [--concurrency 1,16] ...`: the service benchmark (see BENCHMARKS.md)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bench import harness
from bench.workloads import WORKLOADS


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part)


def _names(text: str) -> tuple[str, ...]:
    names = tuple(part for part in text.split(",") if part)
    unknown = set(names) - set(WORKLOADS)
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown workloads {sorted(unknown)}; choose from {', '.join(WORKLOADS)}")
    return names


def parse(argv: Sequence[str] | None) -> harness.Options:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5,000 works, fewer centres and requests (< 3 min)")
    parser.add_argument("--works", type=int, help="corpus size in works (default 100000; quick 5000)")
    parser.add_argument("--seed", type=int, help="corpus seed (default 1)")
    parser.add_argument("--concurrency", type=_ints, help="comma-separated concurrencies (default 1,16)")
    parser.add_argument("--workloads", type=_names, dest="only",
                        help=f"comma-separated subset of {','.join(WORKLOADS)} (default all)")
    parser.add_argument("--centres", type=int, help="centres per degree bucket (default 10; quick 5)")
    parser.add_argument("--instance", help="local Neo4j instance (default bench; quick bench-quick)")
    parser.add_argument("--port", type=int, help="its Bolt port (default 7689; quick 7761)")
    parser.add_argument("--heap", help="its JVM heap (default 2g; quick 1g)")
    parser.add_argument("--service-port", type=int, help="HTTP port for the service (default 8061, else a free one)")
    parser.add_argument("--no-floor", dest="floor", action="store_false", default=None,
                        help="skip the raw-Cypher floor")
    parser.add_argument("--no-peer", dest="peer", action="store_false", default=None,
                        help="skip @neo4j/graphql (bench/peer) and its facts check")
    args = parser.parse_args(argv)
    base = harness.QUICK if args.quick else harness.Options()
    changes = {k: v for k, v in vars(args).items() if k != "quick"}
    return harness.with_overrides(base, **changes)


def main(argv: Sequence[str] | None = None) -> int:
    harness.run(parse(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
