"""Stored per-year counts of topics, sources and institutions (importer/year_counts.py, docs/metrics.md).

Stored == live for every entity after the sample import, a re-import, updates (a work's year, citations, topics,
source and authors; a new affiliation from an author record), merged ids and two overlapping imports; reads use the
stored values in one round trip and fall back to the live computation for an entity that has none; the maintenance
command backfills a database imported before they were stored.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import neo4j

from scholargraph import db
from scholargraph.importer import year_counts
from scholargraph.settings import Settings
from tests.conftest import cypher_rows, execute_counted, wipe
from tests.test_importer import SAMPLE_PATHS
from tests.test_integrity import import_file, import_sync, work, write_jsonl

REPO = Path(__file__).resolve().parent.parent

STORED = ("metricsWorksCount", "metricsCitedByCount", "metricsYears", "metricsYearWorks", "metricsYearCitations")
STORED_QUERY = """
MATCH (n) WHERE n:Topic OR n:Source OR n:Institution
RETURN CASE WHEN n:Topic THEN 'Topic' WHEN n:Source THEN 'Source' ELSE 'Institution' END AS kind, n.id AS id, n.metricsWorksCount AS worksCount, n.metricsCitedByCount AS citedByCount,
       n.metricsYears AS years, n.metricsYearWorks AS yearWorks, n.metricsYearCitations AS yearCitations
