"""One benchmark run end to end: corpus, instance, centres, capture, service under load, floor, report."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson
from starlette.datastructures import Secret

from scholargraph import db
from bench import capture, corpus, environment, graphdb, peer, report, workloads
from bench.runner import Pace
from bench.service import Service, free_port
from scholargraph.settings import Settings

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"


@dataclass(frozen=True)
class Options:
    mode: str = "default"
    works: int = 100_000
    seed: int = 1
    instance: str = "bench"
    port: int = 7689
    heap: str = "2g"
    service_port: int = 8061
    concurrency: tuple[int, ...] = (1, 16)
    centres: int = 10
    search_texts: int = 10
    path_pairs: int = 40
    mix_size: int = 200
    timing_repeats: int = 2  # in-process executions per request after the capture, for the Cypher/Python split
    only: tuple[str, ...] = workloads.WORKLOADS
    floor: bool = True
    peer: bool = True  # @neo4j/graphql beside us (bench/peer), facts-checked, in both forms
    peer_port: int = 8062
    pace: Pace = field(default_factory=lambda: Pace(warm_round=20, warm_max_rounds=6, warm_max_seconds=6.0,
                                                    measure_requests=500, measure_seconds=3.0, min_requests=50,
                                                    max_seconds=20.0))


QUICK = Options(mode="quick", works=5_000, instance="bench-quick", port=7761, heap="1g", centres=3,
                search_texts=4, path_pairs=16, mix_size=60, timing_repeats=1,
                pace=Pace(warm_round=8, warm_per_worker=1, warm_max_rounds=4, warm_max_seconds=1.0,
                          measure_requests=120, measure_seconds=0.5, min_requests=16, max_seconds=4.0))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


async def build_cells(options: Options, prepared: corpus.Prepared, degrees: list[dict[str, Any]],
                      entities: dict[str, list[dict[str, Any]]] | None = None,
                      ) -> tuple[list[workloads.Cell], dict[str, Any], list[str]]:
    """Centres per bucket, the request list of every cell, and each request's captured Cypher plan. `entities`
    holds the work_degrees and topic_degrees rows (the work page's and topic metrics' centres)."""
    entities = entities or {}
    work_buckets = workloads.work_buckets(entities.get("works", []), options.centres)
    topic_buckets = workloads.topic_buckets(entities.get("topics", []), options.centres)
    inst = prepared.instance
    settings = Settings(neo4j_uri=inst.uri, neo4j_user="neo4j", neo4j_password=Secret(inst.password()))
    rng = random.Random(options.seed)
    buckets = workloads.degree_buckets(degrees, options.centres)
    texts = workloads.search_texts(degrees, options.search_texts, rng)
    pairs = workloads.random_pairs(degrees, options.path_pairs, rng)
    driver = db.open_driver(settings)
    try:
        capturer = capture.Capturer(driver, settings.neo4j_database)
        usable = workloads.available(capturer.query_fields())
        usable = {name: ok and name in options.only for name, ok in usable.items()}
        unavailable = [name for name, ok in workloads.available(capturer.query_fields()).items()
                       if not ok and name in options.only]
        cells: list[workloads.Cell] = []
        for cell in workloads.base_cells(buckets, texts, pairs, usable, work_buckets, topic_buckets):
            if cell.workload == "works_page":
                await capture.prepare_works_pages(capturer, cell)
            if cell.workload == "connection_path":
                cells.extend(await capture.split_paths(capturer, cell))
            else:
                cells.append(cell)
        timings: dict[str, Any] = {}
        for cell in cells:
            started = time.perf_counter()
            timings[cell.key] = await capturer.fill(cell, options.timing_repeats) if cell.error is None else {}
            log(f"captured {cell.key}: {len(cell.requests)} requests, round trips "
                f"{max(cell.round_trips, default=0)} max, {time.perf_counter() - started:.1f} s"
                + (f" — ERROR {cell.error}" if cell.error else ""))
        measured = [c for c in cells if c.error is None and c.requests]
        mix = workloads.mix_cell(measured, options.mix_size, rng) if measured else None
        if mix is not None and mix.requests:
            cells.append(mix)
    finally:
        await driver.close()
    centres = {"degree_buckets": {name: [{k: row[k] for k in ("id", "degree", "works")} for row in rows]
                                  for name, rows in buckets.items()},
               "work_buckets": {name: [{k: row[k] for k in ("id", "authors", "citedBy", "references")} for row in rows]
                                for name, rows in work_buckets.items()},
               "topic_buckets": {name: [{k: row[k] for k in ("id", "works")} for row in rows]
                                 for name, rows in topic_buckets.items()},
               "search_texts": texts, "path_pairs": [list(p) for p in pairs], "inprocess": timings}
    return cells, centres, unavailable


def _subprocess(module: str, spec: dict[str, Any], env: dict[str, str] | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        spec_path, out_path = Path(tmp) / "spec.json", Path(tmp) / "out.json"
        spec_path.write_bytes(orjson.dumps(spec))
        subprocess.run([sys.executable, "-m", module, str(spec_path), str(out_path)], cwd=REPO, check=True,
                       env=env)
        return orjson.loads(out_path.read_bytes())


def check_peer_facts(options: Options, prepared: corpus.Prepared, cells: list[workloads.Cell],
                     service_url: str) -> dict[str, list[dict[str, Any]]]:
    """Start the peer (shipped form), ask both sides every expressible request, stop on any disagreement."""
    inst = prepared.instance
    peer.install()
    server = peer.PeerService(inst.uri, inst.password(), free_port(options.peer_port), "shipped")
    log(f"peer: starting {' '.join(server.command)} on {server.url} for the facts check")
    server.start()
    try:
        return peer.check_facts(cells, service_url, server.url, log)
    finally:
        server.stop()


def measure_peer(options: Options, prepared: corpus.Prepared,
                 bodies: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Every expressible cell against the peer, once per form, with the same load generator and pace."""
    inst = prepared.instance
    out: dict[str, dict[str, Any]] = {}
    runs = [{"key": f"{key}@{c}", "concurrency": c, "bodies": cell_bodies}
            for c in options.concurrency for key, cell_bodies in bodies.items()]
    for form in peer.FORMS:
        server = peer.PeerService(inst.uri, inst.password(), free_port(options.peer_port), form)
        log(f"peer ({form}): starting on {server.url}")
        server.start()
        try:
            out[form] = _subprocess("bench.load", {"url": server.url, "path": "/", "label": f"peer-{form}",
                                                   "pace": asdict(options.pace), "runs": runs})
        finally:
            server.stop()
    return out


