"""Collaborator suggestions: the stored ranking (or one capped live query), then reasons people can read
(docs/discovery-model.md)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import strawberry

from scholargraph.errors import InvalidInput, NotFound
from scholargraph.schema.institution import Institution
from scholargraph.schema.node import Node
from scholargraph.schema.pagination import PageInfo, check_first, decode_cursor, encode_cursor
from scholargraph.schema.researcher import Researcher
from scholargraph.schema.suggestion import (
    CollaboratorSuggestion,
    CollaboratorSuggestionConnection,
    CollaboratorSuggestionEdge,
    ReasonKind,
    SuggestionReason,
)
from scholargraph.schema.topic import Topic
from scholargraph.schema.work import Work

if TYPE_CHECKING:
    from scholargraph.context import Context

MAX_SUGGESTIONS_PAGE = 50
CURSOR_TAG = "suggestion"

# The scoring model's weights (docs/discovery-model.md, "Score"); a reason's weight is its term of the score.
WEIGHTS = {"w_mutual": 1.0, "w_topic": 1.0, "w_institution": 0.2, "w_cites_you": 0.5, "w_cited_by_you": 0.3,
           "half_life": 4}
# Fan-out caps: whatever the degrees, one request reads a bounded number of relationships (docs, "Cost").
# Tightened in issue 15 (were 1000/50/20/50/30/30/10/200): ~45-55 % fewer store reads at p99 and hub centres.
CAPS = {"scan_limit": 300, "coauthor_limit": 30, "topic_limit": 10, "fanout_limit": 30, "work_limit": 20,
        "citation_limit": 15, "author_limit": 8, "candidate_limit": 100, "via_limit": 10}


async def collaborator_suggestions(
    info: strawberry.Info[Context], researcher_id: str, first: int, after: str | None,
    open_to_collaborate: bool | None, topic_id: str | None, institution_id: str | None, must_exist: bool = True,
) -> CollaboratorSuggestionConnection:
    """A page of the ranking. Raises InvalidInput for a bad `first`/`after`, NotFound for an unknown researcher."""
    check_first(first, MAX_SUGGESTIONS_PAGE)
    offset = _offset(after)
    filters = {"open_to_collaborate": open_to_collaborate, "topic_id": topic_id, "institution_id": institution_id}
    graph = info.context.graph
    # The ranking stored by the importer (importer/suggestions.py), filtered now; computed live when none is stored
    # (a database not yet backfilled, or a researcher an import batch touched until the run recomputes it).
    row = await graph.read_one("suggestions_stored", researcher_id=researcher_id, offset=offset, first=first,
                               **filters)
    if row is not None and not row["stored"]:
        row = await graph.read_one(
            "suggestions_collaborators", researcher_id=researcher_id, offset=offset, first=first,
            ref_year=datetime.date.today().year, **filters, **WEIGHTS, **CAPS,
        )
    if row is None:
        if must_exist:
            raise NotFound(f"No researcher with id {researcher_id}.")
        row = {"total_count": 0, "page": []}
    edges = [CollaboratorSuggestionEdge(cursor=encode_cursor(CURSOR_TAG, offset + i + 1), node=suggestion(item))
             for i, item in enumerate(row["page"][:first])]
    return CollaboratorSuggestionConnection(
        edges=edges,
        page_info=PageInfo(has_next_page=len(row["page"]) > first, end_cursor=edges[-1].cursor if edges else None),
        total_count=row["total_count"],
    )


def _offset(after: str | None) -> int:
    """Where the page starts in the ranking. Raises InvalidInput for a cursor this field did not issue."""
    position = decode_cursor(after, 2)
    if position is None:
        return 0
    tag, offset = position
    if tag != CURSOR_TAG or not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise InvalidInput("`after` is not a cursor this service issued.")
    return offset


def suggestion(item: dict[str, Any]) -> CollaboratorSuggestion:
    """Build one suggestion from a ranked row of suggestions_collaborators."""
    reasons = [reason for build in _REASONS if (reason := build(item)) is not None]
    reasons.sort(key=lambda r: (-r.weight, r.kind.value))
    return CollaboratorSuggestion(researcher=Researcher.from_record(item["researcher"]), score=item["score"],
                                  reasons=reasons)


def _mutual(item: dict[str, Any]) -> SuggestionReason | None:
    if not item["mutualCount"]:
        return None
    people = [Researcher.from_record(row) for row in item["mutual"]]
    via: list[Node] = list(people)
    detail = "You both wrote with " + _listing([r.name for r in people], item["mutualCount"], "others")
    return SuggestionReason(kind=ReasonKind.MUTUAL_COLLABORATORS, weight=item["mutualScore"], detail=detail, via=via)


def _topics(item: dict[str, Any]) -> SuggestionReason | None:
    count = item["topicCount"]
    if not count:
        return None
    topics = [Topic.from_record(row) for row in item["topics"]]
    via: list[Node] = list(topics)
    names = _listing([t.name for t in topics], count, "more", last=", ")
    detail = f"You share {count} topic{'s' if count > 1 else ''}: {names}"
    return SuggestionReason(kind=ReasonKind.SHARED_TOPICS, weight=item["topicScore"], detail=detail, via=via)


def _institution(item: dict[str, Any]) -> SuggestionReason | None:
    if item["institution"] is None:
        return None
    place = Institution.from_record(item["institution"])
    return SuggestionReason(kind=ReasonKind.SAME_INSTITUTION, weight=item["institutionScore"],
                            detail=f"You are both at {place.name}", via=[place])


def _cites_you(item: dict[str, Any]) -> SuggestionReason | None:
    count = item["citingCount"]
    if not count:
        return None
    via: list[Node] = [Work.from_record(row) for row in item["citing"]]
    title = _title(item["citing"][0])
    detail = (f"Their work {title} cites yours" if count == 1
              else f"{count} of their works cite yours, among them {title}")
    return SuggestionReason(kind=ReasonKind.CITES_YOUR_WORK, weight=item["citesYouScore"], detail=detail, via=via)


def _cited_by_you(item: dict[str, Any]) -> SuggestionReason | None:
    count = item["citedCount"]
    if not count:
        return None
    via: list[Node] = [Work.from_record(row) for row in item["cited"]]
    title = _title(item["cited"][0])
    detail = (f"You cited their work {title}" if count == 1
              else f"You cited {count} of their works, among them {title}")
    return SuggestionReason(kind=ReasonKind.CITED_BY_YOU, weight=item["citedByYouScore"], detail=detail, via=via)


_REASONS: tuple[Callable[[dict[str, Any]], SuggestionReason | None], ...] = (
    _mutual, _topics, _institution, _cites_you, _cited_by_you,
)


def _title(work: dict[str, Any]) -> str:
    return f"“{work.get('title') or work['id']}”"


def _listing(names: list[str], total: int, rest: str, last: str = " and ") -> str:
    """ "A", "A and B", "A, B and C", "A, B, C and 4 others": at most three names, then a count.

    Topic names often contain "and" themselves, so topics are joined with `last=", "` throughout.
    """
    shown = names[:3]
    hidden = total - len(shown)
    if hidden > 0:
        return f"{', '.join(shown)} and {hidden} {rest}"
    if len(shown) == 1:
        return shown[0]
    return f"{', '.join(shown[:-1])}{last}{shown[-1]}"