"""


def stored(driver: neo4j.Driver, settings: Settings) -> dict[tuple[str, str], dict[str, Any]]:
    return {(row["kind"], row["id"]): row for row in cypher_rows(driver, settings, STORED_QUERY)}


def live(settings: Settings) -> dict[tuple[str, str], dict[str, Any]]:
    async def go() -> list[dict[str, Any]]:
        async with db.connect(settings) as graph:
            return await graph.read("year_counts_live", rows=await year_counts.pending(graph, every=True))

    return {(row["kind"], row["id"]): row for row in asyncio.run(go())}


def assert_stored_equals_live(driver: neo4j.Driver, settings: Settings) -> dict[tuple[str, str], dict[str, Any]]:
    """Every topic, source and institution has stored counts, equal to counts computed from its works now."""
    held, computed = stored(driver, settings), live(settings)
    assert held.keys() == computed.keys()
    missing = [key for key, row in held.items() if row["years"] is None]
    assert not missing, f"no stored counts: {missing[:5]}"
    wrong = [key for key in held if held[key] != computed[key]]
    assert not wrong, [(key, held[key], computed[key]) for key in wrong[:3]]
    return held


def institution(iid: str) -> dict[str, Any]:
    return {"id": f"https://openalex.org/{iid}", "display_name": f"Institution {iid}", "ror": None,
            "country_code": "DE", "type": "education", "lineage": [f"https://openalex.org/{iid}"]}


def record(wid: str, authors: list[str], topics: list[str], *, year: int = 2020, source: str | None = "S1",
           cited: int = 0, counts: dict[int, int] | None = None, updated: str = "2024-01-01",
           affiliations: dict[str, str] | None = None) -> dict[str, Any]:
    """A work with a venue, OpenAlex citation counts and authorship institutions (author → institution id)."""
    out = work(wid, authors, [(t, 0.8) for t in topics], year=year, updated=updated,
               institutions={a: institution(i) for a, i in (affiliations or {}).items()})
    if source:
        out["primary_location"] = {"source": {"id": f"https://openalex.org/{source}", "type": "journal",
                                              "display_name": f"Journal {source}", "issn_l": None}}
    out["cited_by_count"] = cited
    out["counts_by_year"] = [{"year": y, "cited_by_count": c} for y, c in sorted((counts or {}).items())]
    return out


def author(aid: str, institutions: list[str], updated: str = "2024-02-01") -> dict[str, Any]:
    return {"id": f"https://openalex.org/{aid}", "display_name": f"Author {aid}", "updated_date": updated,
            "affiliations": [{"institution": institution(i), "years": [2021]} for i in institutions]}


def corpus() -> list[dict[str, Any]]:
    return [
        record("W1", ["A1", "A2"], ["T1", "T2"], year=2019, source="S1", cited=7, counts={2020: 3, 2021: 4},
               affiliations={"A1": "I1", "A2": "I2"}),
        record("W2", ["A1", "A3"], ["T1"], year=2020, source="S1", cited=2, counts={2021: 2},
               affiliations={"A1": "I1", "A3": "I3"}),
        record("W3", ["A2", "A3"], ["T2"], year=2021, source="S2", cited=5, counts={2021: 1, 2022: 4},
               affiliations={"A2": "I2"}),
        record("W4", ["A4"], ["T3"], year=2018, source=None, cited=0),
    ]


# --- tests --------------------------------------------------------------------------------------------------------

def test_sample_import_and_reimport_store_counts_equal_to_live(sample_graph: neo4j.Driver, settings: Settings) -> None:
    # sample_graph is the whole sample as the importer left it (imported once per session).
    first = assert_stored_equals_live(sample_graph, settings)
    assert any(row["citedByCount"] for row in first.values()) and any(row["years"] for row in first.values())
    summary = import_sync(settings, SAMPLE_PATHS)  # every work is rewritten (equal dates): dropped per batch, recomputed
    assert summary.year_counts > 0
    assert assert_stored_equals_live(sample_graph, settings) == first


def test_updates_keep_stored_counts_fresh(clean_graph: neo4j.Driver, settings: Settings, tmp_path: Path) -> None:
    import_sync(settings, [write_jsonl(tmp_path / "works.jsonl", corpus())])
    held = assert_stored_equals_live(clean_graph, settings)
    assert held[("Topic", "T1")] | {"kind": "", "id": ""} == {
        "kind": "", "id": "", "worksCount": 2, "citedByCount": 9, "years": [2019, 2020, 2021],
        "yearWorks": [1, 1, 0], "yearCitations": [0, 3, 6]}
    # Institutions count their researchers' works once each: I1 (A1) has W1 and W2, I3 (A3) has W2 and W3.
    assert held[("Institution", "I1")]["worksCount"] == 2 and held[("Institution", "I3")]["worksCount"] == 2
    assert held[("Source", "S2")]["worksCount"] == 1 and held[("Topic", "T3")]["citedByCount"] == 0

    # W1 moves year, gains citations, leaves T1 for T3, S1 for S2 and loses A1; W2 loses its source.
    updated = [
        record("W1", ["A2"], ["T2", "T3"], year=2022, source="S2", cited=20, counts={2022: 11, 2023: 9},
               updated="2024-03-01", affiliations={"A2": "I2"}),
        record("W2", ["A1", "A3"], ["T1"], year=2020, source=None, cited=2, counts={2021: 2}, updated="2024-03-01",
               affiliations={"A1": "I1", "A3": "I3"}),
    ]
    import_sync(settings, [write_jsonl(tmp_path / "update.jsonl", updated)])
    after = assert_stored_equals_live(clean_graph, settings)
    assert after[("Topic", "T1")]["worksCount"] == 1 and after[("Topic", "T3")]["citedByCount"] == 20
    assert after[("Source", "S1")]["worksCount"] == 0 and after[("Source", "S2")]["worksCount"] == 2
    assert after[("Institution", "I1")]["worksCount"] == 1  # W2 only: A1 left W1

    # An author record adds an affiliation: A4's work now counts for I4.
    import_sync(settings, [write_jsonl(tmp_path / "authors.jsonl", [author("A4", ["I4", "I1"])])])
    after = assert_stored_equals_live(clean_graph, settings)
    assert after[("Institution", "I4")]["worksCount"] == 1 and after[("Institution", "I1")]["worksCount"] == 2

    # Merged ids of every kind: the survivors carry the old entities' works.
    folder = tmp_path / "data" / "merged_ids"
    for entity, rows in (("authors", "A3,A4"), ("works", "W3,W4"), ("institutions", "I2,I3"), ("topics", "T1,T3")):
        (folder / entity).mkdir(parents=True)
        old, new = rows.split(",")
        (folder / entity / "2024-05-01.csv").write_text(f"merge_date,id,merge_into_id\n2024-05-01,{old},{new}\n")
    summary = import_sync(settings, [tmp_path / "data"])
    assert summary.written["merged ids"] == 4
    after = assert_stored_equals_live(clean_graph, settings)
    assert ("Topic", "T1") not in after and ("Institution", "I2") not in after
    assert after[("Topic", "T3")]["worksCount"] == 3  # W1, W2 and W4 (W3 merged into it)


def test_overlapping_imports_store_what_a_serial_import_stores(clean_graph: neo4j.Driver, settings: Settings,
                                                              tmp_path: Path) -> None:
    shared = [record(f"W{n}", ["A1", f"A{10 + n % 3}"], ["T1", f"T{2 + n % 2}"], year=2000 + n % 7,
                     source=f"S{n % 3}", cited=n, counts={2020 + n % 4: n}, affiliations={"A1": f"I{n % 2}"})
              for n in range(30)]
    left = [record(f"W{100 + n}", ["A1", "A20"], ["T1"], source="S0", cited=1, counts={2021: 1},
                   affiliations={"A20": "I5"}) for n in range(8)]
    right = [record(f"W{200 + n}", ["A10", "A21"], ["T2"], source="S1", cited=2, counts={2022: 2},
                    affiliations={"A21": "I5", "A10": "I1"}) for n in range(8)]
    files = (write_jsonl(tmp_path / "left.jsonl", shared + left),
             write_jsonl(tmp_path / "right.jsonl", list(reversed(shared)) + right))
    import_sync(settings, list(files))
    serial = assert_stored_equals_live(clean_graph, settings)

    async def both() -> None:
        await asyncio.gather(import_file(settings, [files[0]], batch_size=7),
                             import_file(settings, [files[1]], batch_size=5))

    for trial in range(3):
        wipe(clean_graph, settings.neo4j_database)
        asyncio.run(both())
        assert assert_stored_equals_live(clean_graph, settings) == serial, f"trial {trial}"


TOPIC = "query($id: ID!) { topic(id: $id) { id metrics { worksCount citedByCount countsByYear { year works citations } } } }"
SOURCE = "query($id: ID!) { source(id: $id) { id metrics { worksCount citedByCount countsByYear { year works citations } } } }"
INSTITUTION = ("query($id: ID!) { institution(id: $id) { id metrics { worksCount citedByCount "
               "countsByYear { year works citations } } } }")


ENTITIES = ((TOPIC, "topic", "T1"), (SOURCE, "source", "S1"), (INSTITUTION, "institution", "I1"))
# The topic comes with its counts (topic_read_by_ids); a source or an institution, then its counts.
ROUND_TRIPS = {"topic": 1, "source": 2, "institution": 2}


async def test_reads_use_stored_counts_and_fall_back_to_live(clean_graph: neo4j.Driver, settings: Settings,
                                                             graph: db.Graph, tmp_path: Path) -> None:
    await import_file(settings, [write_jsonl(tmp_path / "works.jsonl", corpus())])
    expected = {}
    for document, key, entity_id in ENTITIES:
        data, _ = await execute_counted(graph, document, {"id": entity_id})
        assert graph.round_trips == ROUND_TRIPS[key]
        expected[entity_id] = data[key]["metrics"]
    assert expected["T1"] == {"worksCount": 2, "citedByCount": 9, "countsByYear": [
        {"year": 2019, "works": 1, "citations": 0}, {"year": 2020, "works": 1, "citations": 3},
        {"year": 2021, "works": 0, "citations": 6}]}

    # The stored values are what a read returns (set by hand here to tell them apart) ...
    clean_graph.execute_query("MATCH (n) WHERE n.id IN ['T1', 'S1', 'I1'] SET n.metricsWorksCount = 99, "
                              "n.metricsYears = [1999], n.metricsYearWorks = [98], n.metricsYearCitations = [97]",
                              database_=settings.neo4j_database)
    for document, key, entity_id in ENTITIES:
        data, _ = await execute_counted(graph, document, {"id": entity_id})
        assert graph.round_trips == ROUND_TRIPS[key]
        assert data[key]["metrics"]["worksCount"] == 99
        assert data[key]["metrics"]["countsByYear"] == [{"year": 1999, "works": 98, "citations": 97}]

    # ... and without them (a database imported before they were stored) the read computes them from the works.
    clean_graph.execute_query(f"MATCH (n) WHERE n:Topic OR n:Source OR n:Institution REMOVE {', '.join(f'n.{p}' for p in STORED)}",
                              database_=settings.neo4j_database)
    for document, key, entity_id in ENTITIES:
        data, _ = await execute_counted(graph, document, {"id": entity_id})
        assert graph.round_trips == ROUND_TRIPS[key]
        assert data[key]["metrics"] == expected[entity_id]


def test_maintenance_backfills_a_database_without_stored_counts(clean_graph: neo4j.Driver, settings: Settings,
                                                               tmp_path: Path) -> None:
    import_sync(settings, [write_jsonl(tmp_path / "works.jsonl", corpus())])
    before = stored(clean_graph, settings)
    clean_graph.execute_query(f"MATCH (n) WHERE n:Topic OR n:Source OR n:Institution REMOVE {', '.join(f'n.{p}' for p in STORED)}",
                              database_=settings.neo4j_database)
    env = dict(os.environ, PYTHONPATH=str(REPO))

    def backfill(*extra: str) -> str:
        return subprocess.run([sys.executable, "-m", "scholargraph.cli.main", "maintenance", "year-counts",
                               "--instance", "test", *extra], cwd=REPO, env=env, capture_output=True, text=True,
                              check=True).stdout

    assert f"stored per-year counts for {len(before)} topics" in backfill()
    assert assert_stored_equals_live(clean_graph, settings) == before
    clean_graph.execute_query("MATCH (n:Topic {id: 'T1'}) SET n.metricsWorksCount = 99",
                              database_=settings.neo4j_database)
    assert "stored per-year counts for 0 topics" in backfill()  # only entities without stored counts
    assert stored(clean_graph, settings)[("Topic", "T1")]["worksCount"] == 99
    assert f"stored per-year counts for {len(before)} topics" in backfill("--all")
    assert assert_stored_equals_live(clean_graph, settings) == before