def measure_service(options: Options, prepared: corpus.Prepared,
                    cells: list[workloads.Cell]) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Our service under load; before that, with it running, the peer's facts check (when the peer is on)."""
    inst = prepared.instance
    service = Service(inst.uri, inst.password(), free_port(options.service_port))
    log(f"service: starting {' '.join(service.command)} on {service.url}")
    service.start()
    try:
        peer_bodies = check_peer_facts(options, prepared, cells, service.url) if options.peer else {}
        runs = [{"key": f"{cell.key}@{c}", "concurrency": c,
                 "bodies": [{"query": r.document, "variables": r.variables} for r in cell.requests]}
                for c in options.concurrency for cell in cells if cell.error is None and cell.requests]
        results = _subprocess("bench.load", {"url": service.url, "pace": asdict(options.pace), "runs": runs})
    finally:
        service.stop()
    return {"results": results, "url": service.url, "command": service.command}, peer_bodies


def measure_floor(options: Options, prepared: corpus.Prepared, cells: list[workloads.Cell]) -> dict[str, Any]:
    runs = [{"key": f"{cell.key}@{c}", "concurrency": c, "plans": cell.plans}
            for c in options.concurrency for cell in cells if cell.error is None and cell.requests]
    env = {**os.environ, "NEO4J_PASSWORD": prepared.instance.password()}
    spec = {"uri": prepared.instance.uri, "database": "neo4j", "pace": asdict(options.pace), "runs": runs}
    return _subprocess("bench.floor", spec, env)


