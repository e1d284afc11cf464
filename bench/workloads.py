"""What the bench asks: GraphQL documents, centres per degree bucket, and the request list of every cell.

A cell is one workload on one bucket of centres; its fixed list of requests is cycled through by the load
generator. Centres come from fixed ranks of the researchers sorted by degree, computed once per run from the
imported graph and saved with the results.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
WEB_QUERIES = REPO / "web" / "queries"
BENCH_QUERIES = REPO / "bench" / "queries"

# Documents the web UI sends are taken from web/queries, so the bench measures exactly what pages ask.
DOCUMENTS = {
    "profile": WEB_QUERIES / "profile.graphql",
    "search": WEB_QUERIES / "search.graphql",
    "works_page": BENCH_QUERIES / "works_page.graphql",
    "works_count": BENCH_QUERIES / "works_count.graphql",
    "metrics": BENCH_QUERIES / "metrics.graphql",
    "work_page": WEB_QUERIES / "work.graphql",
    "topic_metrics": BENCH_QUERIES / "topic_metrics.graphql",
    "graph_slice": WEB_QUERIES / "graph_slice.graphql",
    "suggestions": BENCH_QUERIES / "collaborator_suggestions.graphql",
    "connection_path": WEB_QUERIES / "connection_path.graphql",
}
ROOT_FIELDS = {
    "profile": "researcher", "search": "search", "works_page": "researcher", "works_count": "researcher",
    "metrics": "researcher", "work_page": "work", "topic_metrics": "topic",
    "graph_slice": "graphSlice",
    "suggestions": "collaboratorSuggestions", "connection_path": "connectionPath",
}
WORKLOADS = tuple(DOCUMENTS)
DEGREE_BUCKETS = (("median", 0.50), ("p90", 0.90), ("p99", 0.99), ("hubs", 1.0))
# The work page's centres: the median work (by in-graph citations), the longest bylines, the most cited works.
WORK_BUCKETS = ("median", "authors", "cited")
TOPIC_BUCKETS = ("median", "hubs")  # topics by works count
WORK_PAGE_SIZE = 20  # as web/pages.py's ENTITY_PAGE_SIZE
WORKS_PAGE_SIZE = 10
WORKS_PAGE_DEPTH = 5
MIX_WEIGHTS = {"profile": 0.3, "search": 0.3, "works_page": 0.1, "graph_slice": 0.1, "suggestions": 0.1,
               "connection_path": 0.1}


@dataclass(frozen=True)
class Request:
    workload: str
    variables: dict[str, Any]

    @property
    def document(self) -> str:
        return document(self.workload)


@dataclass
class Cell:
    workload: str
    bucket: str
    requests: list[Request]
    note: str = ""
    # Filled by the capture run: per request, the Cypher plan and its round trips.
    plans: list[list[list[dict[str, Any]]]] = field(default_factory=list)
    round_trips: list[int] = field(default_factory=list)
    response_bytes: list[int] = field(default_factory=list)
    error: str | None = None

    @property
    def key(self) -> str:
        return f"{self.workload}/{self.bucket}"


def document(workload: str) -> str:
    return DOCUMENTS[workload].read_text()


def available(query_fields: set[str]) -> dict[str, bool]:
    """Which workloads the running schema can serve (its root field exists)."""
    return {name: ROOT_FIELDS[name] in query_fields for name in WORKLOADS}


def degree_buckets(degrees: list[dict[str, Any]], per_bucket: int) -> dict[str, list[dict[str, Any]]]:
    """`per_bucket` researchers around each percentile rank of the degree-sorted list; `hubs` are the top ones."""
    buckets: dict[str, list[dict[str, Any]]] = {}
    n = len(degrees)
    for name, quantile in DEGREE_BUCKETS:
        if quantile >= 1.0:
            chosen = degrees[-per_bucket:]
        else:
            middle = int(quantile * (n - 1))
            start = max(0, min(n - per_bucket, middle - per_bucket // 2))
            chosen = degrees[start:start + per_bucket]
        buckets[name] = [dict(row) for row in chosen]
    return buckets


def work_buckets(works: list[dict[str, Any]], per_bucket: int) -> dict[str, list[dict[str, Any]]]:
    """From work_degrees rows (fewest citations first): around the median, the longest bylines, the most cited."""
    if not works:
        return {}
    median = degree_buckets(works, per_bucket)["median"]
    by_authors = sorted(works, key=lambda row: (row["authors"], row["id"]))[-per_bucket:]
    return {"median": median, "authors": [dict(row) for row in by_authors],
            "cited": [dict(row) for row in works[-per_bucket:]]}


def topic_buckets(topics: list[dict[str, Any]], per_bucket: int) -> dict[str, list[dict[str, Any]]]:
    """From topic_degrees rows (fewest works first): around the median and the largest topics."""
    if not topics:
        return {}
    chosen = degree_buckets(topics, per_bucket)
    return {name: chosen[name] for name in TOPIC_BUCKETS}


def search_texts(degrees: list[dict[str, Any]], count: int, rng: random.Random) -> dict[str, list[str]]:
    """Autocomplete inputs from real names: a 3-letter prefix, and a full first name plus 2 letters."""
    names = [row["name"] for row in rng.sample(degrees, min(count, len(degrees))) if row.get("name")]
    short = [name.split()[0][:3] for name in names]
    long = [f"{name.split()[0]} {name.split()[-1][:2]}" if " " in name else name for name in names]
    return {"prefix3": short, "word+2": long}


def random_pairs(degrees: list[dict[str, Any]], count: int, rng: random.Random) -> list[tuple[str, str]]:
    ids = [row["id"] for row in degrees]
    pairs: list[tuple[str, str]] = []
    while len(pairs) < count and len(ids) > 1:
        a, b = rng.sample(ids, 2)
        pairs.append((a, b))
    return pairs


def base_cells(buckets: dict[str, list[dict[str, Any]]], texts: dict[str, list[str]],
               pairs: list[tuple[str, str]], usable: dict[str, bool],
               works: dict[str, list[dict[str, Any]]] | None = None,
               topics: dict[str, list[dict[str, Any]]] | None = None) -> list[Cell]:
    """Every workload × bucket cell; the works-page cursors and path reachability are filled in by capture.
    `works` and `topics` are the work page's and topic metrics' buckets (work_buckets, topic_buckets)."""
    cells: list[Cell] = []
    for bucket, rows in (works or {}).items():
        cells.append(Cell("work_page", bucket, [Request("work_page", {"id": row["id"], "first": WORK_PAGE_SIZE})
                                                for row in rows]))
    for bucket, rows in (topics or {}).items():
        cells.append(Cell("topic_metrics", bucket, [Request("topic_metrics", {"id": row["id"]}) for row in rows]))
    for bucket, rows in buckets.items():
        ids = [row["id"] for row in rows]
        cells.append(Cell("profile", bucket, [Request("profile", {"id": i}) for i in ids]))
        cells.append(Cell("works_page", bucket, [Request("works_page", {"id": i, "first": WORKS_PAGE_SIZE})
                                                 for i in ids]))
        cells.append(Cell("works_count", bucket, [Request("works_count", {"id": i}) for i in ids]))
        cells.append(Cell("metrics", bucket, [Request("metrics", {"id": i}) for i in ids]))
        cells.append(Cell("graph_slice", bucket, [Request("graph_slice", {"center": i, "depth": 2, "limit": 100})
                                                  for i in ids]))
        cells.append(Cell("suggestions", bucket, [Request("suggestions", {"id": i, "first": 10}) for i in ids]))
    for bucket, values in texts.items():
        cells.append(Cell("search", bucket, [Request("search", {"text": t, "first": 8}) for t in values]))
    cells.append(Cell("connection_path", "candidates",
                      [Request("connection_path", {"from": a, "to": b, "maxHops": 4}) for a, b in pairs]))
    return [cell for cell in cells if usable.get(cell.workload)]


def mix_cell(cells: list[Cell], size: int, rng: random.Random) -> Cell:
    """A weighted blend of every measured cell's captured requests (weights renormalised over what exists)."""
    by_workload: dict[str, list[tuple[Cell, int]]] = {}
    for cell in cells:
        if cell.error is None and cell.workload in MIX_WEIGHTS:
            by_workload.setdefault(cell.workload, []).extend((cell, i) for i in range(len(cell.requests)))
    weights = {name: MIX_WEIGHTS[name] for name in by_workload}
    mix = Cell("mix", "all", [])
    if not weights:  # none of the mix's workloads was asked for (--workloads)
        return mix
    names = list(weights)
    for name in rng.choices(names, weights=[weights[n] for n in names], k=size):
        cell, index = rng.choice(by_workload[name])
        mix.requests.append(cell.requests[index])
        mix.plans.append(cell.plans[index])
        mix.round_trips.append(cell.round_trips[index])
        mix.response_bytes.append(cell.response_bytes[index])
    mix.note = ", ".join(f"{name} {weights[name] / sum(weights.values()):.0%}" for name in names)
    return mix
