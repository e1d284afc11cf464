"""Which parts of a researcher a request selected: the plan behind `researcher_read_by_ids` (docs/resolvers.md).

A plan is a small hashable value (so DataLoaders batch ids that share it) turned into the statement's `$want`
map. Building it never raises: arguments that do not validate are left out of the plan, and the field's own
resolver reports them (or falls back to its loader).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scholargraph.resolvers.selection import Selection
from scholargraph.schema.lists import WorkOrder
from scholargraph.schema.pagination import date_page_position

TOPIC_LIMIT = 50
COLLABORATOR_LIMIT = 50


@dataclass(frozen=True)
class CardPlan:
    """What each work card carries beyond its scalar fields."""

    venue: bool = False
    authors: bool = False
    authorDetails: bool = False  # noqa: N815 - the statement's $want key
    workTopics: bool = False  # noqa: N815
    abstract: bool = False


ALL_CARD = CardPlan(venue=True, authors=True, authorDetails=True, workTopics=True, abstract=True)
# Author fields a card row answers without a look-up; anything else on an author means the full author row.
_AUTHOR_SHORT = {"id", "name", "__typename"}
_CARD_FIELDS = {"venue": "venue", "authors": "authors", "topics": "workTopics", "abstract": "abstract"}


def card_plan(node: Selection) -> CardPlan:
    """The card parts selected on a Work."""
    authors = node.child("authors") if "authors" in node else None
    return CardPlan(
        venue="venue" in node,
        authors=authors is not None,
        authorDetails=authors is not None and any(name not in _AUTHOR_SHORT for name in authors),
        workTopics="topics" in node,
        abstract="abstract" in node,
    )


@dataclass(frozen=True)
class ResearcherPlan:
    affiliation: bool = False
    counts: bool = False
    claims: bool = False
    topics: int = 0
    collaborators: int = 0
    worksCount: bool = False  # noqa: N815 - the statement's $want keys
    # The page: (first, after) as the resolver receives them; worksPage = first + 1 rows (0 = no page).
    worksFirst: int = 0  # noqa: N815
    worksAfter: str | None = None  # noqa: N815
    worksPage: int = 0  # noqa: N815
    worksAfterDate: Any = None  # noqa: N815
    worksAfterId: Any = None  # noqa: N815
    metrics: bool = False
    card: CardPlan = CardPlan()

    def want(self) -> dict[str, Any]:
        """The `$want` parameter of researcher_read_by_ids."""
        # vars(), not dataclasses.asdict: asdict deep-copies every value (≈ 50 µs a call, once per request); the
        # fields are immutable scalars and the card, itself a flat plan.
        want = dict(vars(self))
        card = want.pop("card")
        del want["worksFirst"], want["worksAfter"]
        return {**want, **vars(card)}

    def fetched(self) -> set[str]:
        """Keys of the statement's row that this plan fills (the others hold placeholders and are dropped)."""
        keys = {"id", "name", "orcid", "summary", "openToCollaborate"}
        if self.affiliation:
            keys.add("affiliation")
        if self.counts or self.worksCount:
            keys.add("worksCount")
        if self.counts:
            keys |= {"followersCount", "topicsCount", "collaboratorsCount"}
        if self.claims:
            keys |= {"claimStates", "approvedMethods"}
        if self.topics:
            keys.add("topics")
        if self.collaborators:
            keys.add("collaborators")
        if self.worksPage:
            keys.add("works")
        if self.metrics:
            keys |= {"metricsWorks", "metricsReported"}
        return keys


# Everything but a works page: what a researcher reached below the root (an author, a collaborator, a search hit)
# loads when one of its profile fields is selected.
PROFILE = ResearcherPlan(affiliation=True, counts=True, claims=True, topics=TOPIC_LIMIT,
                         collaborators=COLLABORATOR_LIMIT)


def researcher_plan(selection: Selection) -> ResearcherPlan:
    """The parts a selection on Researcher needs, in one statement."""
    trust = "trust" in selection
    plan: dict[str, Any] = {
        "affiliation": trust or "affiliation" in selection,
        "counts": trust or "counts" in selection,
        "claims": trust,
        "topics": TOPIC_LIMIT if "topics" in selection else 0,
        "metrics": "metrics" in selection,
    }
    if "closeCollaborators" in selection:
        firsts = [use.arguments.get("first", 10) if use.arguments is not None else COLLABORATOR_LIMIT
                  for use in selection.uses("closeCollaborators")]
        plan["collaborators"] = max(0, min(COLLABORATOR_LIMIT, max(firsts)))
    if "works" in selection:
        plan.update(_works_plan(selection))
    return ResearcherPlan(**plan)


def _works_plan(selection: Selection) -> dict[str, Any]:
    plan: dict[str, Any] = {"worksCount": "totalCount" in selection.child("works")}
    arguments = selection.one_page("works")
    if arguments is None:
        return plan  # no page wanted, or aliases asking for different pages: the `works` resolver loads those
    if arguments.get("filter") is not None or arguments.get("orderBy") not in (None, "DATE", WorkOrder.DATE):
        return plan  # sorted or filtered: the `works` resolver reads works_list_pages itself
    position = date_page_position(arguments)
    if position is None:
        return plan
    first, after, after_date, after_id = position
    node = selection.child("works").child("edges").child("node")
    # The count comes with the page (a degree look-up), so a connection built from it is always whole.
    plan.update(worksCount=True, worksFirst=first, worksAfter=after, worksPage=first + 1, worksAfterDate=after_date,
                worksAfterId=after_id, card=card_plan(node))
    return plan
