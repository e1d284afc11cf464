"""Latency of graphSlice centred on a work inside a 100,000-work hub topic versus an ordinary work.

Two paths per centre: the service path (the GraphQL document through `schema.execute`, resolver, both statements
and types) and the raw-Cypher floor (`slice_graph` through `Graph.read`, no GraphQL). Prints a
table (p50 / p99 over --runs calls each, and the hub/ordinary ratio) and writes JSON to bench/results/.

    NEO4J_LOCAL_PORT=7732 NEO4J_LOCAL_HOME=var/neo4j-bench-slice \
        .venv/bin/python -m bench.slice_bench --instance bench-slice --build

--build wipes the instance and builds the synthetic hub graph with UNWIND Cypher (bench/queries/slice_bench_build_*):
topic T1 on --hub-works works, --ordinary-works more works on 50 ordinary topics, two authors per work from a
pool of 20,000 researchers, COAUTHOR / WORKS_ON / worksCount derived as the importer would. It is used instead of
`scholargraph generate openalex` + import because that import takes far longer on a shared 2-core machine; the
shape that matters here (one topic with > 100,000 works, passed through at hop 1) is the same.

--profile measures db hits instead, on any imported graph (the quick bench's corpus, say): the bench's researcher
centres (median, p90, p99, hubs by degree, --per-bucket each), PROFILE of `slice_graph` with the frontier cap and
without it (frontier = MAX_LIMIT, the slice before issue 15 item 3 capped it), hop sizes and whether the slice is
the same (docs/graph-slice.md):

    .venv/bin/python -m bench.slice_bench --instance bench-quick --port 7761 --profile --depth 2 --limit 100
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import logging
import os
import statistics
import time
from pathlib import Path
from typing import Any

from bench import graphdb, workloads
from scholargraph import cypher, db
from scholargraph.context import make_context
from scholargraph.resolvers.explorer import MAX_LIMIT, SLICE_KINDS, followed_types, read_slice, slice_params
from scholargraph.schema.node import EntityKind, kind_of
from scholargraph.schema.root import schema
from scholargraph.settings import Settings

RESULTS = Path(__file__).resolve().parent / "results"
DOCUMENT = (Path(__file__).resolve().parent.parent / "web" / "queries" / "graph_slice.graphql").read_text()
RESEARCHERS, TOPICS, BATCH = 20_000, 50, 10_000


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


async def build(graph: db.Graph, hub_works: int, ordinary_works: int) -> None:
    """Wipe this benchmark's instance and build the synthetic hub graph."""
    while (await graph.write("slice_bench_wipe_batch", batch=20_000))[0]["deleted"]:
        pass
    await graph.apply_constraints()
    await graph.write("slice_bench_build_nodes", researchers=RESEARCHERS, topics=TOPICS)
    total = hub_works + ordinary_works
    for start in range(0, total, BATCH):
        await graph.write("slice_bench_build_works", start=start, stop=min(total, start + BATCH), hub_works=hub_works,
                          topics=TOPICS, researchers=RESEARCHERS)
    for start in range(0, RESEARCHERS, 2_000):
        await graph.write("slice_bench_build_derived", start=start, stop=start + 2_000)
    await graph.write("slice_bench_topic_counts")


async def via_service(graph: db.Graph, center: str, depth: int, limit: int) -> int:
    result = await schema.execute(DOCUMENT, variable_values={"center": center, "depth": depth, "limit": limit},
                                  context_value=make_context(graph))
    assert result.errors is None, result.errors
    assert result.data is not None
    return len(result.data["graphSlice"]["nodes"])


async def via_cypher(graph: db.Graph, center: str, depth: int, limit: int) -> int:
    kind = kind_of(center)
    assert kind is not None
    first, later = followed_types(kind, set(SLICE_KINDS))
    nodes, _ = await read_slice(graph, center, depth, limit, first, later)
    return len(nodes)


async def measure(graph: db.Graph, centres: dict[str, str], runs: int, depth: int,
                  limit: int) -> list[dict[str, Any]]:
    rows = []
    for path, call in (("service", via_service), ("cypher", via_cypher)):
        for name, center in centres.items():
            for _ in range(5):
                await call(graph, center, depth, limit)
            samples, sizes = [], []
            for _ in range(runs):
                started = time.perf_counter()
                sizes.append(await call(graph, center, depth, limit))
                samples.append((time.perf_counter() - started) * 1000)
            rows.append({"centre": name, "id": center, "path": path, "runs": runs,
                         "p50_ms": round(percentile(samples, 0.50), 2), "p99_ms": round(percentile(samples, 0.99), 2),
                         "mean_ms": round(statistics.fmean(samples), 2), "nodes": max(sizes)})
    for path in ("service", "cypher"):
        by = {r["centre"]: r for r in rows if r["path"] == path}
        for r in by.values():
            r["ratio_p50_vs_ordinary"] = round(r["p50_ms"] / by["ordinary work"]["p50_ms"], 2)
            r["ratio_p99_vs_ordinary"] = round(r["p99_ms"] / by["ordinary work"]["p99_ms"], 2)
    return rows


