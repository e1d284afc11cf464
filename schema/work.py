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
    author_names: list[str] = strawberry.field(description="The full byline, including unmatched names.")
    card: strawberry.Private[dict[str, Any]]

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Work:
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
            author_names=row.get("authorNames") or [],
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

    @strawberry.field(description="Authors known to the graph, in byline order.")
    def authors(self, info: strawberry.Info[Context]) -> list[Annotated["Researcher", strawberry.lazy("scholargraph.schema.researcher")]]:
        from scholargraph.schema.researcher import Researcher

        return self._part(info, "authors",  # type: ignore[return-value]
                          lambda rows: [Researcher.from_record(row) for row in rows])

    @strawberry.field(description="Topics, highest score first.")
    def topics(self, info: strawberry.Info[Context]) -> list[WorkTopic]:
        from scholargraph.schema.topic import Topic

        return self._part(info, "topics",  # type: ignore[return-value]
                          lambda rows: [WorkTopic(topic=Topic.from_record(row), score=row["score"]) for row in rows])

    @strawberry.field(description="False for a work known only as a reference target (only its id is known).")
    def in_graph(self) -> bool:
        return not self.card.get("stub")

    @strawberry.field(description="The work's OpenAlex page.")
    def openalex_url(self) -> str:
        return f"https://openalex.org/{self.id}"

    @strawberry.field(description="Works this work cites, newest first; ones outside the graph carry only an id.")
    async def references(self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE,
                         after: str | None = None) -> WorkConnection:
        from scholargraph.resolvers.work import page_of_works

        return await page_of_works(info.context.loaders.work_references, str(self.id), first, after)

    @strawberry.field(description="Imported works that cite this work, newest first.")
    async def cited_by(self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE,
                       after: str | None = None) -> WorkConnection:
        from scholargraph.resolvers.work import page_of_works

        return await page_of_works(info.context.loaders.work_cited_by, str(self.id), first, after)

    @strawberry.field(description="Link to the record at its source (DOI or arXiv).")
    def url(self) -> str | None:
        if self.arxiv_id:
            return f"https://arxiv.org/abs/{self.arxiv_id}"
        return f"https://doi.org/{self.doi}" if self.doi else None


@strawberry.type
class WorkEdge:
    cursor: str
    node: Work


@strawberry.type(description="A page of works with the total count.")
class WorkConnection:
    edges: list[WorkEdge]
    page_info: PageInfo
    total_count: int
