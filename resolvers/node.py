"""Root lookups by id (`node`, `researcher`, `work`, …) and full-text `search`."""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING, Any, TypeVar

import strawberry

from scholargraph.errors import InvalidInput
from scholargraph.resolvers import identifiers
from scholargraph.resolvers.researcher import researcher_plan
from scholargraph.resolvers.selection import selected
from scholargraph.resolvers.work import work_plan
from scholargraph.schema.institution import Institution, Source
from scholargraph.schema.node import EntityKind, Node, kind_of
from scholargraph.schema.researcher import Researcher
from scholargraph.schema.search import SearchHit
from scholargraph.schema.topic import MAX_GROUP_TOPICS, Topic, TopicGroup, TopicLevel, load_group, topic_plan
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
    if kind is EntityKind.WORK:
        work_row = await loaders.work_read.load((entity_id, work_plan(selected(info, "Work"))))
        return Work.from_record(work_row) if work_row else None
    if kind is EntityKind.TOPIC:
        topic_row = await loaders.topic_read.load((entity_id, topic_plan(selected(info, "Topic"))))
        return Topic.from_record(topic_row) if topic_row else None
    loader = {EntityKind.INSTITUTION: loaders.institution, EntityKind.SOURCE: loaders.source}[kind]
    row = await loader.load(entity_id)
    return _BUILDERS[kind](row) if row else None


async def node(info: strawberry.Info[Context], id: strawberry.ID) -> Node | None:
    """Any entity by id; null when unknown (or not an id of ours). An id OpenAlex merged away resolves to its
    survivor (importer merged_ids): one more round trip, for a miss only."""
    kind = kind_of(str(id))
    if not kind:
        return None
    found = await _load(info, kind, str(id))
    if found is None:
        merged = await info.context.graph.read_one("merged_id_resolve", id=str(id))
        if merged is not None and kind_of(merged["into"]) is kind:
            found = await _load(info, kind, merged["into"])
    return found


async def _node_as_stored(info: strawberry.Info[Context], id: strawberry.ID) -> Node | None:
    kind = kind_of(str(id))
    return await _load(info, kind, str(id)) if kind else None


async def _typed(info: strawberry.Info[Context], id: strawberry.ID | None, cls: type[T]) -> T | None:
    found = await node(info, id) if id is not None else None
    return found if isinstance(found, cls) else None


async def researcher(info: strawberry.Info[Context], id: strawberry.ID | None = None,
                     orcid: str | None = None) -> Researcher | None:
    """By OpenAlex id or by ORCID (bare or as a URL); give exactly one."""
    if _one_of(id=id, orcid=orcid) == "orcid":
        params = identifiers.parse(str(orcid))
        found = await lookup(info, EntityKind.RESEARCHER, orcid=params["orcid"] if params else None)
        return await _typed(info, found.id, Researcher) if found else None
    return await _typed(info, id, Researcher)


async def work(info: strawberry.Info[Context], id: strawberry.ID | None = None, doi: str | None = None,
               arxiv_id: str | None = None) -> Work | None:
    """By OpenAlex id, DOI or arXiv id (bare or as URLs); give exactly one."""
    chosen = _one_of(id=id, doi=doi, arxiv_id=arxiv_id)
    if chosen != "id":
        params = identifiers.parse(str(doi if chosen == "doi" else arxiv_id)) or identifiers.empty()
        key = "doi" if chosen == "doi" else "arxiv"
        found = await lookup(info, EntityKind.WORK, **{key: params[key]})
        return await _typed(info, found.id, Work) if found else None
    return await _typed(info, id, Work)


async def topic(info: strawberry.Info[Context], id: strawberry.ID) -> Topic | None:
    return await _typed(info, id, Topic)


async def institution(info: strawberry.Info[Context], id: strawberry.ID | None = None,
                      ror: str | None = None) -> Institution | None:
    """By OpenAlex id or ROR id (bare or as a URL); give exactly one."""
    if _one_of(id=id, ror=ror) == "ror":
        params = identifiers.parse(str(ror))
        found = await lookup(info, EntityKind.INSTITUTION, ror=params["ror"] if params else None)
        return await _typed(info, found.id, Institution) if found else None
    return await _typed(info, id, Institution)


async def source(info: strawberry.Info[Context], id: strawberry.ID) -> Source | None:
    return await _typed(info, id, Source)


FUZZY_MIN_LENGTH = 5  # words this long tolerate one typo; from FUZZY_TWO_EDITS letters on, two
FUZZY_TWO_EDITS = 9
MAX_SEARCH_OFFSET = 200
MAX_NODES = 100


def lucene_prefix_query(text: str) -> str:
    """Every word must match as a prefix (autocomplete), longer words also with a typo or two (Lucene fuzzy
    terms, Damerau-Levenshtein); user syntax is escaped. Raises InvalidInput if empty."""
    words = [_LUCENE_SPECIAL.sub(r"\\\1", word.lower()) for word in text.split()]
    words = [w for w in words if w.strip("\\")]
    if not words:
        raise InvalidInput("`text` must contain at least one word.")
    return " AND ".join(_term(word) for word in words)


