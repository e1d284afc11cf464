"""Stored collaborator candidates: each researcher's ranked suggestions, computed ahead of requests.

`collaboratorSuggestions` reads them (cypher/graph/suggestions_stored.cypher) and applies the live filters, instead
of gathering and scoring candidates per request (docs/discovery-model.md, "Stored candidates"). They are computed
by the same statement and scoring model as a live request (`suggestions_collaborators`, no filters), with the
storing caps below, and kept as three list properties on the Researcher: suggestIds, suggestScores, suggestFacts.

Freshness: every import batch drops (under its locks) the stored suggestions of the researchers it touches, of
their co-authors and of the authors of the works it cites (`import_suggestions_invalidate*`, in write.REFRESH);
the import run, the seed loader and `scholargraph maintenance suggestions` then recompute every researcher that
has none (`refresh_missing`). Between the two a request computes live. Each recomputation locks its researchers
in key order and reads inside that transaction, so a concurrent batch either commits before (and is seen) or
drops the value again after (and the next pass recomputes it).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from scholargraph.db import Graph, Tx
from scholargraph.importer import chunked
from scholargraph.resolvers.suggestion import CAPS, WEIGHTS

# The caps of a stored computation: tighter than a live request's (resolvers/suggestion.py CAPS) so that a
# backfill of the 100,000-work corpus takes minutes; candidate_limit is how many candidates are stored per
# researcher (and so the most a filtered request can return), via_limit how many nodes each reason keeps.
STORE_CAPS = {**CAPS, "scan_limit": 100, "coauthor_limit": 20, "topic_limit": 5, "fanout_limit": 15,
              "work_limit": 10, "citation_limit": 10, "author_limit": 5, "candidate_limit": 50, "via_limit": 10}
CHUNK = 25  # researchers per transaction
WORKERS = 2  # transactions at once


def _ids(items: Sequence[dict[str, Any]]) -> str:
    return " ".join(item["id"] for item in items)


def _number(value: float) -> str:
    return format(float(value), ".10g")  # scores are rounded to 9 decimals anyway; shorter than repr


def facts(item: dict[str, Any]) -> str:
    """One ranked row of suggestions_collaborators as the stored '|'-separated evidence (suggestions_stored)."""
    institution = item["institution"]
    fields = [
        _number(item["mutualScore"]), str(item["mutualCount"]), _ids(item["mutual"]),
        _number(item["topicScore"]), str(item["topicCount"]), _ids(item["topics"]),
        _number(item["institutionScore"]), institution["id"] if institution else "",
        _number(item["citesYouScore"]), str(item["citingCount"]), _ids(item["citing"]),
        _number(item["citedByYouScore"]), str(item["citedCount"]), _ids(item["cited"]),
    ]
    return "|".join(fields)


async def _compute(tx: Tx, researcher_id: str) -> dict[str, Any]:
    rows = await tx.read("suggestions_collaborators", researcher_id=researcher_id, offset=0,
                         first=STORE_CAPS["candidate_limit"], open_to_collaborate=None, topic_id=None,
                         institution_id=None, ref_year=datetime.date.today().year, **WEIGHTS, **STORE_CAPS)
    page = rows[0]["page"][:STORE_CAPS["candidate_limit"]] if rows else []
    return {"id": researcher_id, "ids": [item["researcher"]["id"] for item in page],
            "scores": [float(item["score"]) for item in page], "facts": [facts(item) for item in page]}


async def _refresh_chunk(tx: Tx, part: list[str]) -> int:
    await tx.write("suggestions_lock", ids=part)
    rows = [await _compute(tx, researcher_id) for researcher_id in part]
    await tx.write("suggestions_store", rows=rows)
    return len(rows)


async def refresh(graph: Graph, ids: Sequence[str], *, chunk: int = CHUNK, workers: int = WORKERS) -> int:
    """Recompute and store the suggestions of `ids`, `chunk` researchers per transaction, `workers` at once."""
    ordered = sorted(set(ids))
    parts = [ordered[i:i + chunk] for i in range(0, len(ordered), chunk)]
    return await chunked.run_in_chunks(graph, _refresh_chunk, parts, workers)


async def _researchers(graph: Graph, statement: str) -> list[str]:
    return [row["id"] for row in await graph.read(statement)]


async def refresh_missing(graph: Graph, **options: Any) -> int:
    """Recompute every researcher with no stored suggestions, until none is left; return how many were done."""
    return await chunked.refresh_missing(lambda: _researchers(graph, "suggestions_missing"),
                                         lambda ids: refresh(graph, ids, **options))


async def refresh_all(graph: Graph, **options: Any) -> tuple[int, float]:
    """Recompute every researcher (a full backfill); return how many and the seconds it took."""
    return await chunked.timed(refresh(graph, await _researchers(graph, "suggestions_all"), **options))
