"""DataLoader batch functions: one named query per batch, results aligned with the keys."""

from __future__ import annotations

from functools import cached_property, partial
from typing import Any

from strawberry.dataloader import DataLoader

from scholargraph.db import Graph
from scholargraph.resolvers.researcher import PROFILE, ResearcherPlan
from scholargraph.resolvers.work import WorkPlan

# A page key: (entity id, first, after_date, after_id).
PageKey = tuple[str, int, Any, Any]


async def _by_ids(graph: Graph, query: str, column: str, ids: list[str]) -> list[dict[str, Any] | None]:
    rows = await graph.read(query, ids=ids)
    found = {row["id"]: row[column] for row in rows}
    return [found.get(i) for i in ids]


async def load_researchers(graph: Graph, keys: list[tuple[str, ResearcherPlan]]) -> list[dict[str, Any] | None]:
    """Researchers by (id, plan): one statement per distinct plan (one in practice), rows keep only what the plan
    fetched, so a missing key means "not loaded" to the types (schema/researcher.py, schema/work.py)."""
    found: dict[tuple[str, ResearcherPlan], dict[str, Any]] = {}
    by_plan: dict[ResearcherPlan, list[str]] = {}
    for researcher_id, plan in keys:
        by_plan.setdefault(plan, []).append(researcher_id)
    for plan, ids in by_plan.items():
        rows = await graph.read("researcher_read_by_ids", ids=list(dict.fromkeys(ids)), want=plan.want())
        keep = plan.fetched()
        drop_card = [key for key, wanted in (("venue", plan.card.venue), ("authors", plan.card.authors),
                                             ("topics", plan.card.workTopics)) if not wanted]
        for row in rows:
            researcher = {key: value for key, value in row["researcher"].items() if key in keep}
            if drop_card and researcher.get("works"):
                for work in researcher["works"]:
                    for key in drop_card:
                        del work[key]
            if plan.worksPage:
                researcher["worksKey"] = (plan.worksFirst, plan.worksAfter)
            found[(row["id"], plan)] = researcher
    return [found.get(key) for key in keys]


async def load_works(graph: Graph, keys: list[tuple[str, WorkPlan]]) -> list[dict[str, Any] | None]:
    """Works by (id, plan) through work_read_by_ids, one statement per distinct plan; rows keep only what the plan
    fetched (a missing key means "not loaded" to schema/work.py), pages carry the (first, after) they answer."""
    found: dict[tuple[str, WorkPlan], dict[str, Any]] = {}
    by_plan: dict[WorkPlan, list[str]] = {}
    for work_id, plan in keys:
        by_plan.setdefault(plan, []).append(work_id)
    for plan, ids in by_plan.items():
        rows = await graph.read("work_read_by_ids", ids=list(dict.fromkeys(ids)), want=plan.want())
        keep = plan.fetched()
        drop_card = plan.card_parts_unfetched()
        for row in rows:
            work = {key: value for key, value in row["work"].items() if key in keep}
            for page, key in (("references", plan.referencesKey), ("citedBy", plan.citedByKey)):
                if key is None:
                    continue
                work[page + "Key"] = key
                for card in work[page]:
                    for part in drop_card:
                        del card[part]
            found[(row["id"], plan)] = work
    return [found.get(key) for key in keys]


async def load_researcher_profiles(graph: Graph, ids: list[str]) -> list[dict[str, Any] | None]:
    """Whole profiles (everything but a works page), for researchers reached below the root."""
    return await load_researchers(graph, [(i, PROFILE) for i in ids])


async def _pages(graph: Graph, query: str, keys: list[PageKey]) -> list[dict[str, Any]]:
    pages = [{"id": i, "first": first, "after_date": after_date, "after_id": after_id}
             for i, first, after_date, after_id in keys]
    rows = await graph.read(query, pages=pages)
    found = {(row["id"], row["first"], row["after_date"], row["after_id"]): row for row in rows}
    return [found.get(key, {"works": [], "total_count": 0}) for key in keys]


# An institution's researchers page: (institution id, first, order, after_key, after_id).
ResearcherPageKey = tuple[str, int, str, Any, Any]


async def _researcher_pages(graph: Graph, keys: list[ResearcherPageKey]) -> list[dict[str, Any]]:
    pages = [{"id": i, "first": first, "order": order, "after_key": after_key, "after_id": after_id}
             for i, first, order, after_key, after_id in keys]
    rows = await graph.read("institution_researchers_pages", pages=pages)
    found = {(row["id"], row["first"], row["order"], row["after_key"], row["after_id"]): row for row in rows}
    return [found.get(key, {"researchers": [], "total_count": 0}) for key in keys]


async def load_topics(graph: Graph, keys: list[tuple[str, Any]]) -> list[dict[str, Any] | None]:
    """Topics by (id, plan) for the root (topic_read_by_ids): one statement per distinct plan; keys the plan did
    not fetch are dropped, so the type falls back to its own statements (schema/topic.py)."""
    found: dict[tuple[str, Any], dict[str, Any]] = {}
    by_plan: dict[Any, list[str]] = {}
    for topic_id, plan in keys:
        by_plan.setdefault(plan, []).append(topic_id)
    for plan, ids in by_plan.items():
        rows = await graph.read("topic_read_by_ids", ids=list(dict.fromkeys(ids)), want=plan.want())
        for row in rows:
            topic = {key: value for key, value in row["topic"].items() if value is not None or key not in
                     ("metrics", "cooccurring")}
            found[(row["id"], plan)] = topic
    return [found.get(key) for key in keys]


