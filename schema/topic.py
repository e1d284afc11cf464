"""Topics (the OpenAlex taxonomy, or legacy concepts)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from scholargraph.schema.lists import Facet, WorkFilter, WorkGroupBy, WorkOrder
from scholargraph.schema.metrics import EntityMetrics, entity_metrics
from scholargraph.schema.node import Node
from scholargraph.schema.pagination import DEFAULT_PAGE_SIZE

if TYPE_CHECKING:
    from scholargraph.context import Context
    from scholargraph.schema.work import WorkConnection


@strawberry.type(description="A research topic.")
class Topic(Node):
    id: strawberry.ID
    name: str
    works_count: int = strawberry.field(description="How many works in the graph carry this topic.")
    row: strawberry.Private[dict[str, Any]]

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Topic:
        return cls(id=strawberry.ID(row["id"]), name=row.get("name") or row["id"],
                   works_count=row.get("worksCount") or 0, row=row)

    async def _full(self, info: strawberry.Info[Context]) -> dict[str, Any]:
        if "subfield" not in self.row:
            self.row = await info.context.loaders.topic.load(str(self.id)) or {**self.row, "subfield": None}
        return self.row

    @strawberry.field
    async def subfield(self, info: strawberry.Info[Context]) -> str | None:
        return (await self._full(info)).get("subfield")

    @strawberry.field
    async def field(self, info: strawberry.Info[Context]) -> str | None:
        return (await self._full(info)).get("field")

    @strawberry.field
    async def domain(self, info: strawberry.Info[Context]) -> str | None:
        return (await self._full(info)).get("domain")

    @strawberry.field(description="Works with this topic, newest first unless `orderBy` says otherwise.")
    async def works(self, info: strawberry.Info[Context], first: int = DEFAULT_PAGE_SIZE,
                    after: str | None = None, order_by: WorkOrder | None = None, filter: WorkFilter | None = None,
                    ) -> Annotated["WorkConnection", strawberry.lazy("scholargraph.schema.work")]:
        from scholargraph.resolvers import lists
        from scholargraph.resolvers.work import page_of_works

        if not lists.is_default(order_by, filter):
            return await lists.works_page(info, "Topic", str(self.id), first, after, order_by, filter)

        return await page_of_works(info.context.loaders.topic_works, str(self.id), first, after)


    @strawberry.field(description="Works and citations per year over its works.")
    async def metrics(self, info: strawberry.Info[Context]) -> EntityMetrics:
        return await entity_metrics(info.context.graph, "Topic", str(self.id))

    @strawberry.field(description="Works with this topic grouped by year, type, topic, source or institution.")
    async def works_group_by(self, info: strawberry.Info[Context], by: WorkGroupBy,
                             filter: WorkFilter | None = None, first: int = 20) -> list[Facet]:
        from scholargraph.resolvers import lists

        return await lists.facets(info, "Topic", str(self.id), by, filter, first)


@strawberry.type(description="A topic a researcher works on, with the strength of the tie.")
class ResearcherTopic:
    topic: Topic
    weight: float = strawberry.field(description="Sum of the topic scores over the researcher's works.")
    works: int = strawberry.field(description="How many of the researcher's works carry the topic.")
