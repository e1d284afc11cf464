"""Grow the deterministic demo network around data/core.json, as OpenAlex-format records the importer reads.

The network is a few hundred researchers and works with topic communities, institutions and citations, so the
explorer and collaborator discovery have something to show. It never adds a work to the modelled profile's
researcher (data/core.json's first researcher), whose facts must stay exactly as written.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
OPENALEX = "https://openalex.org/"
RANDOM_SEED = 20261124
EXTRA_RESEARCHERS = 260
EXTRA_WORKS = 220

FIRST = ("Wei Li Jing Ming Hui Yan Lei Chen Ana Maria Jose Luis Sofia Lucas Emma Noah Olivia Liam Mia Ethan Ava "
         "Hiro Yuki Sakura Kenji Priya Arjun Ravi Anika Omar Fatima Yusuf Leila Ivan Olga Dmitri Elena Jonas "
         "Lena Felix Clara Mateo Valentina Thomas Julia Kwame Amara Chidi Zanele Lars Ingrid").split()
LAST = ("Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Garcia Martinez Lopez Silva Santos Smith Johnson "
        "Brown Taylor Wilson Tanaka Suzuki Sato Kim Park Lee Patel Sharma Gupta Khan Ahmed Hassan Ivanov Petrova "
        "Muller Schmidt Weber Rossi Bianchi Dubois Martin Mensah Okafor Dlamini Nielsen Berg").split()
TITLE_HEADS = ("Towards", "Understanding", "Rethinking", "On the Limits of", "Scalable", "Robust", "Efficient",
               "A Survey of", "Benchmarking", "Interpreting", "Learning", "Measuring")
TITLE_WORDS = ("representations", "attention", "generalization", "distillation", "saliency", "uncertainty",
               "transfer", "robustness", "segmentation", "embeddings", "graphs", "priors", "calibration",
               "explanations", "features", "compression", "alignment", "federated training", "citations")
ABSTRACT_WORDS = ("we", "propose", "a", "method", "that", "improves", "the", "analysis", "of", "deep", "models",
                  "by", "measuring", "how", "information", "flows", "through", "layers", "and", "results", "show",
                  "consistent", "gains", "on", "standard", "benchmarks", "with", "clear", "interpretations")


@dataclass(frozen=True)
class Seed:
    works: list[dict[str, Any]]
    institutions: list[dict[str, Any]]
    profiles: list[dict[str, Any]]


def load_core() -> dict[str, Any]:
    return json.loads((DATA / "core.json").read_text(encoding="utf-8"))


def inverted_index(text: str) -> dict[str, list[int]]:
    """OpenAlex's abstract_inverted_index for a plain text (words split on single spaces)."""
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split(" ")):
        index.setdefault(word, []).append(position)
    return index


class _Catalogue:
    def __init__(self, core: dict[str, Any]) -> None:
        self.topics = {t["id"]: t for t in core["topics"]}
        self.institutions = {i["id"]: i for i in core["institutions"]}
        self.sources = {s["id"]: s for s in core["sources"]}
        self.people: dict[str, dict[str, Any]] = {r["id"]: dict(r) for r in core["researchers"]}

    def topic(self, topic_id: str, score: float) -> dict[str, Any]:
        t = self.topics[topic_id]
        level = {key: {"id": f"{OPENALEX}{key}s/{t[key][0]}", "display_name": t[key][1]}
                 for key in ("subfield", "field", "domain")}
        return {"id": OPENALEX + topic_id, "display_name": t["name"], "score": score, **level}

    def institution(self, institution_id: str) -> dict[str, Any]:
        i = self.institutions[institution_id]
        return {"id": OPENALEX + institution_id, "display_name": i["name"], "ror": f"https://ror.org/{i['ror']}",
                "country_code": i["country"], "type": i["type"], "lineage": [OPENALEX + institution_id]}

    def work(self, spec: dict[str, Any]) -> dict[str, Any]:
        authors = spec["authors"]
        authorships = []
        for rank, author_id in enumerate(authors):
            person = self.people[author_id]
            institution = person.get("institution")
            authorships.append({
                "author_position": "first" if rank == 0 else "last" if rank == len(authors) - 1 else "middle",
                "author": {"id": OPENALEX + author_id, "display_name": person["name"],
                           "orcid": f"https://orcid.org/{person['orcid']}" if person.get("orcid") else None},
                "institutions": [self.institution(institution)] if institution else [],
                "is_corresponding": rank == 0,
                "raw_author_name": person["name"],
            })
        topics = [self.topic(topic_id, score) for topic_id, score in spec["topics"]]
        source = self.sources[spec["source"]]
        arxiv = spec.get("arxivId")
        return {
            "id": OPENALEX + spec["id"],
            "doi": f"https://doi.org/10.48550/arxiv.{arxiv}" if arxiv else None,
            "title": spec["title"], "display_name": spec["title"],
            "publication_year": int(spec["publicationDate"][:4]), "publication_date": spec["publicationDate"],
            "type": spec["type"], "language": "en",
            "ids": {"openalex": OPENALEX + spec["id"]},
            "primary_location": {"source": {"id": OPENALEX + source["id"], "display_name": source["name"],
                                            "type": source["type"]},
                                 "landing_page_url": f"https://arxiv.org/abs/{arxiv}" if arxiv else None},
            "authorships": authorships,
            "primary_topic": topics[0] if topics else None,
            "topics": topics,
            "cited_by_count": spec.get("citedByCount", 0),
            "counts_by_year": [{"year": y, "cited_by_count": n} for y, n in spec.get("countsByYear", [])],
            "referenced_works": [OPENALEX + ref for ref in spec.get("references", [])],
            "abstract_inverted_index": inverted_index(spec["abstract"]) if spec.get("abstract") else None,
            "updated_date": "2026-11-01T00:00:00",
        }

    def institution_record(self, institution_id: str) -> dict[str, Any]:
        i = self.institutions[institution_id]
        return {**self.institution(institution_id), "homepage_url": i["homepage"], "updated_date": "2026-11-01"}


