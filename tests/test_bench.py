"""Smoke test of the service benchmark's pieces on a tiny generated corpus (no timing assertions)."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path
from typing import Any

import neo4j
import pytest

from scholargraph import db
from bench import capture, graphdb, peer, report, runner, workloads
from bench.floor import Replayer
from bench.load import measure
from bench.service import Service, free_port
from scholargraph.importer import generate, run
from scholargraph.settings import Settings

TINY = runner.Pace(warm_round=3, warm_max_rounds=3, warm_max_seconds=2.0, measure_requests=6,
                   measure_seconds=0.2, min_requests=3, max_seconds=3.0)


def test_degree_buckets_take_ranks_around_each_percentile() -> None:
    degrees = [{"id": f"A{i}", "name": f"N{i}", "degree": i, "works": i} for i in range(100)]
    buckets = workloads.degree_buckets(degrees, 4)
    assert [r["degree"] for r in buckets["median"]] == [47, 48, 49, 50]
    assert [r["degree"] for r in buckets["p90"]] == [87, 88, 89, 90]
    assert [r["degree"] for r in buckets["hubs"]] == [96, 97, 98, 99]


def test_waves_group_overlapping_calls() -> None:
    calls = [capture.Call([("a", {})], "r", False, 0.0, 1.0), capture.Call([("b", {})], "r", False, 0.1, 0.9),
             capture.Call([("c", {"x": 1})], "r", False, 1.2, 2.0)]
    plan = capture.waves(calls)
    assert [[step["statements"][0][0] for step in wave] for wave in plan] == [["a", "b"], ["c"]]
    assert capture.cypher_ms(calls) == pytest.approx(1800.0)


async def test_run_cell_warms_up_then_measures() -> None:
    sent: list[int] = []

    async def send(index: int) -> bool:
        sent.append(index)
        await asyncio.sleep(0)
        return index != 1  # one item fails: counted as an error, not a latency

    result = await runner.run_cell(send, 3, 2, TINY)
    assert result["warmup"]["rounds"] >= 2
    assert result["n"] >= TINY.min_requests and result["errors"] >= 1
    assert result["p50_ms"] <= result["p99_ms"] <= result["max_ms"]
    assert set(sent) == {0, 1, 2}


@pytest.fixture
async def tiny_corpus(clean_graph: neo4j.Driver, settings: Settings, tmp_path: Path) -> list[dict[str, Any]]:
    """40 generated works imported through the importer; returns the researchers by degree."""
    generate.generate(tmp_path / "corpus", works=40, seed=3)
    async with db.connect(settings) as graph:
        await run.import_paths([tmp_path / "corpus"], graph, progress=False)
    return graphdb.researcher_degrees(clean_graph)


async def test_capture_floor_and_load_on_tiny_corpus(tiny_corpus: list[dict[str, Any]], settings: Settings) -> None:
    rng = random.Random(1)
    buckets = workloads.degree_buckets(tiny_corpus, 2)
    texts = workloads.search_texts(tiny_corpus, 2, rng)
    pairs = workloads.random_pairs(tiny_corpus, 4, rng)
    driver = db.open_driver(settings)
    try:
        capturer = capture.Capturer(driver, settings.neo4j_database)
        usable = workloads.available(capturer.query_fields())
        assert usable["profile"] and usable["search"] and usable["works_page"]
        cells: list[workloads.Cell] = []
        for cell in workloads.base_cells(buckets, texts, pairs, usable):
            if cell.workload == "works_page":
                await capture.prepare_works_pages(capturer, cell)
            cells.extend(await capture.split_paths(capturer, cell) if cell.workload == "connection_path"
                         else [cell])
        for cell in cells:
            await capturer.fill(cell, timing_repeats=0)
            assert cell.error is None, cell.error
            assert len(cell.plans) == len(cell.requests)
            # Bounded round trips whatever the centre: a handful of statements per request.
            assert 1 <= max(cell.round_trips) <= 6, (cell.key, cell.round_trips)
        profile = next(c for c in cells if c.workload == "profile")
        replayer = Replayer(driver, settings.neo4j_database)
        assert await replayer.plan(profile.plans[0])
        floor = await runner.run_cell(lambda i: replayer.plan(profile.plans[i]), len(profile.plans), 2, TINY)
        assert floor["errors"] == 0 and floor["n"] >= TINY.min_requests
    finally:
        await driver.close()

    service = Service(settings.neo4j_uri, str(settings.neo4j_password), free_port(0), settings.neo4j_database)
    await asyncio.to_thread(service.start)
    try:
        load = await measure(service.url, TINY, {"concurrency": 2, "bodies": [
            {"query": r.document, "variables": r.variables} for r in profile.requests]})
    finally:
        await asyncio.to_thread(service.stop)
    assert load["errors"] == 0 and load["n"] >= TINY.min_requests

    result: dict[str, Any] = {"cells": [{"workload": "profile", "bucket": profile.bucket, "error": None,
                                         "round_trips": {"mean": 2.0, "max": 2},
                                         "by_concurrency": {"2": {"service": load, "floor": floor}}}],
                              "unavailable": ["connection_path"]}
    report.attach_ratios(result["cells"][0])
    result["targets"] = report.targets(result, "2")
    text = report.render_text(result)
    assert "profile" in text and "not available" in text
    assert report.render_markdown(result).startswith("| workload |")


async def test_peer_answers_the_same_facts_and_is_measured(tiny_corpus: list[dict[str, Any]], settings: Settings,
                                                           clean_graph: neo4j.Driver) -> None:
    """@neo4j/graphql on the tiny corpus: the facts check passes, a changed answer fails it, both forms serve load."""
    rng = random.Random(2)
    buckets = workloads.degree_buckets(tiny_corpus, 2)
    texts = workloads.search_texts(tiny_corpus, 2, rng)
    pairs = workloads.random_pairs(tiny_corpus, 3, rng)
    usable = {name: name in peer.EXPRESSIBLE for name in workloads.WORKLOADS}
    works = workloads.work_buckets(graphdb.work_degrees(clean_graph), 2)
    topics = workloads.topic_buckets(graphdb.topic_degrees(clean_graph), 2)
    cells = workloads.base_cells({"hubs": buckets["hubs"]}, texts, pairs, usable, works, topics)
    assert {c.workload for c in cells} == set(peer.EXPRESSIBLE)
    await asyncio.to_thread(peer.install)
    password = str(settings.neo4j_password)
    service = Service(settings.neo4j_uri, password, free_port(0), settings.neo4j_database)
    servers = [peer.PeerService(settings.neo4j_uri, password, free_port(0), form, settings.neo4j_database)
               for form in peer.FORMS]
    await asyncio.to_thread(service.start)
    try:
        for server in servers:
            await asyncio.to_thread(server.start)
        bodies = await asyncio.to_thread(peer.check_facts, cells, service.url, servers[0].url, lambda _m: None)
        assert set(bodies) == {c.key for c in cells}
        profile = next(c for c in cells if c.workload == "profile")
        answer = peer.post(servers[0].url, bodies[profile.key][0])
        assert peer.facts("profile", answer["data"], True)["works"]["totalCount"] >= 1

        # A peer that answers other facts stops the run: ask it about another researcher.
        other = next(r["id"] for r in tiny_corpus if r["id"] != profile.requests[0].variables["id"])
        wrong = workloads.Cell("profile", "wrong", [workloads.Request("profile", {"id": other})])
        first_id = profile.requests[0].variables["id"]
        with pytest.raises(peer.FactsMismatch):
            await asyncio.to_thread(peer.check_facts, [wrong], service.url, servers[0].url, lambda _m: None,
                                    lambda workload, variables: peer.request(workload, {**variables, "id": first_id}))

        for server in servers:
            load = await measure(server.url, TINY, {"concurrency": 2, "bodies": bodies[profile.key]}, "/")
            assert load["errors"] == 0 and load["n"] >= TINY.min_requests
    finally:
        for server in servers:
            await asyncio.to_thread(server.stop)
        await asyncio.to_thread(service.stop)


def test_report_sets_ours_beside_the_peer() -> None:
    def side(p50: float, rps: float) -> dict[str, Any]:
        return {"n": 10, "p50_ms": p50, "p95_ms": p50, "p99_ms": p50 * 2, "rps": rps}

    cell = {"workload": "profile", "bucket": "hubs", "error": None, "peer": "measured",
            "round_trips": {"mean": 1.0, "max": 1},
            "by_concurrency": {"1": {"service": side(4.0, 250), "floor": side(2.0, 500),
                                     "peer": {"shipped": side(50.0, 20), "nodelay": side(8.0, 125)}}}}
    slice_cell = {"workload": "graph_slice", "bucket": "hubs", "error": None, "peer": peer.NOT_EXPRESSIBLE[
        "graph_slice"], "round_trips": {"mean": 2.0, "max": 2}, "by_concurrency": {"1": {"service": side(30, 33)}}}
    report.attach_ratios(cell)
    assert cell["by_concurrency"]["1"]["ratio_p50_nodelay"] == pytest.approx(0.5)
    assert cell["by_concurrency"]["1"]["ratio_rps_nodelay"] == pytest.approx(2.0)
    result = {"cells": [cell, slice_cell], "unavailable": []}
    verdicts = {t["target"]: t for t in report.targets(result, "1")}
    assert verdicts["p50 at c=1 ≤ peer's"]["met"] and verdicts["req/s at c=1 ≥ 1.5× peer's"]["met"]
    assert not verdicts["profile p50 ≤ 1.5× floor at c=1"]["met"]  # 2.0× the floor
    markdown = report.render_markdown(result)
    assert "| profile | hubs | 1 | 4.0 | 8.0 | 250 | 50.0 |" in markdown
    assert "not expressible" in markdown


def test_bench_statements_never_shadow_the_service_s() -> None:
    # BenchGraph runs bench/queries/<name>.cypher in place of the service's statement of the same name, so a shared
    # name would silently change what the service's own code (the seed loader, the importer) runs inside the bench.
    repo = Path(__file__).resolve().parents[1]
    bench_names = {path.stem for path in (repo / "bench" / "queries").glob("*.cypher")}
    service_names = {path.stem for path in (repo / "cypher").rglob("*.cypher")}
    assert bench_names and service_names
    assert bench_names & service_names == set()
