"""Pages of works: cursor checks, keyset positions and connection building."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.dataloader import DataLoader

from scholargraph.resolvers.selection import Selection, selected
from scholargraph.schema.pagination import (
    PageInfo,
    check_first,
    date_page_position,
    decode_cursor,
    encode_cursor,
)
from scholargraph.schema.work import Work, WorkConnection, WorkEdge


async def page_of_works(loader: DataLoader[tuple[str, int, Any, Any], dict[str, Any]], owner_id: str, first: int,
                        after: str | None) -> WorkConnection:
    """One page of the owner's works, newest first. Raises InvalidInput for a bad `first` or `after`."""
    check_first(first)
    position = decode_cursor(after, 2)
    after_date, after_id = position if position else (None, None)
    page = await loader.load((owner_id, first, after_date, after_id))
    return connection_of(page["works"], first, page["total_count"])


def connection_of(rows: list[dict[str, Any]], first: int, total: int) -> WorkConnection:
    """A connection from up to first + 1 work rows (newest first, with sortDate), the extra one meaning "more"."""
    edges = [WorkEdge(cursor=encode_cursor(row["sortDate"], row["id"]), node=Work.from_record(row))
             for row in rows[:first]]
    return WorkConnection(
        edges=edges,
        page_info=PageInfo(has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None),
        total_count=total,
    )


def total_only(info: strawberry.Info[Any], first: int, after: str | None) -> bool:
    """Whether the connection being resolved selects only totalCount (so no page is needed). Raises InvalidInput
    for a bad `first` or `after`, as a page would."""
    check_first(first)
    decode_cursor(after, 2)
    return not selected(info).any("edges", "pageInfo")


# --- The work page in one round trip: the plan behind work_read_by_ids (docs/resolvers.md) -------------------

ALL_NAMES = -1  # a byline limit meaning "every name"
ALL_AUTHORS = 1_000_000  # an author limit meaning "every known author" (Cypher's LIMIT needs a number)
_AUTHOR_SHORT = {"id", "name", "__typename"}


def _limit(selection: Selection, name: str, everything: int) -> int:
    """The largest `first` over every use of `name` (`everything` when a use asks for all or does not coerce)."""
    firsts = []
    for use in selection.uses(name):
        first = use.arguments.get("first") if use.arguments is not None else None
        if first is None or first < 0:
            return everything
        firsts.append(first)
    return max(firsts) if firsts else 0


@dataclass(frozen=True)
class WorkCardPlan:
    """What each work card on a references or cited-by page carries beyond its scalar fields."""

    cardVenue: bool = False  # noqa: N815 - the statement's $want keys
    cardAuthors: int = 0  # noqa: N815
    cardAuthorDetails: bool = False  # noqa: N815
    cardTopics: bool = False  # noqa: N815
    cardAbstract: bool = False  # noqa: N815
    cardByline: int = ALL_NAMES  # noqa: N815


@dataclass(frozen=True)
class WorkPlan:
    byline: int = ALL_NAMES
    venue: bool = False
    authors: int = 0
    authorDetails: bool = False  # noqa: N815 - the statement's $want keys
    topics: bool = False
    abstract: bool = False
    referencesTotal: bool = False  # noqa: N815
    citedByTotal: bool = False  # noqa: N815
    # A page: (first, after) as the resolver receives them; *Page = first + 1 rows (0 = no page).
    referencesKey: tuple[int, str | None] | None = None  # noqa: N815
    referencesPage: int = 0  # noqa: N815
    referencesAfterDate: Any = None  # noqa: N815
    referencesAfterId: Any = None  # noqa: N815
    citedByKey: tuple[int, str | None] | None = None  # noqa: N815
    citedByPage: int = 0  # noqa: N815
    citedByAfterDate: Any = None  # noqa: N815
    citedByAfterId: Any = None  # noqa: N815
    card: WorkCardPlan = WorkCardPlan()

    def want(self) -> dict[str, Any]:
        """The `$want` parameter of work_read_by_ids."""
        want = {key: value for key, value in vars(self).items() if not key.endswith("Key") and key != "card"}
        return {**want, **vars(self.card)}  # vars(), not asdict: see ResearcherPlan.want

    def fetched(self) -> set[str]:
        """Row keys this plan fills (the others hold placeholders and are dropped: absent means "not loaded")."""
        keys = {"id", "title", "type", "year", "publicationDate", "sortDate", "doi", "arxivId", "citedByCount",
                "authorNames", "authorsCount"}
        for key, wanted in (("venue", self.venue), ("authors", self.authors), ("topics", self.topics),
                            ("abstract", self.abstract), ("referencesTotal", self.referencesTotal),
                            ("citedByTotal", self.citedByTotal), ("references", self.referencesPage),
                            ("citedBy", self.citedByPage)):
            if wanted:
                keys.add(key)
        return keys

    def card_parts_unfetched(self) -> list[str]:
        """Card keys the pages' rows hold as placeholders (dropped so a card falls back to its loader)."""
        return [key for key, wanted in (("venue", self.card.cardVenue), ("authors", self.card.cardAuthors),
                                        ("topics", self.card.cardTopics)) if not wanted]


def work_plan(selection: Selection) -> WorkPlan:
    """The parts a selection on Work needs, in one statement. Never raises: arguments that do not validate are
    left out of the plan and the field's own resolver reports them."""
    authors = selection.child("authors") if "authors" in selection else None
    plan: dict[str, Any] = {
        "byline": _limit(selection, "authorNames", ALL_NAMES) if "authorNames" in selection else 0,
        "venue": "venue" in selection,
        "authors": _limit(selection, "authors", ALL_AUTHORS),
        "authorDetails": authors is not None and any(name not in _AUTHOR_SHORT for name in authors),
        "topics": "topics" in selection,
        "abstract": "abstract" in selection,
    }
    cards: list[Selection] = []
    for field, prefix in (("references", "references"), ("citedBy", "citedBy")):
        if field in selection:
            plan.update(_page_plan(selection, field, prefix, cards))
    if cards:
        plan["card"] = _card_plan(cards)
    return WorkPlan(**plan)


def _page_plan(selection: Selection, field: str, prefix: str, cards: list[Selection]) -> dict[str, Any]:
    plan: dict[str, Any] = {f"{prefix}Total": "totalCount" in selection.child(field)}
    arguments = selection.one_page(field)
    position = date_page_position(arguments) if arguments is not None else None
    if position is None:
        return plan
    first, after, after_date, after_id = position
    cards.append(selection.child(field).child("edges").child("node"))
    plan.update({f"{prefix}Total": True, f"{prefix}Key": (first, after), f"{prefix}Page": first + 1,
                 f"{prefix}AfterDate": after_date, f"{prefix}AfterId": after_id})
    return plan


def _card_plan(cards: list[Selection]) -> WorkCardPlan:
    """One card plan for both pages: the union of what either asks of its cards."""
    authors = [card.child("authors") for card in cards if "authors" in card]
    bylines = [_limit(card, "authorNames", ALL_NAMES) for card in cards if "authorNames" in card]
    return WorkCardPlan(
        cardVenue=any("venue" in card for card in cards),
        cardAuthors=max((_limit(card, "authors", ALL_AUTHORS) for card in cards), default=0),
        cardAuthorDetails=any(name not in _AUTHOR_SHORT for selection in authors for name in selection),
        cardTopics=any("topics" in card for card in cards),
        cardAbstract=any("abstract" in card for card in cards),
        cardByline=(ALL_NAMES if ALL_NAMES in bylines else max(bylines)) if bylines else 0,
    )
