"""Topics (the OpenAlex taxonomy, or legacy concepts)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from scholargraph.errors import InvalidInput

from scholargraph.schema.lists import Facet, WorkFilter, WorkGroupBy, WorkOrder
from scholargraph.schema.metrics import EntityMetrics, entity_metrics, metrics_from_row
from scholargraph.schema.node import Node
from scholargraph.schema.pagination import DEFAULT_PAGE_SIZE

if TYPE_CHECKING:
    from scholargraph.context import Context
    from scholargraph.schema.work import WorkConnection


COOCCURRING_SCAN = 5000  # works of a topic read at most to rank the topics sharing them (docs/lists.md)
MAX_COOCCURRING = 50
MAX_GROUP_TOPICS = 100


@dataclass(frozen=True)
class TopicPlan:
    """What the root topic read fetches beyond the topic and its hierarchy (cypher/read/topic_read_by_ids)."""

    metrics: bool = False
    cooccurring: int = 0

    def want(self) -> dict[str, Any]:
        return {"metrics": self.metrics, "cooccurring": self.cooccurring, "scan": COOCCURRING_SCAN}


def topic_plan(selection: Any) -> TopicPlan:
    """The parts of a topic a request selected (a Selection from resolvers/selection.py). Never raises: a bad
    `first` leaves the part out, and the field's resolver reports it."""
    wanted = [use.arguments.get("first", 10) for use in selection.uses("cooccurringTopics") if use.arguments]
    valid = [first for first in wanted if 1 <= first <= MAX_COOCCURRING]
    return TopicPlan(metrics="metrics" in selection, cooccurring=max(valid, default=0))


@strawberry.enum(description="The levels of the OpenAlex topic hierarchy above a topic, broadest last.")
class TopicLevel(Enum):
    SUBFIELD = "Subfield"
    FIELD = "Field"
    DOMAIN = "Domain"


CHILD_LEVEL = {TopicLevel.DOMAIN: TopicLevel.FIELD, TopicLevel.FIELD: TopicLevel.SUBFIELD}
PARENT_LEVEL = {TopicLevel.SUBFIELD: TopicLevel.FIELD, TopicLevel.FIELD: TopicLevel.DOMAIN}


@strawberry.type(description="A subfield, field or domain: a group of topics in the OpenAlex hierarchy "
                             "(domain › field › subfield › topic). Ids are OpenAlex's numeric ids.")
class TopicGroup:
    id: strawberry.ID
    name: str
    level: TopicLevel
    row: strawberry.Private[dict[str, Any]]

    @classmethod
    def from_record(cls, row: dict[str, Any], level: TopicLevel) -> TopicGroup:
        return cls(id=strawberry.ID(row["id"]), name=row.get("name") or row["id"], level=level, row=row)

    async def _full(self, info: strawberry.Info[Context]) -> dict[str, Any]:
        if "topicsCount" not in self.row:
            self.row = await load_group(info, self.level, str(self.id), 0) or {
                **self.row, "topicsCount": 0, "taggedWorks": 0, "children": [], "parent": None, "topics": []}
        return self.row

    @strawberry.field(description="The group one level up (a subfield's field, a field's domain); null for a domain.")
    async def parent(self, info: strawberry.Info[Context]) -> TopicGroup | None:
        row = self.row["parent"] if "parent" in self.row else (await self._full(info)).get("parent")
        return TopicGroup.from_record(row, PARENT_LEVEL[self.level]) if row and self.level in PARENT_LEVEL else None

    @strawberry.field(description="The groups one level down (a domain's fields, a field's subfields), by name.")
    async def children(self, info: strawberry.Info[Context]) -> list[TopicGroup]:
        if self.level not in CHILD_LEVEL:
            return []
        return [TopicGroup.from_record(row, CHILD_LEVEL[self.level]) for row in (await self._full(info))["children"]]

    @strawberry.field(description="How many topics it holds (through the levels below).")
    async def topics_count(self, info: strawberry.Info[Context]) -> int:
        if "topicsCount" not in self.row and "childTopicsCount" in self.row:  # a child listed by its parent
            return int(self.row["childTopicsCount"])
        return int((await self._full(info))["topicsCount"])

    @strawberry.field(description="Works tagged with at least one of its topics (a work with two counts once).")
    async def tagged_works(self, info: strawberry.Info[Context]) -> int:
        return int((await self._full(info))["taggedWorks"] or 0)

    @strawberry.field(description="Its topics, most works first (at most 100).")
    async def topics(self, info: strawberry.Info[Context], first: int = 20) -> list[Topic]:
        if not 0 <= first <= MAX_GROUP_TOPICS:
            raise InvalidInput(f"`first` must be between 0 and {MAX_GROUP_TOPICS}; got {first}.")
        row = self.row
        if row.get("topicsFirst", -1) < first:
            row = await load_group(info, self.level, str(self.id), first) or {}
        return [Topic.from_record(t) for t in (row.get("topics") or [])[:first]]


async def load_group(info: strawberry.Info[Context], level: TopicLevel, group_id: str,
                     topics: int) -> dict[str, Any] | None:
    """One statement (topic_group_by_id)."""
    row = await info.context.graph.read_one("topic_group_by_id", level=level.value, id=group_id, topics=topics)
    if row is None or row["grp"] is None:
        return None
    found: dict[str, Any] = row["grp"]
    for child in found["children"]:
        child["childTopicsCount"] = child.pop("topicsCount")
    return {**found, "topicsFirst": topics}


@strawberry.type(description="A topic that shares works with another, and how many.")
class SharedTopic:
    topic: Topic
    shared_works: int


@strawberry.type(description="The topics sharing the most works with a topic. At most 5,000 of the topic's works "
                             "are read, so for bigger topics the counts are over that sample.")
class CooccurringTopics:
    works_scanned: int = strawberry.field(description="How many of the topic's works were read.")
    complete: bool = strawberry.field(description="True when every one of the topic's works was read.")
    topics: list[SharedTopic]


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

    @strawberry.field(description="Its place in the hierarchy, broadest first: domain, field, subfield (levels "
                                  "not imported are left out).")
    async def hierarchy(self, info: strawberry.Info[Context]) -> list[TopicGroup]:
        row = await self._full(info)
        return [TopicGroup.from_record({"id": row[f"{key}Id"], "name": row.get(key)}, level)
                for key, level in (("domain", TopicLevel.DOMAIN), ("field", TopicLevel.FIELD),
                                   ("subfield", TopicLevel.SUBFIELD)) if row.get(f"{key}Id")]

    @strawberry.field(description="Topics that share the most works with this one (at most 50), with the counts.")
    async def cooccurring_topics(self, info: strawberry.Info[Context], first: int = 10) -> CooccurringTopics:
        if not 1 <= first <= MAX_COOCCURRING:
            raise InvalidInput(f"`first` must be between 1 and {MAX_COOCCURRING}; got {first}.")
        row = self.row.get("cooccurring")
        if row is None or row["first"] < first:  # not fetched by the root read: one batched statement
            row = await info.context.loaders.topic_cooccurring.load((str(self.id), first))
        if row is None:
            return CooccurringTopics(works_scanned=0, complete=True, topics=[])
        return CooccurringTopics(
            works_scanned=row["scanned"], complete=row["scanned"] >= (row["worksCount"] or 0),
            topics=[SharedTopic(topic=Topic.from_record(t), shared_works=t["shared"]) for t in row["topics"][:first]])

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
        if self.row.get("metrics") is not None:  # fetched by the root read
            return metrics_from_row(self.row["metrics"])
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
