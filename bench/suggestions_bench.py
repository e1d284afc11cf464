"""Latency of collaborator suggestions on ordinary, hub-adjacent and hub researchers of an imported synthetic graph.

Three paths per researcher: the service path (the GraphQL document through `schema.execute`, resolver and types
included), the raw-Cypher floor (`suggestions_stored` through `Graph.read`, no GraphQL; the live statement when
nothing is stored, as the service does) and the live ranking (`suggestions_collaborators`, what every request ran
before the importer stored rankings). Prints a table and writes JSON to bench/results/suggestions-<time>.json.

    NEO4J_LOCAL_PORT=7742 NEO4J_LOCAL_HOME=var/neo4j-bench-discovery \
        .venv/bin/python -m bench.suggestions_bench --instance bench-discovery

The graph comes from `python -m scholargraph.importer generate openalex OUT --works 100000` and `python -m importer import
openalex OUT` (docs/discovery-model.md explains what the caps bound).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import logging
import statistics
import time
from pathlib import Path
from typing import Any

from bench import graphdb
from scholargraph import db
from scholargraph.context import make_context
from scholargraph.resolvers.suggestion import CAPS, WEIGHTS
from scholargraph.schema.root import schema
from scholargraph.settings import Settings

RESULTS = Path(__file__).resolve().parent / "results"
DOCUMENT = """
query ($id: ID!, $first: Int!) {
  collaboratorSuggestions(researcherId: $id, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { researcher { id name openToCollaborate } score
                          reasons { kind weight detail via { __typename id } } } }
  }
}
"""


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of the samples."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


async def via_service(graph: db.Graph, researcher_id: str, first: int) -> int:
    result = await schema.execute(DOCUMENT, variable_values={"id": researcher_id, "first": first},
                                  context_value=make_context(graph))
    assert result.errors is None, result.errors
    assert result.data is not None
    return int(result.data["collaboratorSuggestions"]["totalCount"])


async def via_cypher(graph: db.Graph, researcher_id: str, first: int) -> int:
    """The service's statement: the stored ranking (importer/suggestions.py), or the live one when none is stored."""
    row = await graph.read_one("suggestions_stored", researcher_id=researcher_id, offset=0, first=first,
                               open_to_collaborate=None, topic_id=None, institution_id=None)
    assert row is not None
    return int(row["total_count"]) if row["stored"] else await via_live(graph, researcher_id, first)


async def via_live(graph: db.Graph, researcher_id: str, first: int) -> int:
    """The ranking computed per request (what the service did before stored rankings, and does without them)."""
    row = await graph.read_one("suggestions_collaborators", researcher_id=researcher_id, offset=0, first=first,
                               open_to_collaborate=None, topic_id=None, institution_id=None,
                               ref_year=datetime.date.today().year, **WEIGHTS, **CAPS)
    assert row is not None
    return int(row["total_count"])


async def measure(graph: db.Graph, centres: list[dict[str, Any]], rounds: int, first: int) -> list[dict[str, Any]]:
    """Per group and path: p50/p99/mean/max over rounds × researchers (after one warm-up call each)."""
    rows = []
    for group in ("ordinary", "hub-adjacent", "hub"):
        ids = [c["id"] for c in centres if c["grp"] == group]
        for path, call in (("service", via_service), ("cypher", via_cypher), ("live cypher", via_live)):
            for researcher_id in ids:
                await call(graph, researcher_id, first)
            samples, totals = [], []
            for _ in range(rounds):
                for researcher_id in ids:
                    started = time.perf_counter()
                    totals.append(await call(graph, researcher_id, first))
                    samples.append((time.perf_counter() - started) * 1000)
            rows.append({"group": group, "path": path, "calls": len(samples),
                         "p50_ms": round(percentile(samples, 0.50), 2), "p99_ms": round(percentile(samples, 0.99), 2),
                         "mean_ms": round(statistics.fmean(samples), 2), "max_ms": round(max(samples), 2),
                         "mean_total_count": round(statistics.fmean(totals), 1)})
    return rows


def describe(centres: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Degree ranges per group, so the table says what 'hub' meant in this graph."""
    out: dict[str, dict[str, Any]] = {}
    for group in ("ordinary", "hub-adjacent", "hub"):
        members = [c for c in centres if c["grp"] == group]
        out[group] = {key: [min(c[key] or 0 for c in members), max(c[key] or 0 for c in members)]
                      for key in ("coauthors", "works", "topics", "largest_topic")} | {"researchers": len(members)}
    return out


def render(rows: list[dict[str, Any]], groups: dict[str, dict[str, Any]]) -> str:
    lines = [f"{'group':<13} {'path':<11} {'calls':>5} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'max ms':>8} "
             f"{'ranked':>7}"]
    for r in rows:
        lines.append(f"{r['group']:<13} {r['path']:<11} {r['calls']:>5} {r['p50_ms']:>8} {r['p99_ms']:>8} "
                     f"{r['mean_ms']:>8} {r['max_ms']:>8} {r['mean_total_count']:>7}")
    lines.append("")
    for group, d in groups.items():
        lines.append(f"{group:<13} {d['researchers']} researchers; co-authors {d['coauthors']}, works {d['works']}, "
                     f"topics {d['topics']}, largest topic's worksCount {d['largest_topic']}")
    return "\n".join(lines)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    settings = Settings.from_environ(instance=args.instance)
    async with graphdb.connect_async(settings) as graph:
        centres = await graph.read("suggestions_bench_centres", sample=args.sample, hubs=args.hubs)
        counts = await graph.read_one("suggestions_bench_counts")
        rows = await measure(graph, centres, args.rounds, args.first)
    return {"bench": "suggestions", "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "instance": args.instance, "uri": settings.neo4j_uri, "graph": counts, "first": args.first,
            "rounds": args.rounds, "caps": CAPS, "weights": WEIGHTS, "groups": describe(centres), "results": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instance", default="bench-discovery", help="local instance when NEO4J_URI is unset")
    parser.add_argument("--sample", type=int, default=20, help="researchers per group (default 20)")
    parser.add_argument("--hubs", type=int, default=5, help="top hubs whose co-authors are 'hub-adjacent'")
    parser.add_argument("--rounds", type=int, default=5, help="measured calls per researcher and path")
    parser.add_argument("--first", type=int, default=10, help="page size (default 10)")
    args = parser.parse_args()
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    report = asyncio.run(run(args))
    print(render(report["results"], report["groups"]))
    print(f"graph: {report['graph']}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"suggestions-{report['at'].replace(':', '').replace('+0000', 'Z')}.json"
    out.write_text(json.dumps(report, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
