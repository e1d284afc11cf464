"""The Work type (papers, preprints, …), its connection and the topic link on a work."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import strawberry

from scholargraph.schema.node import Node
from scholargraph.schema.pagination import DEFAULT_PAGE_SIZE, PageInfo

T = TypeVar("T")

if TYPE_CHECKING:
    from scholargraph.context import Context
    from scholargraph.schema.institution import Source
    from scholargraph.schema.researcher import Researcher
    from scholargraph.schema.topic import Topic


@strawberry.type(description="A topic assigned to a work, with the classifier's score.")
class WorkTopic:
    topic: Annotated["Topic", strawberry.lazy("scholargraph.schema.topic")]
    score: float


@strawberry.type(description="A paper, preprint or other scholarly work.")
class Work(Node):
    id: strawberry.ID
    title: str | None = strawberry.field(description="Title; null for the rare record that has none.")
    type: str | None = strawberry.field(description="preprint, article, book-chapter, …")
    year: int | None
    publication_date: str | None = strawberry.field(description="YYYY-MM-DD when known.")
    abstract: str | None
    doi: str | None = strawberry.field(description="DOI without the https://doi.org/ prefix.")
    arxiv_id: str | None = strawberry.field(description="arXiv identifier, e.g. 2208.08741.")
    cited_by_count: int
    authors_count: int = strawberry.field(description="How many names the whole byline has.")
    # Derived at construction, not by resolvers: plain attribute reads are the cheapest fields graphql-core
    # completes (~15 µs less per field than a resolver; a profile has 20 cards, a work page 40).
    in_graph: bool = strawberry.field(
        description="False for a work known only as a reference target (only its id is known).")
    openalex_url: str = strawberry.field(description="The work's OpenAlex page.")
    url: str | None = strawberry.field(description="Link to the record at its source (DOI or arXiv).")
    names: strawberry.Private[list[str]]
    card: strawberry.Private[dict[str, Any]]

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Work:
        names = row.get("authorNames") or []
        return cls(
            id=strawberry.ID(row["id"]),
            title=row.get("title"),
            type=row.get("type"),
            year=row.get("year"),
            publication_date=row.get("publicationDate"),
            abstract=row.get("abstract"),
            doi=row.get("doi"),
            arxiv_id=row.get("arxivId"),
            cited_by_count=row.get("citedByCount") or 0,
            names=names,
            authors_count=row.get("authorsCount", len(names)),
            in_graph=not row.get("stub"),
            openalex_url=f"https://openalex.org/{row['id']}",
            url=_source_url(row.get("arxivId"), row.get("doi")),
            card=row,
        )

    def _part(self, info: strawberry.Info[Context], key: str, build: Callable[[Any], T]) -> T | Awaitable[T]:
        """`build(part)` for a card part (venue, authors, topics): now when the row carries it (the key is present;
        no coroutine, no task), else an awaitable that loads the whole card first (one batched statement for every
        work on the response that needs it)."""
        if key in self.card:
            return build(self.card[key])
        return self._part_later(info, key, build)

    async def _part_later(self, info: strawberry.Info[Context], key: str, build: Callable[[Any], T]) -> T:
        full = await info.context.loaders.work.load(str(self.id)) or {"authors": [], "topics": [], "venue": None}
        self.card = {**self.card, **full}
        return build(self.card[key])

    @strawberry.field(description="Where it is published (e.g. arXiv); null when not known.")
    def venue(self, info: strawberry.Info[Context]) -> Annotated["Source", strawberry.lazy("scholargraph.schema.institution")] | None:
        from scholargraph.schema.institution import Source

        return self._part(info, "venue", lambda row: Source.from_record(row) if row else None)  # type: ignore[return-value]

    @strawberry.field(description="The byline, including unmatched names; `first` keeps its first names (a work "
                                  "may have thousands: `authorsCount` says how many there are).")
    def author_names(self, first: int | None = None) -> list[str]:
        return self.names if first is None else self.names[:_non_negative(first)]

    @strawberry.field(description="Authors known to the graph, in byline order; `first` keeps the first ones.")
    def authors(self, info: strawberry.Info[Context], first: int | None = None,
                ) -> list[Annotated["Researcher", strawberry.lazy("scholargraph.schema.researcher")]]:
        from scholargraph.schema.researcher import Researcher

        end = None if first is None else _non_negative(first)
        return self._part(info, "authors",  # type: ignore[return-value]
                          lambda rows: [Researcher.from_record(row) for row in rows[:end]])

    @strawberry.field(description="Topics, highest score first.")
    def topics(self, info: strawberry.Info[Context]) -> list[WorkTopic]:
        from scholargraph.schema.topic import Topic

        return self._part(info, "topics",  # type: ignore[return-value]
                          lambda rows: [WorkTopic(topic=Topic.from_record(row), score=row["score"]) for row in rows])

    def _page(self, info: strawberry.Info[Context], page: str, first: int, after: str | None,
              loader: Any) -> WorkConnection | Awaitable[WorkConnection]:
        """A references or cited-by page: from the row when the root statement fetched this very page (or only
        the count is selected), else from the page loader."""
        from scholargraph.resolvers.work import connection_of, page_of_works, total_only

        if self.card.get(page + "Key") == (first, after):
            return connection_of(self.card[page], first, self.card[page + "Total"])
        if page + "Total" in self.card and total_only(info, first, after):
            return connection_of([], first, self.card[page + "Total"])
        return page_of_works(loader, str(self.id), first, after)

    @strawberry.field(description="Works this work cites, newest first; ones outside the graph carry only an id.")
    def references(self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE,
                   after: str | None = None) -> WorkConnection:
        return self._page(info, "references", first, after,  # type: ignore[return-value]
                          info.context.loaders.work_references)

    @strawberry.field(description="Imported works that cite this work, newest first.")
    def cited_by(self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE,
                 after: str | None = None) -> WorkConnection:
        return self._page(info, "citedBy", first, after, info.context.loaders.work_cited_by)  # type: ignore[return-value]


def _source_url(arxiv_id: str | None, doi: str | None) -> str | None:
    """The record at its source: arXiv first, else the DOI."""
    if arxiv_id:
        return f"https://arxiv.org/abs/{arxiv_id}"
    return f"https://doi.org/{doi}" if doi else None


def _non_negative(first: int) -> int:
    if first < 0:
        from scholargraph.errors import InvalidInput

        raise InvalidInput("first must not be negative.")
    return first


@strawberry.type
class WorkEdge:
    cursor: str
    node: Work


@strawberry.type(description="A page of works with the total count.")
class WorkConnection:
    edges: list[WorkEdge]
    page_info: PageInfo
    total_count: int
    complete: bool = strawberry.field(
        default=True, description="False when a sorted or filtered list was taken over the first 10,000 of its "
        "owner's works only (a hub's; docs/lists.md), so totalCount and the order cover those.")