def assemble(options: Options, prepared: corpus.Prepared, cells: list[workloads.Cell], service: dict[str, Any],
             floor: dict[str, Any], extra: dict[str, Any],
             peers: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    out_cells = []
    for cell in cells:
        entry: dict[str, Any] = {
            "workload": cell.workload, "bucket": cell.bucket, "note": cell.note, "error": cell.error,
            "requests": len(cell.requests),
            "round_trips": {"mean": statistics.fmean(cell.round_trips) if cell.round_trips else 0,
                            "max": max(cell.round_trips, default=0)},
            "response_kb_mean": round(statistics.fmean(cell.response_bytes) / 1024, 1) if cell.response_bytes
            else 0, "inprocess": extra["centres"]["inprocess"].get(cell.key, {}),
            "by_concurrency": {},
            "peer": ("measured" if peers and f"{cell.key}@{options.concurrency[0]}" in peers.get("shipped", {})
                     else peer.NOT_EXPRESSIBLE.get(cell.workload, "not measured")),
        }
        for c in options.concurrency:
            key = f"{cell.key}@{c}"
            if key in service["results"]:
                entry["by_concurrency"][str(c)] = {"service": service["results"][key], "floor": floor.get(key)}
                if peers and key in peers.get("shipped", {}):
                    entry["by_concurrency"][str(c)]["peer"] = {form: peers[form][key] for form in peers}
        report.attach_ratios(entry)
        out_cells.append(entry)
    result = {
        "run": {**extra["run"], "options": {**asdict(options), "concurrency": list(options.concurrency)}},
        "environment": extra["environment"],
        "corpus": {"works": prepared.corpus.works, "seed": prepared.corpus.seed, "key": prepared.corpus.key,
                   **prepared.counts, "store_mb": round(prepared.store_bytes / 2**20, 1),
                   "pagecache": prepared.pagecache, "heap": options.heap,
                   "imported_this_run": prepared.imported_now, "import_seconds": prepared.import_seconds,
                   "cache_warmed": extra["warmed"]},
        "service": {"url": service["url"], "command": service["command"], "settings": "DEBUG=false (no GraphiQL), "
                    "LOG_LEVEL=warning (no access log), 1 worker"},
        "centres": {k: v for k, v in extra["centres"].items() if k != "inprocess"},
        "cells": out_cells,
        "unavailable": extra["unavailable"],
        "peer": extra.get("peer"),
    }
    result["targets"] = report.targets(result, str(max(options.concurrency)))
    return result


def run(options: Options) -> dict[str, Any]:
    """Run the whole benchmark; print the table; save bench/results/<stamp>-<mode>.json. Returns the result."""
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    started, stamp = time.perf_counter(), dt.datetime.now(dt.UTC)
    corp = corpus.ensure_corpus(options.works, options.seed, log)
    prepared = corpus.prepare(corp, options.instance, options.port, options.heap, log)
    with graphdb.connect(prepared.instance) as driver:
        env = environment.describe(driver)
        warmed = graphdb.warm_cache(driver)
        degrees = graphdb.researcher_degrees(driver)
        entities = {"works": graphdb.work_degrees(driver) if "work_page" in options.only else [],
                    "topics": graphdb.topic_degrees(driver) if "topic_metrics" in options.only else []}
    log(f"graph: {prepared.counts['nodes']} nodes, {prepared.counts['relationships']} relationships, "
        f"{len(degrees)} researchers; store {prepared.store_bytes / 2**20:.0f} MB, page cache {prepared.pagecache}")
    cells, centres, unavailable = asyncio.run(build_cells(options, prepared, degrees, entities))
    service, peer_bodies = measure_service(options, prepared, cells)
    peers = measure_peer(options, prepared, peer_bodies) if options.peer else None
    floor = measure_floor(options, prepared, cells) if options.floor else {}
    extra = {"run": {"started": stamp.isoformat(timespec="seconds"), "mode": options.mode,
                     "seconds": round(time.perf_counter() - started, 1)},
             "environment": {**env, "load_average_end": os.getloadavg()}, "warmed": warmed, "centres": centres,
             "unavailable": unavailable, "peer": peer_description() if options.peer else None}
    result = assemble(options, prepared, cells, service, floor, extra, peers)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{stamp.strftime('%Y%m%dT%H%M%SZ')}-{options.mode}.json"
    path.write_bytes(orjson.dumps(result, option=orjson.OPT_INDENT_2))
    print(report.render_text(result))
    log(f"saved {path.relative_to(REPO)} ({result['run']['seconds']:.0f} s)")
    return result


def peer_description() -> dict[str, Any]:
    """What the peer is: the locked package versions, Node's version, the two forms."""
    lock = orjson.loads((peer.PEER / "package-lock.json").read_bytes()).get("packages", {})
    versions = {name: lock.get(f"node_modules/{name}", {}).get("version")
                for name in ("@neo4j/graphql", "@apollo/server", "graphql", "neo4j-driver")}
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    return {"versions": {**versions, "node": node}, "forms": {
        "shipped": "the driver as installed", "nodelay": "TCP_NODELAY set on every Bolt socket once connected"},
        "server": "bench/peer/server.mjs: @neo4j/graphql on @apollo/server's standalone server, NODE_ENV=production"}


def with_overrides(base: Options, **changes: Any) -> Options:
    return replace(base, **{k: v for k, v in changes.items() if v is not None})
