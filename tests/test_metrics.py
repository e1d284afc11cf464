"""Citation metrics on a researcher built with known citation counts, through the importer's real write path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import neo4j

from scholargraph.importer import run
from scholargraph.schema.metrics import h_index, i10_index

OA = "https://openalex.org/"
METRICS = """query($id: ID!) { researcher(id: $id) { metrics {
  worksCount citedByCount hIndex i10Index countsByYear { year works citations }
  reported { worksCount citedByCount hIndex i10Index } } } }"""


def work(n: int, cited: int, year: int, *, author: str = "A9000000001", refs: list[int] | None = None,
         updated: str = "2025-01-01T00:00:00", by_year: list[tuple[int, int]] | None = None) -> dict[str, Any]:
    return {"id": f"{OA}W90000000{n:02d}", "title": f"Work {n}", "publication_year": year,
            "publication_date": f"{year}-06-01", "type": "article", "cited_by_count": cited,
            "counts_by_year": [{"year": y, "cited_by_count": c} for y, c in by_year or []],
            "authorships": [{"author": {"id": OA + author, "display_name": "Known Counts"},
                             "author_position": "first", "institutions": []}],
            "referenced_works": [f"{OA}W90000000{r:02d}" for r in refs or []], "updated_date": updated}


async def write(tmp_path: Path, graph, name: str, records: list[dict[str, Any]]) -> None:
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    summary = await run.import_paths([path], graph, progress=False)
    assert summary.rejected == 0


def test_definitions() -> None:
    assert h_index([]) == 0 and i10_index([]) == 0
    assert h_index([0, 0]) == 0
    assert h_index([10, 8, 5, 4, 3]) == 4
    assert h_index([25, 8, 5, 3, 3]) == 3
    assert h_index([100]) == 1
    assert i10_index([10, 9, 11, 100]) == 3


async def test_h_index_and_i10_match_the_definitions_and_stay_exact(clean_graph: neo4j.Driver, graph, gql,
                                                                     tmp_path: Path) -> None:
    counts = [25, 12, 10, 5, 4, 0]
    records = [work(i + 1, c, 2018 + i, by_year=[(2024, c // 2), (2025, c - c // 2)]) for i, c in enumerate(counts)]
    author = {"id": OA + "A9000000001", "display_name": "Known Counts", "works_count": 40, "cited_by_count": 900,
              "summary_stats": {"h_index": 11, "i10_index": 13, "2yr_mean_citedness": 2.0},
              "updated_date": "2025-01-01T00:00:00"}
    await write(tmp_path, graph, "first", [*records, author])
    metrics = (await gql(METRICS, {"id": "A9000000001"}))["researcher"]["metrics"]
    assert (metrics["worksCount"], metrics["citedByCount"]) == (6, sum(counts))
    assert (metrics["hIndex"], metrics["i10Index"]) == (4, 3) == (h_index(counts), i10_index(counts))
    by_year = {row["year"]: row for row in metrics["countsByYear"]}
    assert [by_year[y]["works"] for y in range(2018, 2024)] == [1] * 6
    assert by_year[2024]["citations"] == sum(c // 2 for c in counts)
    assert by_year[2025]["citations"] == sum(c - c // 2 for c in counts)
    assert metrics["reported"] == {"worksCount": 40, "citedByCount": 900, "hIndex": 11, "i10Index": 13}

    # A newer copy of the work with 4 citations now has 11: h goes to 5 (25, 12, 11, 10, 5), i10 to 4.
    await write(tmp_path, graph, "update", [work(5, 11, 2022, updated="2025-06-01T00:00:00")])
    metrics = (await gql(METRICS, {"id": "A9000000001"}))["researcher"]["metrics"]
    updated = [25, 12, 10, 5, 11, 0]
    assert (metrics["hIndex"], metrics["i10Index"], metrics["citedByCount"]) == (5, 4, sum(updated))

    # Imported works citing the uncited one count when the graph knows more than the record says (6 > 0);
    # a seventh raises the citations of work 4 (5 on its record) to 7 and h to 6.
    citing = [work(10 + i, 0, 2024, author="A9000000002", refs=[6]) for i in range(6)]
    await write(tmp_path, graph, "citing", citing)
    metrics = (await gql(METRICS, {"id": "A9000000001"}))["researcher"]["metrics"]
    updated[5] = 6
    assert (metrics["hIndex"], metrics["i10Index"], metrics["citedByCount"]) == (5, 4, sum(updated))
    assert h_index(updated) == 5
    hits = await gql('{ search(text: "Known Counts", kinds: [RESEARCHER]) { node { ... on Researcher { id '
                     'metrics { hIndex citedByCount } } } } }')
    assert hits["search"][0]["node"]["metrics"] == {"hIndex": 5, "citedByCount": sum(updated)}  # batched loader
    await write(tmp_path, graph, "more", [work(20 + i, 0, 2025, author="A9000000003", refs=[4, 6]) for i in range(7)])
    metrics = (await gql(METRICS, {"id": "A9000000001"}))["researcher"]["metrics"]
    updated[3], updated[5] = 7, 13
    assert (metrics["hIndex"], metrics["i10Index"], metrics["citedByCount"]) == (6, 5, sum(updated))


async def test_metrics_cost_one_round_trip_whatever_the_number_of_works(clean_graph: neo4j.Driver, graph, gql,
                                                                         tmp_path: Path) -> None:
    await write(tmp_path, graph, "few", [work(1, 3, 2020)])
    before = graph.round_trips
    await gql(METRICS, {"id": "A9000000001"})
    few = graph.round_trips - before
    await write(tmp_path, graph, "many", [work(n, n, 2000 + n) for n in range(2, 60)])
    before = graph.round_trips
    metrics = (await gql(METRICS, {"id": "A9000000001"}))["researcher"]["metrics"]
    assert metrics["worksCount"] == 59
    assert graph.round_trips - before == few == 1  # the researcher statement fetches the metrics part
    # a batch look-up reads the same selection-aware statement
    before = graph.round_trips
    data = await gql('{ nodes(ids: ["A9000000001", "A0"]) { ... on Researcher { metrics { worksCount hIndex } } } }')
    assert data["nodes"] == [{"metrics": {"worksCount": 59, "hIndex": metrics["hIndex"]}}, None]
    assert graph.round_trips - before == 1