def _db_hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(_db_hits(child) for child in plan.get("children", []))


async def profile(graph: db.Graph, per_bucket: int, depth: int, limit: int) -> list[dict[str, Any]]:
    """db hits of `slice_graph` at the bench's researcher centres, with the frontier cap and without it."""
    degrees = await graph.read("researcher_degrees")
    rows = []
    for bucket, centres in workloads.degree_buckets(degrees, per_bucket).items():
        for centre in centres:
            first, later = followed_types(EntityKind.RESEARCHER, set(SLICE_KINDS))
            found = {}
            for label, frontier in (("capped", None), ("uncapped", MAX_LIMIT)):
                params = slice_params(centre["id"], depth, limit, first, later,
                                      **({} if frontier is None else {"frontier": frontier}))
                records, summary, _ = await graph.driver.execute_query(
                    "PROFILE " + cypher.get("slice_graph"), params, database_=graph.database)
                assert summary.profile is not None
                found[label] = (records[0]["nodes"], _db_hits(summary.profile))
            nodes = found["capped"][0]
            rows.append({"bucket": bucket, "id": centre["id"], "degree": centre["degree"],
                         "hops": [sum(1 for n in nodes if n["hop"] == hop) for hop in range(depth + 1)],
                         "db_hits": found["capped"][1], "db_hits_uncapped": found["uncapped"][1],
                         "same_as_uncapped": nodes == found["uncapped"][0]})
    return rows


def render_profile(rows: list[dict[str, Any]]) -> str:
    lines = [f"{'bucket':<7} {'centre':<12} {'degree':>6} {'hop sizes':<18} {'db hits':>8} {'uncapped':>9} same"]
    lines += [f"{r['bucket']:<7} {r['id']:<12} {r['degree']:>6} {str(r['hops']):<18} {r['db_hits']:>8} "
              f"{r['db_hits_uncapped']:>9} {r['same_as_uncapped']}" for r in rows]
    return "\n".join(lines)


def render(rows: list[dict[str, Any]]) -> str:
    lines = [f"{'centre':<15} {'path':<8} {'runs':>5} {'nodes':>5} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8} "
             f"{'p50 ratio':>9} {'p99 ratio':>9}"]
    lines += [f"{r['centre']:<15} {r['path']:<8} {r['runs']:>5} {r['nodes']:>5} {r['p50_ms']:>8} {r['p99_ms']:>8} "
              f"{r['mean_ms']:>8} {r['ratio_p50_vs_ordinary']:>9} {r['ratio_p99_vs_ordinary']:>9}" for r in rows]
    return "\n".join(lines)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    settings = Settings.from_environ(instance=args.instance)
    async with graphdb.connect_async(settings) as graph:
        if args.profile:
            rows = await profile(graph, args.per_bucket, args.depth, args.limit)
            return {"bench": "graph-slice-profile", "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                    "instance": args.instance, "depth": args.depth, "limit": args.limit, "results": rows}
        if args.build:
            started = time.perf_counter()
            await build(graph, args.hub_works, args.ordinary_works)
            print(f"built the hub graph in {time.perf_counter() - started:.0f} s")
        found = await graph.read_one("slice_bench_centres", hub_works=args.hub_works)
        assert found is not None, "no benchmark graph: run with --build"
        centres = {"hub work": found["hub_work"], "ordinary work": found["ordinary_work"],
                   "hub topic": found["hub_topic"]}
        rows = await measure(graph, centres, args.runs, args.depth, args.limit)
    return {"bench": "graph-slice", "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "instance": args.instance, "depth": args.depth, "limit": args.limit, "graph": found, "results": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instance", default="bench-slice", help="local instance when NEO4J_URI is unset")
    parser.add_argument("--build", action="store_true", help="wipe the instance and build the hub graph first")
    parser.add_argument("--hub-works", type=int, default=100_000, help="works on the hub topic (default 100000)")
    parser.add_argument("--ordinary-works", type=int, default=2_000, help="works off the hub (default 2000)")
    parser.add_argument("--runs", type=int, default=200, help="measured calls per centre and path (default 200)")
    parser.add_argument("--depth", type=int, default=2)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--profile", action="store_true", help="db hits at the bench's researcher centres instead")
    parser.add_argument("--per-bucket", type=int, default=3, help="--profile: centres per degree bucket (default 3)")
    parser.add_argument("--port", type=int, help="the instance's Bolt port (NEO4J_LOCAL_PORT)")
    args = parser.parse_args()
    if args.port:
        os.environ["NEO4J_LOCAL_PORT"] = str(args.port)
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    report = asyncio.run(run(args))
    if args.profile:
        print(render_profile(report["results"]))
    else:
        print(render(report["results"]))
        print(f"graph: {report['graph']}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"slice-{report['at'].replace(':', '').replace('+00:00', 'Z')}.json"
    out.write_text(json.dumps(report, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
