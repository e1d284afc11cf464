"""Where a workload's time goes: its requests run in-process through the schema under cProfile.

`python -m bench.hotpath [--quick] [--workload profile] [--bucket hubs] [--repeat 100]` (or `--workload work_page
--bucket authors`) uses the bench instance
(already imported by `python -m bench`), prints the split between waiting on Cypher and everything else, then
the functions with the most own time and the most cumulative time. No HTTP: what it shows is the GraphQL layer.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import statistics
import sys
from collections.abc import Sequence

from starlette.datastructures import Secret

from scholargraph import db
from scholargraph import localdb
from bench import capture, graphdb, harness, workloads
from scholargraph.settings import Settings


def cell_of(options: harness.Options, workload: str, bucket: str) -> tuple[workloads.Cell, Settings]:
    """The bench's cell for one workload and bucket on the bench instance, and the settings to reach it."""
    inst = localdb.instance(options.instance, port=options.port)
    with graphdb.connect(inst) as sync_driver:
        degrees = graphdb.researcher_degrees(sync_driver)
        works = graphdb.work_degrees(sync_driver) if workload == "work_page" else []
        topics = graphdb.topic_degrees(sync_driver) if workload == "topic_metrics" else []
    buckets = {bucket: workloads.degree_buckets(degrees, options.centres)[bucket]} if bucket in dict(
        workloads.DEGREE_BUCKETS) else {}
    work_buckets = {k: v for k, v in workloads.work_buckets(works, options.centres).items() if k == bucket}
    topic_buckets = {k: v for k, v in workloads.topic_buckets(topics, options.centres).items() if k == bucket}
    cell = next(c for c in workloads.base_cells(buckets, {}, [], {workload: True}, work_buckets, topic_buckets)
                if c.workload == workload)
    settings = Settings(neo4j_uri=inst.uri, neo4j_user="neo4j", neo4j_password=Secret(inst.password()))
    return cell, settings


async def profile(options: harness.Options, workload: str, bucket: str, repeat: int, top: int) -> str:
    cell, settings = cell_of(options, workload, bucket)
    driver = db.open_driver(settings)
    try:
        capturer = capture.Capturer(driver, settings.neo4j_database)
        if workload == "works_page":
            await capture.prepare_works_pages(capturer, cell)
        for request in cell.requests:  # warm the plan caches and the page cache
            await capturer.execute(request)
        totals, cypher = [], []
        profiler = cProfile.Profile()
        profiler.enable()
        for i in range(repeat):
            outcome = await capturer.execute(cell.requests[i % len(cell.requests)])
            totals.append(outcome.seconds * 1000)
            cypher.append(capture.cypher_ms(outcome.calls))
        profiler.disable()
    finally:
        await driver.close()
    out = io.StringIO()
    total, wait = statistics.median(totals), statistics.median(cypher)
    out.write(f"{workload}/{bucket}: {repeat} in-process requests under cProfile; median {total:.1f} ms, of which "
              f"{wait:.1f} ms waiting on Cypher and {total - wait:.1f} ms in Python\n")
    for sort in ("tottime", "cumulative"):
        out.write(f"\n--- top {top} by {sort} ---\n")
        pstats.Stats(profiler, stream=out).sort_stats(sort).print_stats(top)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hotpath", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="use the quick corpus's instance")
    parser.add_argument("--workload", default="profile", choices=[w for w in workloads.WORKLOADS
                                                                  if w not in ("search", "connection_path")])
    parser.add_argument("--bucket", default="hubs", help="researcher buckets: median, p90, p99, hubs; work_page: "
                        "median, authors, cited; topic_metrics: median, hubs")
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--instance", help="local Neo4j instance (default bench; quick bench-quick)")
    parser.add_argument("--port", type=int, help="its Bolt port (default 7689; quick 7761)")
    args = parser.parse_args(argv)
    options = harness.QUICK if args.quick else harness.Options()
    options = harness.with_overrides(options, instance=args.instance, port=args.port)
    print(asyncio.run(profile(options, args.workload, args.bucket, args.repeat, args.top)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
