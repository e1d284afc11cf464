"""Write a synthetic OpenAlex snapshot with a realistic shape, deterministically for a seed.

Layout (what `scholargraph import openalex OUT` reads): `OUT/data/<entity>/updated_date=2024-01-01/part_NNN.gz`
for works, authors and institutions, each entity folder with a Redshift-style `manifest`. Gzip headers carry no
timestamp or file name, so the same arguments give byte-identical files.

Shape:
* authors per work: 1 + a geometric draw (mean about 3.3, at most 15); the first author is drawn with weight
  (rank+1)^-0.5, so works per author follow a power law (Lotka-like, the most prolific author has a few hundred
  works at 100k works); co-authors come mostly from the first author's team of 8, so pairs repeat and co-authors
  per author are power-law distributed too;
* topics: a 4-domain/20-field/80-subfield hierarchy; the hub topic T10001 is on exactly
  floor(works × hub_share) works (default 0.85: 102,000 of the default 120,000 works, so a topic with more than
  100,000 works exists for the hub benchmark); 1-2 more topics per work drawn by Zipf rank, so a few other
  topics are hubs too; 2 % of works also carry OpenAlex's junk default topic T14423 at score 0.0184 (dropped
  on import);
* institutions (one per 40 authors; one author per work on average) with homepage URLs (→ `domains`), ROR ids and, for one in ten, a parent in
  `lineage`;
* citations only to earlier works (mostly recent ones), about one in ten to works outside the corpus (stubs);
* abstracts as inverted indexes; one work in ten an arXiv preprint (DOI 10.48550/arxiv.…).
"""

from __future__ import annotations

import gzip
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

OPENALEX = "https://openalex.org/"
UPDATED = "2024-01-01"
UPDATED_DATE = f"{UPDATED}T00:00:00"
HUB_TOPIC = 10001
JUNK_TOPIC = 14423
WORK_BASE, AUTHOR_BASE, INSTITUTION_BASE, SOURCE_BASE = 3_000_000_000, 5_000_000_000, 4_000_000_000, 4_300_000_000
EXTERNAL_BASE = 9_000_000_000
TEAM = 8
SYLLABLES = ("ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "va", "shi", "zu", "ren", "mar", "tel", "qui",
             "bra", "dor", "fen", "gal", "hon", "jis", "kel", "lum", "nor", "pex", "rud", "sol", "tur", "vin")
COUNTRIES = ("US", "CN", "GB", "DE", "JP", "FR", "IN", "BR", "CA", "IT", "ES", "KR", "AU", "NL", "SE", "CH")
INSTITUTION_TYPES = ("education", "education", "education", "facility", "healthcare", "company", "government")
WORK_TYPES = ("article", "article", "article", "article", "review", "book-chapter", "dataset", "dissertation")


@dataclass
class Stats:
    out: Path
    works: int = 0
    authors: int = 0
    institutions: int = 0
    hub_works: int = 0
    references: int = 0
    files: list[Path] = field(default_factory=list)

    def render(self) -> str:
        return (f"generated {self.works} works, {self.authors} authors, {self.institutions} institutions in "
                f"{self.out}/data ({len(self.files)} files); hub topic T{HUB_TOPIC} on {self.hub_works} works; "
                f"{self.references} references")


def hub_works(works: int, hub_share: float) -> int:
    """How many works carry the hub topic: floor(works × hub_share)."""
    return int(works * hub_share)


def _carries_hub(index: int, works: int, hub_share: float) -> bool:
    # Spread evenly and exactly: work i carries the hub when floor((i+1)·s) steps past floor(i·s).
    return int((index + 1) * hub_share) > int(index * hub_share) if index < works else False


