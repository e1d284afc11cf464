"""Smoke test of the service benchmark's pieces on a tiny generated corpus (no timing assertions)."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path
from typing import Any

import neo4j
import pytest

from scholargraph import db
from bench import capture, graphdb, report, runner, workloads
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
