"""Root lookups by id (`node`, `researcher`, `work`, …) and full-text `search`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TypeVar

import strawberry

from scholargraph.errors import InvalidInput
from scholargraph.resolvers.researcher import researcher_plan
from scholargraph.resolvers.selection import selected
from scholargraph.schema.institution import Institution, Source
from scholargraph.schema.node import EntityKind, Node, kind_of
from scholargraph.schema.researcher import Researcher
from scholargraph.schema.search import SearchHit
from scholargraph.schema.topic import Topic
from scholargraph.schema.work import Work

if TYPE_CHECKING:
    from scholargraph.context import Context

T = TypeVar("T", bound=Node)
MAX_SEARCH_RESULTS = 50
MAX_SEARCH_TEXT = 200
# Lucene's query syntax; user text is escaped character by character before it reaches the parser.
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
_BUILDERS = {
    EntityKind.RESEARCHER: lambda row: Researcher.from_record(row),
    EntityKind.WORK: lambda row: Work.from_record(row),
    EntityKind.TOPIC: lambda row: Topic.from_record(row),
    EntityKind.INSTITUTION: lambda row: Institution.from_record(row),
    EntityKind.SOURCE: lambda row: Source.from_record(row),
}


async def _load(info: strawberry.Info[Context], kind: EntityKind, entity_id: str) -> Node | None:
    loaders = info.context.loaders
    if kind is EntityKind.RESEARCHER:
        plan = researcher_plan(selected(info, "Researcher"))
        row = await loaders.researcher.load((entity_id, plan))
        return Researcher.from_record(row, profile=True) if row else None
    loader = {EntityKind.WORK: loaders.work, EntityKind.TOPIC: loaders.topic,
              EntityKind.INSTITUTION: loaders.institution, EntityKind.SOURCE: loaders.source}[kind]
    row = await loader.load(entity_id)
    return _BUILDERS[kind](row) if row else None


async def node(info: strawberry.Info[Context], id: strawberry.ID) -> Node | None:
    """Any entity by id; null when unknown (or not an id of ours)."""
    kind = kind_of(str(id))
    return await _load(info, kind, str(id)) if kind else None


async def _typed(info: strawberry.Info[Context], id: strawberry.ID, cls: type[T]) -> T | None:
    found = await node(info, id)
    return found if isinstance(found, cls) else None


async def researcher(info: strawberry.Info[Context], id: strawberry.ID) -> Researcher | None:
    return await _typed(info, id, Researcher)


async def work(info: strawberry.Info[Context], id: strawberry.ID) -> Work | None:
    return await _typed(info, id, Work)


async def topic(info: strawberry.Info[Context], id: strawberry.ID) -> Topic | None:
    return await _typed(info, id, Topic)


async def institution(info: strawberry.Info[Context], id: strawberry.ID) -> Institution | None:
    return await _typed(info, id, Institution)


def lucene_prefix_query(text: str) -> str:
    """Every word must match as a prefix (autocomplete); user syntax is escaped. Raises InvalidInput if empty."""
    words = [_LUCENE_SPECIAL.sub(r"\\\1", word.lower()) for word in text.split()]
    words = [w for w in words if w.strip("\\")]
    if not words:
        raise InvalidInput("`text` must contain at least one word.")
    return " AND ".join(f"{word}*" for word in words)


async def search(info: strawberry.Info[Context], text: str, kinds: list[EntityKind] | None = None,
                 first: int = 10) -> list[SearchHit]:
    """Full-text search with prefix matching, best matches first."""
    if len(text) > MAX_SEARCH_TEXT:
        raise InvalidInput(f"`text` may be at most {MAX_SEARCH_TEXT} characters.")
    if first < 1 or first > MAX_SEARCH_RESULTS:
        raise InvalidInput(f"`first` must be between 1 and {MAX_SEARCH_RESULTS}; got {first}.")
    chosen = kinds or list(EntityKind)
    rows: list[dict[str, Any]] = await info.context.graph.read(
        "entity_search", query=lucene_prefix_query(text), kinds=[k.value for k in chosen],
        candidates=max(100, first * 10), limit=first,
    )
    return [SearchHit(score=row["score"], node=_BUILDERS[EntityKind(row["kind"])](row["node"])) for row in rows]
