"""Institutions and sources (venues)."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from scholargraph.schema.lists import Facet, WorkFilter, WorkGroupBy, WorkOrder
from scholargraph.schema.metrics import EntityMetrics, entity_metrics
from scholargraph.schema.node import Node
from scholargraph.schema.pagination import DEFAULT_PAGE_SIZE, PageInfo

if TYPE_CHECKING:
    from scholargraph.context import Context
    from scholargraph.schema.researcher import Researcher
    from scholargraph.schema.work import WorkConnection


@strawberry.enum(description="How to order an institution's researchers (largest first, ties by id).")
class ResearcherOrder(Enum):
    RECENT = "RECENT"  # the affiliation's latest year
    WORKS = "WORKS"  # works in the graph
    CITATIONS = "CITATIONS"  # sum of their works' OpenAlex citation counts


@strawberry.type(description="A university, company or other research institution.")
class Institution(Node):
    id: strawberry.ID
    name: str
    ror: str | None
    country_code: str | None
    type: str | None
    row: strawberry.Private[dict[str, Any]]

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Institution:
        return cls(id=strawberry.ID(row["id"]), name=row.get("name") or row["id"], ror=row.get("ror"),
                   country_code=row.get("countryCode"), type=row.get("type"), row=row)

    async def _full(self, info: strawberry.Info[Context]) -> dict[str, Any]:
        if "parents" not in self.row:
            self.row = await info.context.loaders.institution.load(str(self.id)) or {
                **self.row, "parents": [], "children": [], "researchersCount": 0}
        return self.row

    @strawberry.field(description="Institutions this one is part of (OpenAlex lineage).")
    async def parents(self, info: strawberry.Info[Context]) -> list[Institution]:
        return [Institution.from_record(row) for row in (await self._full(info))["parents"]]

    @strawberry.field(description="Institutions that are part of this one (up to 100, by name).")
    async def children(self, info: strawberry.Info[Context]) -> list[Institution]:
        return [Institution.from_record(row) for row in (await self._full(info))["children"]]

    @strawberry.field(description="Works and citations per year over its researchers' works.")
    async def metrics(self, info: strawberry.Info[Context]) -> EntityMetrics:
        return await entity_metrics(info.context.graph, "Institution", str(self.id))

    @strawberry.field(description="Researchers affiliated with it, most recently affiliated first unless "
                                  "`orderBy` says otherwise.")
    async def researchers(self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE,
                          after: str | None = None, order_by: ResearcherOrder | None = None,
                          ) -> AffiliatedResearcherConnection:
        from scholargraph.resolvers.entity import page_of_researchers

        return await page_of_researchers(info, str(self.id), first, after, order_by)

    @strawberry.field(description="Works of its researchers (each once), newest first unless `orderBy` says "
                                  "otherwise; sorted and filtered like every works list (docs/lists.md).")
    async def works(self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE,
                    after: str | None = None, order_by: WorkOrder | None = None, filter: WorkFilter | None = None,
                    ) -> Annotated["WorkConnection", strawberry.lazy("scholargraph.schema.work")]:
        from scholargraph.resolvers import lists

        return await lists.works_page(info, "Institution", str(self.id), first, after, order_by, filter)

    @strawberry.field(description="Its researchers' works grouped by year, type, topic, source or institution.")
    async def works_group_by(self, info: strawberry.Info[Context], by: WorkGroupBy,
                             filter: WorkFilter | None = None, first: int = 20) -> list[Facet]:
        from scholargraph.resolvers import lists

        return await lists.facets(info, "Institution", str(self.id), by, filter, first)


@strawberry.type
class AffiliatedResearcherEdge:
    cursor: str
    last_year: int | None = strawberry.field(description="The latest year of the affiliation, when known.")
    works_count: int = strawberry.field(description="The researcher's works in the graph.")
    node: Annotated["Researcher", strawberry.lazy("scholargraph.schema.researcher")]


@strawberry.type(description="A page of researchers with the total count.")
class AffiliatedResearcherConnection:
    edges: list[AffiliatedResearcherEdge]
    page_info: PageInfo
    total_count: int


@strawberry.type(description="Where works are published: a journal, repository (e.g. arXiv) or conference.")
class Source(Node):
    id: strawberry.ID
    name: str
    type: str | None
    issn_l: str | None = None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Source:
        return cls(id=strawberry.ID(row["id"]), name=row.get("name") or row["id"], type=row.get("type"),
                   issn_l=row.get("issnL"))

    @strawberry.field(description="Works published in it, newest first unless `orderBy` says otherwise.")
    async def works(self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE,
                    after: str | None = None, order_by: WorkOrder | None = None, filter: WorkFilter | None = None,
                    ) -> Annotated["WorkConnection", strawberry.lazy("scholargraph.schema.work")]:
        from scholargraph.resolvers import lists
        from scholargraph.resolvers.work import page_of_works

        if not lists.is_default(order_by, filter):
            return await lists.works_page(info, "Source", str(self.id), first, after, order_by, filter)
        return await page_of_works(info.context.loaders.source_works, str(self.id), first, after)

    @strawberry.field(description="Works and citations per year over the works published in it.")
    async def metrics(self, info: strawberry.Info[Context]) -> EntityMetrics:
        return await entity_metrics(info.context.graph, "Source", str(self.id))

    @strawberry.field(description="Its works grouped by year, type, topic, source or institution.")
    async def works_group_by(self, info: strawberry.Info[Context], by: WorkGroupBy,
                             filter: WorkFilter | None = None, first: int = 20) -> list[Facet]:
        from scholargraph.resolvers import lists

        return await lists.facets(info, "Source", str(self.id), by, filter, first)