def _term(word: str) -> str:
    letters = len(word.replace("\\", ""))
    if letters < FUZZY_MIN_LENGTH:
        return f"{word}*"
    return f"({word}* OR {word}~{2 if letters >= FUZZY_TWO_EDITS else 1})"


def _hit(row: dict[str, Any]) -> SearchHit:
    kind = EntityKind(row["kind"])
    node = row["node"]
    return SearchHit(score=row["score"], node=_BUILDERS[kind](node), detail=hit_detail(kind, node))


def hit_detail(kind: EntityKind, node: dict[str, Any]) -> str | None:
    """What tells two hits with the same name apart: affiliation and works for a researcher, year and first
    author for a work, size for a topic, country and type for an institution."""
    parts: list[str] = []
    if kind is EntityKind.RESEARCHER:
        parts = [node.get("affiliation") or "", _plural(node.get("authoredCount") or 0, "work")]
    elif kind is EntityKind.WORK:
        names = node.get("authorNames") or []
        byline = names[0] + (" et al." if len(names) > 1 else "") if names else ""
        parts = [str(node["year"]) if node.get("year") else "", byline, node.get("type") or ""]
    elif kind is EntityKind.TOPIC:
        parts = [_plural(node.get("worksCount") or 0, "work")]
    elif kind is EntityKind.INSTITUTION:
        parts = [node.get("countryCode") or "", node.get("type") or ""]
    elif kind is EntityKind.SOURCE:
        parts = [node.get("type") or ""]
    return " · ".join(p for p in parts if p) or None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


async def search(info: strawberry.Info[Context], text: str, kinds: list[EntityKind] | None = None,
                 first: int = 10, offset: int = 0) -> list[SearchHit]:
    """Identifiers (OpenAlex id or URL, DOI, arXiv id, ORCID, ROR) find their entity; anything else goes to
    full-text search with prefix and typo tolerance, best matches first."""
    if len(text) > MAX_SEARCH_TEXT:
        raise InvalidInput(f"`text` may be at most {MAX_SEARCH_TEXT} characters.")
    if first < 1 or first > MAX_SEARCH_RESULTS:
        raise InvalidInput(f"`first` must be between 1 and {MAX_SEARCH_RESULTS}; got {first}.")
    if offset < 0 or offset > MAX_SEARCH_OFFSET:
        raise InvalidInput(f"`offset` must be between 0 and {MAX_SEARCH_OFFSET}; got {offset}.")
    chosen = {k.value for k in kinds or list(EntityKind)}
    ids = identifiers.parse(text)
    if ids is not None:
        rows = await info.context.graph.read("entity_by_external_id", **ids)
        hits = [_hit(row) for row in rows if row["kind"] in chosen]
        if hits or ids["doi"] is None:
            return hits[offset:offset + first]
    rows = await info.context.graph.read(
        "entity_search", query=lucene_prefix_query(text), kinds=sorted(chosen),
        candidates=max(100, (offset + first) * 10), offset=offset, limit=first,
    )
    return [_hit(row) for row in rows]


async def lookup(info: strawberry.Info[Context], kind: EntityKind, **ids: str | None) -> Node | None:
    """The entity of `kind` with one external id (doi, arxiv, orcid, ror); null when none has it."""
    params = identifiers.empty()
    params.update(ids)
    rows = await info.context.graph.read("entity_by_external_id", **params)
    row = next((row for row in rows if row["kind"] == kind.value), None)
    return _BUILDERS[kind](row["node"]) if row else None


def _one_of(**given: object) -> str:
    named = [name for name, value in given.items() if value is not None]
    if len(named) != 1:
        raise InvalidInput(f"Give exactly one of {', '.join(f'`{n}`' for n in given)}.")
    return named[0]


async def nodes(info: strawberry.Info[Context], ids: list[strawberry.ID]) -> list[Node | None]:
    """Entities by id, in the order asked, null for unknown ids; one batched query per kind."""
    if len(ids) > MAX_NODES:
        raise InvalidInput(f"`ids` may hold at most {MAX_NODES} ids; got {len(ids)}.")
    return list(await asyncio.gather(*(_node_as_stored(info, i) for i in ids)))


async def topic_group(info: strawberry.Info[Context], level: TopicLevel, id: strawberry.ID) -> TopicGroup | None:
    """A subfield, field or domain by its numeric OpenAlex id; null when unknown. One statement, which also
    brings the topics the selection asks for (the largest `topics(first:)`)."""
    if not str(id).isdigit() or len(str(id)) > 12:
        return None
    wanted = [use.arguments.get("first", 20) if use.arguments else 0
              for use in selected(info, "TopicGroup").uses("topics")]
    row = await load_group(info, level, str(id), max([0, *[w for w in wanted if 0 <= w <= MAX_GROUP_TOPICS]]))
    return TopicGroup.from_record(row, level) if row else None