class _World:
    """The fixed entities (authors, institutions, sources, topics, vocabulary) a corpus draws from."""

    def __init__(self, works: int, rng: random.Random) -> None:
        self.rng = rng
        self.authors = max(TEAM * 2, works)
        self.institutions = max(5, self.authors // 40)
        self.sources = max(5, works // 200)
        self.topics = max(30, min(400, works // 50))
        self.author_weights = list(itertools.accumulate((rank + 1) ** -0.5 for rank in range(self.authors)))
        self.topic_weights = list(itertools.accumulate(1.0 / rank for rank in range(1, self.topics)))
        self.source_weights = list(itertools.accumulate((rank + 1) ** -0.8 for rank in range(self.sources)))
        self.words = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES[:8]]
        self.word_weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(self.words))))
        self.topic_records = [self._topic(t) for t in range(self.topics)]
        self.institution_records = [self._institution(i) for i in range(self.institutions)]

    def name(self, index: int, parts: int = 2) -> str:
        rng = random.Random(index * 7919 + parts)
        return " ".join(rng.choice(SYLLABLES).capitalize() + rng.choice(SYLLABLES) for _ in range(parts))

    def _topic(self, t: int) -> dict[str, Any]:
        subfield = t % 80
        fld = subfield // 4
        domain = fld // 5
        return {
            "id": f"{OPENALEX}T{HUB_TOPIC + t}", "display_name": f"Topic {self.name(t, 3)}",
            "subfield": {"id": f"{OPENALEX}subfields/{1000 + subfield}", "display_name": f"Subfield {subfield}"},
            "field": {"id": f"{OPENALEX}fields/{10 + fld}", "display_name": f"Field {fld}"},
            "domain": {"id": f"{OPENALEX}domains/{1 + domain}", "display_name": f"Domain {domain}"},
        }

    def _institution(self, i: int) -> dict[str, Any]:
        own = f"{OPENALEX}I{INSTITUTION_BASE + i}"
        lineage = [own]
        parents = max(1, self.institutions // 10)
        if i >= parents and i % 10 == 0:
            lineage.append(f"{OPENALEX}I{INSTITUTION_BASE + i % parents}")
        return {"id": own, "display_name": f"University of {self.name(i + 100_000)}",
                "ror": f"https://ror.org/0{i:07x}", "country_code": COUNTRIES[i % len(COUNTRIES)],
                "type": INSTITUTION_TYPES[i % len(INSTITUTION_TYPES)], "lineage": lineage}

    def institution_of(self, author: int) -> int:
        return (author // TEAM * 7919 + author % 3) % self.institutions


def _authors(world: _World, rng: random.Random) -> list[int]:
    count = 1
    while count < 15 and rng.random() < 0.68:
        count += 1
    first = rng.choices(range(world.authors), cum_weights=world.author_weights)[0]
    team = first - first % TEAM
    chosen = [first]
    while len(chosen) < count:
        if rng.random() < 0.7:
            candidate = team + rng.randrange(TEAM)
            candidate = candidate if candidate < world.authors else first
        else:
            candidate = rng.choices(range(world.authors), cum_weights=world.author_weights)[0]
        if candidate not in chosen:
            chosen.append(candidate)
        elif rng.random() < 0.3:
            break
    return chosen


def _abstract(world: _World, rng: random.Random) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    words = rng.choices(world.words, cum_weights=world.word_weights, k=rng.randint(40, 120))
    for position, word in enumerate(words):
        index.setdefault(word, []).append(position)
    return index


def _topics(world: _World, rng: random.Random, hub: bool) -> list[dict[str, Any]]:
    wanted = rng.randint(1, 2)
    picks: set[int] = set()
    while len(picks) < wanted:
        # Non-hub topics by Zipf rank (1…): the hub's count stays exactly floor(works × hub_share).
        picks.add(rng.choices(range(1, world.topics), cum_weights=world.topic_weights)[0])
    if hub:
        picks.add(0)
    scored = sorted(((round(rng.uniform(0.3, 1.0), 4), t) for t in sorted(picks)), reverse=True)
    return [{**world.topic_records[t], "score": score} for score, t in scored]


def _work(world: _World, rng: random.Random, index: int, works: int, hub_share: float,
          used: bytearray) -> dict[str, Any]:
    work_id = WORK_BASE + index
    year = 1990 + index * 35 // max(works, 1)
    date = f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    preprint = rng.random() < 0.1
    doi = (f"https://doi.org/10.48550/arXiv.{year % 100:02d}{date[5:7]}.{index % 100000:05d}" if preprint
           else f"https://doi.org/10.5555/SG.{index}")
    authorships = []
    authors = _authors(world, rng)
    for position, author in enumerate(authors):
        used[author] = 1
        inst = world.institution_records[world.institution_of(author)]
        authorships.append({
            "author_position": "first" if position == 0 else "last" if position == len(authors) - 1 else "middle",
            "author": {"id": f"{OPENALEX}A{AUTHOR_BASE + author}", "display_name": world.name(author),
                       "orcid": f"https://orcid.org/0000-0002-{author // 10000 % 10000:04d}-{author % 10000:04d}"
                       if author % 3 == 0 else None},
            "institutions": [inst],
            "countries": [inst["country_code"]],
            "is_corresponding": position == 0,
            "raw_author_name": world.name(author),
        })
    if rng.random() < 0.02:  # a corporate author OpenAlex could not match: no author id
        if len(authorships) > 1:
            authorships[-1]["author_position"] = "middle"
        authorships.append({"author_position": "last", "author": {"id": None, "display_name": "Editorial Board",
                            "orcid": None}, "institutions": [], "countries": [], "is_corresponding": False,
                            "raw_author_name": "Editorial Board"})
    topics = _topics(world, rng, _carries_hub(index, works, hub_share))
    if rng.random() < 0.02:
        topics.append({**world.topic_records[JUNK_TOPIC % world.topics], "id": f"{OPENALEX}T{JUNK_TOPIC}",
                       "display_name": "Military Technology and Strategies", "score": 0.0184})
    references = _references(rng, index)
    source = rng.choices(range(world.sources), cum_weights=world.source_weights)[0]
    title = " ".join(rng.choices(world.words, cum_weights=world.word_weights, k=rng.randint(4, 12))).capitalize()
    return {
        "id": f"{OPENALEX}W{work_id}", "doi": doi, "title": title, "display_name": title,
        "publication_year": year, "publication_date": date,
        "ids": {"openalex": f"{OPENALEX}W{work_id}", "doi": doi},
        "language": "en",
        "primary_location": {"is_oa": preprint, "landing_page_url": doi, "source": {
            "id": f"{OPENALEX}S{SOURCE_BASE + source}", "display_name": f"Journal of {world.name(source + 500_000)}",
            "issn_l": f"{source // 10000 % 10000:04d}-{source % 10000:04d}",
            "type": "repository" if preprint else "journal"}},
        "type": "preprint" if preprint else rng.choice(WORK_TYPES),
        "authorships": authorships,
        "primary_topic": topics[0],
        "topics": topics,
        "cited_by_count": int(rng.paretovariate(1.2)) - 1,
        "referenced_works": references,
        "referenced_works_count": len(references),
        "abstract_inverted_index": _abstract(world, rng),
        "updated_date": UPDATED_DATE,
        "created_date": f"{year:04d}-01-01",
    }


def _references(rng: random.Random, index: int) -> list[str]:
    if index == 0:
        return []
    wanted = min(index, int(rng.expovariate(1 / 10)))
    refs: set[int] = set()
    for _ in range(wanted):
        roll = rng.random()
        if roll < 0.1:
            refs.add(EXTERNAL_BASE + rng.randrange(1_000_000))
        elif roll < 0.7:
            refs.add(WORK_BASE + max(0, index - 1 - int(rng.expovariate(1 / 200))))
        else:
            refs.add(WORK_BASE + rng.randrange(index))
    return [f"{OPENALEX}W{ref}" for ref in sorted(refs)]


def _author_record(world: _World, author: int) -> dict[str, Any]:
    inst = world.institution_records[world.institution_of(author)]
    rng = random.Random(author)
    first_year = 2000 + rng.randrange(20)
    years = list(range(2024, first_year - 1, -1))
    return {
        "id": f"{OPENALEX}A{AUTHOR_BASE + author}", "display_name": world.name(author),
        "orcid": f"https://orcid.org/0000-0002-{author // 10000 % 10000:04d}-{author % 10000:04d}"
        if author % 3 == 0 else None,
        "affiliations": [{"institution": inst, "years": years}],
        "last_known_institutions": [inst],
        "updated_date": UPDATED_DATE,
    }


def _institution_record(world: _World, i: int) -> dict[str, Any]:
    inst = world.institution_records[i]
    slug = "".join(ch for ch in inst["display_name"].lower().removeprefix("university of ") if ch.isalpha())
    return {**inst, "homepage_url": f"https://www.{slug}{i}.edu/", "updated_date": UPDATED_DATE}


class _PartWriter:
    """Gzip JSON Lines parts of at most `size` records under OUT/data/<entity>/updated_date=…/, plus manifest."""

    def __init__(self, out: Path, entity: str, size: int, stats: Stats) -> None:
        self.root = out / "data" / entity
        self.folder = self.root / f"updated_date={UPDATED}"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.entity, self.size, self.stats = entity, size, stats
        self.entries: list[dict[str, Any]] = []
        self.count = 0
        self._file: Any = None
        self._gzip: Any = None

    def add(self, record: dict[str, Any]) -> None:
        if self._gzip is None or self.count == self.size:
            self._close_part()
            path = self.folder / f"part_{len(self.entries):03d}.gz"
            self._file = open(path, "wb")
            # mtime=0 and no file name in the header: byte-identical output for the same seed.
            self._gzip = gzip.GzipFile(filename="", mode="wb", fileobj=self._file, mtime=0, compresslevel=1)
            self.entries.append({"url": f"s3://openalex/data/{self.entity}/updated_date={UPDATED}/{path.name}",
                                 "meta": {"content_length": 0, "record_count": 0}})
            self.stats.files.append(path)
            self.count = 0
        self._gzip.write(orjson.dumps(record) + b"\n")
        self.count += 1

    def _close_part(self) -> None:
        if self._gzip is None:
            return
        self._gzip.close()
        self._file.close()
        entry = self.entries[-1]
        entry["meta"] = {"content_length": self.stats.files[-1].stat().st_size, "record_count": self.count}
        self._gzip = None

    def close(self) -> None:
        self._close_part()
        total = {"content_length": sum(e["meta"]["content_length"] for e in self.entries),
                 "record_count": sum(e["meta"]["record_count"] for e in self.entries)}
        manifest = self.root / "manifest"
        manifest.write_bytes(orjson.dumps({"entries": self.entries, "meta": total}))
        self.stats.files.append(manifest)


def generate(out: Path, *, works: int, seed: int, hub_share: float = 0.85, part_size: int = 10_000) -> Stats:
    """Write the corpus under `out` (created; existing part files are overwritten). Returns what was written."""
    if works < 1 or part_size < 1 or not 0.0 <= hub_share <= 1.0:
        raise ValueError("works and part_size must be positive and hub_share within [0, 1]")
    rng = random.Random(seed)
    world = _World(works, rng)
    stats = Stats(out)
    used = bytearray(world.authors)
    writer = _PartWriter(out, "works", part_size, stats)
    for index in range(works):
        record = _work(world, rng, index, works, hub_share, used)
        stats.references += len(record["referenced_works"])
        stats.hub_works += _carries_hub(index, works, hub_share)
        writer.add(record)
    writer.close()
    stats.works = works
    writer = _PartWriter(out, "authors", part_size, stats)
    for author in _used(used):
        writer.add(_author_record(world, author))
        stats.authors += 1
    writer.close()
    writer = _PartWriter(out, "institutions", part_size, stats)
    for i in range(world.institutions):
        writer.add(_institution_record(world, i))
    writer.close()
    stats.institutions = world.institutions
    return stats


def _used(used: bytearray) -> Iterator[int]:
    return (index for index, flag in enumerate(used) if flag)