async def _cooccurring(graph: Graph, keys: list[tuple[str, int]]) -> list[dict[str, Any] | None]:
    """Co-occurring topics by (topic id, first), for topics reached below the root (topic_cooccurring)."""
    from scholargraph.schema.topic import COOCCURRING_SCAN

    rows = await graph.read("topic_cooccurring", keys=[{"id": i, "first": first} for i, first in keys],
                            scan=COOCCURRING_SCAN)
    found = {(row["id"], row["first"]): row for row in rows}
    return [found.get(key) for key in keys]


# A researcher's co-authors page: (researcher id, first, after_shared, after_year, after_id).
CollaboratorPageKey = tuple[str, int, Any, Any, Any]


async def _collaborator_pages(graph: Graph, keys: list[CollaboratorPageKey]) -> list[dict[str, Any]]:
    pages = [{"id": i, "first": first, "after_shared": shared, "after_year": year, "after_id": after_id}
             for i, first, shared, year, after_id in keys]
    rows = await graph.read("researcher_collaborators_pages", pages=pages)
    found = {(row["id"], row["first"], row["after_shared"], row["after_year"], row["after_id"]): row for row in rows}
    return [found.get(key, {"collaborators": [], "total_count": 0}) for key in keys]


class Loaders:
    """A request's DataLoaders, each made on first use: a request uses one or two of them, and making all of
    them up front cost ≈ 40 µs on every request (docs/resolvers.md). Their caches never outlive the request."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    @cached_property
    def researcher(self) -> DataLoader[tuple[str, ResearcherPlan], dict[str, Any] | None]:
        return DataLoader(partial(load_researchers, self.graph))

    @cached_property
    def researcher_profile(self) -> DataLoader[str, dict[str, Any] | None]:
        return DataLoader(partial(load_researcher_profiles, self.graph))

    @cached_property
    def researcher_works(self) -> DataLoader[PageKey, dict[str, Any]]:
        return DataLoader(partial(_pages, self.graph, "works_by_researcher_pages"))

    @cached_property
    def topic_works(self) -> DataLoader[PageKey, dict[str, Any]]:
        return DataLoader(partial(_pages, self.graph, "topic_works_pages"))

    @cached_property
    def work(self) -> DataLoader[str, dict[str, Any] | None]:
        return DataLoader(partial(_by_ids, self.graph, "works_by_ids", "work"))

    @cached_property
    def work_read(self) -> DataLoader[tuple[str, WorkPlan], dict[str, Any] | None]:
        return DataLoader(partial(load_works, self.graph))

    @cached_property
    def topic(self) -> DataLoader[str, dict[str, Any] | None]:
        return DataLoader(partial(_by_ids, self.graph, "topics_by_ids", "topic"))

    @cached_property
    def institution(self) -> DataLoader[str, dict[str, Any] | None]:
        return DataLoader(partial(_by_ids, self.graph, "institutions_by_ids", "institution"))

    @cached_property
    def source(self) -> DataLoader[str, dict[str, Any] | None]:
        return DataLoader(partial(_by_ids, self.graph, "sources_by_ids", "source"))

    # Issue 12: citations and metrics.
    @cached_property
    def work_references(self) -> DataLoader[PageKey, dict[str, Any]]:
        return DataLoader(partial(_pages, self.graph, "work_references_pages"))

    @cached_property
    def work_cited_by(self) -> DataLoader[PageKey, dict[str, Any]]:
        return DataLoader(partial(_pages, self.graph, "work_cited_by_pages"))

    @cached_property
    def researcher_metrics(self) -> DataLoader[str, dict[str, Any] | None]:
        return DataLoader(partial(_by_ids, self.graph, "researcher_metrics_by_ids", "metrics"))

    @cached_property
    def source_works(self) -> DataLoader[PageKey, dict[str, Any]]:
        return DataLoader(partial(_pages, self.graph, "source_works_pages"))

    @cached_property
    def institution_researchers(self) -> DataLoader[ResearcherPageKey, dict[str, Any]]:
        return DataLoader(partial(_researcher_pages, self.graph))

    @cached_property
    def researcher_collaborators(self) -> DataLoader[CollaboratorPageKey, dict[str, Any]]:
        return DataLoader(partial(_collaborator_pages, self.graph))

    @cached_property
    def topic_read(self) -> DataLoader[tuple[str, Any], dict[str, Any] | None]:
        return DataLoader(partial(load_topics, self.graph))

    @cached_property
    def topic_cooccurring(self) -> DataLoader[tuple[str, int], dict[str, Any] | None]:
        return DataLoader(partial(_cooccurring, self.graph))



def make_loaders(graph: Graph) -> Loaders:
    """Fresh loaders for one request: their caches must never outlive it."""
    return Loaders(graph)