def build() -> Seed:
    """The whole seed as OpenAlex records plus profile extras (summary, open to collaborate)."""
    core = load_core()
    catalogue = _Catalogue(core)
    rng = random.Random(RANDOM_SEED)
    protected = core["researchers"][0]["id"]  # the modelled profile: no demo work may touch it
    topic_ids = list(catalogue.topics)
    institution_ids = list(catalogue.institutions)
    source_ids = list(catalogue.sources)

    names: set[str] = {p["name"] for p in catalogue.people.values()}
    for n in range(EXTRA_RESEARCHERS):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        while name in names:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        names.add(name)
        focus = rng.sample(topic_ids, 2)
        catalogue.people[f"A59{n:08d}"] = {
            "id": f"A59{n:08d}", "name": name, "focus": focus,
            "institution": rng.choice(institution_ids) if rng.random() < 0.8 else None,
            "orcid": f"0000-0003-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}" if rng.random() < 0.4 else None,
            "openToCollaborate": rng.random() < 0.6,
            "summary": None,
        }
    for person in core["researchers"][1:]:
        catalogue.people[person["id"]]["focus"] = ["T12026", "T10036"]

    specs = [dict(w) for w in core["works"]]
    pool = [pid for pid in catalogue.people if pid != protected]
    degree = {pid: 1 for pid in pool}
    core_people = [p["id"] for p in core["researchers"][1:]]
    for n in range(EXTRA_WORKS):
        # The modelled profile's co-authors lead a share of the works, so the demo has a community around them.
        lead = core_people[n % 3] if n % 7 == 0 else rng.choices(pool, weights=[degree[p] for p in pool])[0]
        focus = catalogue.people[lead]["focus"]
        same_topic = [p for p in pool if p != lead and set(catalogue.people[p]["focus"]) & set(focus)]
        team = [lead] + rng.sample(same_topic, min(len(same_topic), rng.randint(1, 4)))
        for p in team:
            degree[p] += 1
        topics = [(focus[0], round(rng.uniform(0.8, 0.99), 4))]
        if rng.random() < 0.7:
            topics.append((rng.choice([focus[1], rng.choice(topic_ids)]), round(rng.uniform(0.4, 0.79), 4)))
        topics = list(dict(topics).items())
        year = rng.randint(2015, 2025)
        earlier = [s["id"] for s in specs]
        title = f"{rng.choice(TITLE_HEADS)} {rng.choice(TITLE_WORDS)} and {rng.choice(TITLE_WORDS)}"
        specs.append({
            "id": f"W59{n:08d}", "title": title.capitalize() if title[0].islower() else title,
            "type": rng.choice(["article", "article", "preprint", "proceedings-article"]),
            "publicationDate": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "source": rng.choice(source_ids), "authors": team, "topics": topics,
            "citedByCount": int(rng.paretovariate(1.2)) - 1,
            "references": rng.sample(earlier, min(len(earlier), rng.randint(0, 5))),
            "abstract": " ".join(rng.choice(ABSTRACT_WORDS) for _ in range(rng.randint(25, 60))).capitalize() + ".",
        })

    assert all(protected not in s["authors"] for s in specs[len(core["works"]):])
    profiles = []
    for person in catalogue.people.values():
        summary = person.get("summary")
        if summary is None and person.get("focus"):
            focus_names = " and ".join(catalogue.topics[t]["name"].lower() for t in person["focus"])
            summary = f"{person['name']} works on {focus_names}."
        profiles.append({"id": person["id"], "summary": summary,
                         "openToCollaborate": bool(person.get("openToCollaborate"))})
    return Seed(
        works=[catalogue.work(spec) for spec in specs],
        institutions=[catalogue.institution_record(i) for i in institution_ids],
        profiles=profiles,
    )
