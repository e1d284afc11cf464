"""The synthetic OpenAlex corpus: deterministic, readable by the importer, and shaped like the real thing."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from scholargraph.importer import generate, read
from scholargraph.importer.__main__ import main as importer_main


def records(out: Path, entity: str) -> list[dict[str, Any]]:
    found = []
    for part in sorted((out / "data" / entity).rglob("part_*.gz")):
        with gzip.open(part, "rb") as handle:
            found.extend(json.loads(line) for line in handle)
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate.generate(out, works=3000, seed=5, part_size=1000)
    return out


def test_generate_same_seed_is_byte_identical(tmp_path: Path, corpus: Path) -> None:
    assert importer_main(["generate", "openalex", "--works", "3000", "--seed", "5", "--part-size", "1000",
                          str(tmp_path / "again")]) == 0
    mine = sorted(p.relative_to(corpus) for p in corpus.rglob("*") if p.is_file())
    again = sorted(p.relative_to(tmp_path / "again") for p in (tmp_path / "again").rglob("*") if p.is_file())
    assert mine == again and sum(p.name == "manifest" for p in mine) == 3
    for path in mine:
        assert (corpus / path).read_bytes() == (tmp_path / "again" / path).read_bytes(), path


def test_generate_other_seed_differs(tmp_path: Path, corpus: Path) -> None:
    generate.generate(tmp_path, works=3000, seed=6, part_size=1000)
    part = Path("data/works/updated_date=2024-01-01/part_000.gz")
    assert (tmp_path / part).read_bytes() != (corpus / part).read_bytes()


def test_generate_snapshot_layout_and_manifest(corpus: Path) -> None:
    manifest = json.loads((corpus / "data" / "works" / "manifest").read_text())
    assert manifest["meta"]["record_count"] == 3000
    assert [e["meta"]["record_count"] for e in manifest["entries"]] == [1000, 1000, 1000]
    assert manifest["entries"][0]["url"] == "s3://openalex/data/works/updated_date=2024-01-01/part_000.gz"
    kinds = Counter(r.record["id"].rsplit("/", 1)[-1][0] for r in read.read([corpus]) if r.record)
    assert kinds["W"] == 3000 and kinds["A"] > 0 and kinds["I"] > 0


def test_generate_shape(corpus: Path) -> None:
    works = records(corpus, "works")
    ids = [w["id"] for w in works]
    position = {wid: i for i, wid in enumerate(ids)}
    hub = sum(any(t["id"].endswith(f"T{generate.HUB_TOPIC}") for t in w["topics"]) for w in works)
    assert hub == generate.hub_works(3000, 0.85) == 2550
    assert generate.hub_works(120_000, 0.85) >= 100_000  # the default corpus has a topic with ≥ 100,000 works

    per_author = Counter(a["author"]["id"] for w in works for a in w["authorships"] if a["author"]["id"])
    counts = sorted(per_author.values(), reverse=True)
    assert counts[0] >= 20 * counts[len(counts) // 2]  # heavy tail: the most prolific author dwarfs the median
    assert sum(1 for c in counts if c == 1) > len(counts) // 5  # …while many authors have a single work

    internal = external = 0
    for w in works:
        for ref in w["referenced_works"]:
            if ref in position:
                assert position[ref] < position[w["id"]], "citations point to earlier works only"
                internal += 1
            else:
                external += 1
    assert internal > 5 * external > 0

    assert all(isinstance(w["abstract_inverted_index"], dict) and w["abstract_inverted_index"] for w in works)
    assert any("10.48550/arxiv." in w["doi"].lower() for w in works)
    institutions = records(corpus, "institutions")
    assert all(i["homepage_url"].startswith("https://www.") for i in institutions)
    assert any(len(i["lineage"]) > 1 for i in institutions)


def test_generate_is_fast(tmp_path: Path) -> None:
    import time

    started = time.process_time()
    stats = generate.generate(tmp_path, works=20_000, seed=1)
    assert stats.works == 20_000
    # CPU time, not wall time, so a busy shared box does not make it flaky: 20k works well under 12 s of CPU
    # means 100k well under a minute.
    assert time.process_time() - started < 12
