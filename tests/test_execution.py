"""The fast field completion (schema/execution.py) answers exactly what graphql-core's own path answers.

Every document the pages and the bench send runs twice on the same data, once with `FastExecutionContext` and once
with strawberry's stock context, and the two responses (data and errors) must be equal byte for byte. A small
test-only schema covers what real data never produces: nulls in non-null fields and list items, objects of the
wrong type, exceptions and async resolvers below fast objects, and abstract types.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import orjson
import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from scholargraph import db
from scholargraph.context import make_context
from scholargraph.importer.run import import_paths
from scholargraph.schema.execution import FastExecutionContext
from scholargraph.schema.root import schema
from scholargraph.settings import Settings
from tests.conftest import cypher_rows

REPO = Path(__file__).resolve().parent.parent
ZHEFAN = "A5101727316"


class _Counting:
    """Counts the GraphQLResolveInfo objects an execution builds (one per field taken by graphql-core's path)."""

    infos = 0

    def build_resolve_info(self, *args: Any) -> Any:
        type(self).infos += 1
        return super().build_resolve_info(*args)  # type: ignore[misc]


class CountingStock(_Counting, StrawberryGraphQLCoreExecutionContext):
    infos = 0


class CountingFast(_Counting, FastExecutionContext):
    infos = 0


def _response(result: Any) -> bytes:
    errors = [error.formatted for error in result.errors] if result.errors else None
    return orjson.dumps({"data": result.data, "errors": errors}, option=orjson.OPT_SORT_KEYS)


@pytest.fixture
def contexts() -> Iterator[None]:
    """The schema's execution context restored after the test (the test swaps it per run)."""
    kept = schema.execution_context_class
    CountingStock.infos = CountingFast.infos = 0
    yield
    schema.execution_context_class = kept


async def _both(graph: db.Graph, document: str, variables: dict[str, Any]) -> tuple[bytes, bytes]:
    answers = []
    for context_class in (CountingStock, CountingFast):
        schema.execution_context_class = context_class
        result = await schema.execute(document, variable_values=variables, context_value=make_context(graph))
        answers.append(_response(result))
    return answers[0], answers[1]


@pytest.fixture
async def imported(seeded_graph: neo4j.Driver, settings: Settings) -> dict[str, str]:
    """The seed plus the OpenAlex sample (71 works): ids of its busiest researcher, work, topic, institution."""
    async with db.connect(settings) as graph:
        await import_paths([REPO / "tests" / "data" / "openalex" / "works.jsonl"], graph, progress=False)
    pick = """
        MATCH (n:$($label)) WITH n, COUNT { (n)--() } AS degree ORDER BY degree DESC, n.id LIMIT 1 RETURN n.id AS id"""
    ids = {label: cypher_rows(seeded_graph, settings, pick, label=label)[0]["id"]
           for label in ("Researcher", "Work", "Topic", "Institution", "Source")}
    ids["other"] = cypher_rows(seeded_graph, settings, """
        MATCH (r:Researcher) WHERE r.id <> $id RETURN r.id AS id ORDER BY COUNT { (r)--() } DESC, r.id LIMIT 1""",
                               id=ids["Researcher"])[0]["id"]
    return ids


def _documents(ids: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    web, bench = REPO / "web" / "queries", REPO / "bench" / "queries"
    researcher, work = ids["Researcher"], ids["Work"]
    return [
        (str(web / "profile.graphql"), {"id": researcher}),
        (str(web / "profile.graphql"), {"id": ZHEFAN, "works": 1, "worksOrder": "CITATIONS"}),
        (str(bench / "works_page.graphql"), {"id": researcher, "first": 5}),
        (str(bench / "works_count.graphql"), {"id": researcher}),
        (str(bench / "metrics.graphql"), {"id": researcher}),
        (str(bench / "topic_metrics.graphql"), {"id": ids["Topic"]}),
        (str(web / "work.graphql"), {"id": work}),
        (str(web / "work.graphql"), {"id": "W4292165733", "first": 1}),
        (str(web / "search.graphql"), {"text": "zhe"}),
        (str(web / "search_page.graphql"), {"text": "knowledge", "first": 10}),
        (str(web / "collaborator_suggestions.graphql"), {"id": researcher}),
        (str(bench / "collaborator_suggestions.graphql"), {"id": researcher}),
        (str(web / "collaborators.graphql"), {"id": researcher}),
        (str(web / "graph_slice.graphql"), {"center": researcher, "depth": 2}),
        (str(web / "connection_path.graphql"), {"from": researcher, "to": ids["other"]}),
        (str(web / "node_details.graphql"), {"id": work}),
        (str(web / "topic.graphql"), {"id": ids["Topic"]}),
        (str(web / "institution.graphql"), {"id": ids["Institution"]}),
        (str(web / "source.graphql"), {"id": ids["Source"]}),
        (str(web / "profile_viewer.graphql"), {"id": researcher}),
        (str(web / "profile.graphql"), {"id": "A404"}),
    ]


async def test_documents_answer_the_same_with_both_contexts(imported: dict[str, str], graph: db.Graph,
                                                            contexts: None) -> None:
    for path, variables in _documents(imported):
        stock, fast = await _both(graph, Path(path).read_text(), variables)
        assert orjson.loads(stock)["data"] is not None, path
        assert fast == stock, (path, variables)
    # The fast path was taken: far fewer resolve infos than graphql-core's own path builds.
    assert CountingFast.infos < CountingStock.infos / 2, (CountingFast.infos, CountingStock.infos)


def test_no_schema_extension_wraps_resolvers() -> None:
    """An extension implementing `resolve` becomes middleware on every field and turns the fast path off."""
    extensions = schema.get_extensions()
    assert extensions and not schema._get_middleware_manager(extensions).middlewares


SHAPES = """
query Shapes($skip: Boolean!, $first: Int = 2) {
  researcher(id: $id) {
    __typename
    ...Who
    again: name
    name @include(if: $skip)
    orcid @skip(if: $skip)
    counts { ... on ResearcherCounts { works topics } works }
    works(first: $first) {
      __typename
      totalCount
      edges { node { __typename id t: title ...Card authorNames(first: 1) } cursor }
    }
    topics { topic { id ... on Topic { name } } works }
  }
  node(id: $id) { __typename id ... on Researcher { name } }
  nodes(ids: [$id, "W0", $id]) { __typename id }
}
fragment Who on Researcher { id name }
fragment Card on Work { title year venue { __typename name } authors { __typename id name } }
"""


async def test_skip_include_aliases_fragments_typename(imported: dict[str, str], graph: db.Graph,
                                                      contexts: None) -> None:
    document = SHAPES.replace("query Shapes($skip", "query Shapes($id: ID!, $skip")
    for skip in (True, False):
        stock, fast = await _both(graph, document, {"id": imported["Researcher"], "skip": skip})
        assert orjson.loads(stock)["errors"] is None
        assert fast == stock
    bad = await _both(graph, document, {"id": imported["Researcher"], "skip": True, "first": -1})
    assert orjson.loads(bad[0])["errors"], "a bad argument below a fast object keeps its error and path"
    assert bad[1] == bad[0]


# --- a test-only schema for what real data never produces --------------------------------------------------------


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class _Refused(strawberry.BasePermission):
    message = "refused"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return False


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Item(Named):
    id: strawberry.ID
    note: str | None
    count: int
    colour: Colour
    tags: list[str]
    loose_tags: list[str | None] | None
    child: Item | None
    must: Item
    children: list[Item]
    loose: list[Item | None] | None
    friend: Named | None

    @strawberry.field
    async def later(self) -> str:
        return f"later {self.id}"

    @strawberry.field
    def fails(self) -> str | None:
        raise ValueError(f"fails on {self.id}")

    @strawberry.field
    def fails_required(self) -> str:
        raise ValueError(f"required fails on {self.id}")

    # Resolvers strawberry would call directly (FastExecutionContext's resolver path), and their neighbours that
    # must keep strawberry's wrapper (enum argument, permission class, async).
    @strawberry.field
    def label(self, prefix: str = "#", times: int | None = None, sep: str | None = None) -> str:
        return (sep or "").join([prefix] * (1 if times is None else times)) + str(self.id)

    @strawberry.field
    def first_tags(self, first: int | None = None) -> list[str]:
        return self.tags if first is None else self.tags[:first]

    @strawberry.field
    def null_required(self, give: bool = False) -> str:
        return "given" if give else None  # type: ignore[return-value]

    @strawberry.field
    def raises(self, n: int) -> int:
        raise ValueError(f"raises {n} on {self.id}")

    @strawberry.field
    def sibling(self, id: strawberry.ID, required: bool = False) -> Item | None:
        return None if id == "none" else (_item(str(id), must=None) if required else _leaf(str(id)))

    @strawberry.field
    def siblings(self, ids: list[strawberry.ID]) -> list[Item]:  # a list argument: strawberry's wrapper
        return [_leaf(str(id_)) for id_ in ids]

    @strawberry.field
    def where(self, info: strawberry.Info, suffix: str = "") -> str:
        return f"{info.field_name} at {info.path.as_list()} of {info.python_name}{suffix}"

    @strawberry.field
    def deferred(self, fail: bool = False) -> str:  # a plain method returning an awaitable
        async def value() -> str:
            if fail:
                raise ValueError("deferred fails")
            return f"deferred {self.id}"
        return value()  # type: ignore[return-value]

    @strawberry.field
    def in_colour(self, colour: Colour = Colour.BLUE) -> str:
        return f"{self.id} in {colour.value}"

    @strawberry.field(permission_classes=[_Refused])
    def secret(self) -> str:
        return "secret"


@strawberry.type
class Other:
    name: str = "other"


def _item(id_: str, **changes: Any) -> Item:
    base: dict[str, Any] = dict(id=id_, name=f"item {id_}", note=None, count=1, colour=Colour.RED, tags=["a", "b"],
                                loose_tags=["x", None], child=None, must=None, children=[], loose=None, friend=None)
    base.update(changes)
    return Item(**base)


def _leaf(id_: str) -> Item:
    return _item(id_, must=_item(id_ + ".m"))


GOOD = _item("1", must=_leaf("1m"), child=_leaf("1c"), children=[_leaf("1a"), _leaf("1b")],
             loose=[None, _leaf("1l")], friend=_leaf("1f"))


@strawberry.type
class ShapesQuery:
    @strawberry.field
    def good(self) -> Item:
        return GOOD

    @strawberry.field
    def null_name(self) -> Item | None:  # null in a non-null leaf: the error's path and message
        return _item("2", name=None, must=_leaf("2m"))

    @strawberry.field
    def null_in_list(self) -> Item | None:  # null item in [String!]! and in [Item!]!
        return _item("3", tags=["a", None], must=_leaf("3m"), children=[_leaf("3a"), None])

    @strawberry.field
    def null_must(self) -> list[Item | None]:  # null in a non-null object, inside a list
        return [_item("4", must=None), GOOD]

    @strawberry.field
    def wrong_type(self) -> Item | None:  # objects that are not Items (Item has an interface: is_type_of checks)
        return _item("5", must=Other(), children=[_leaf("5a"), Other()])  # type: ignore[arg-type]

    @strawberry.field
    def bad_scalars(self) -> Item | None:  # values that do not coerce: an int that is not, a colour that is not
        return _item("6", count="many", colour="green", tags=[1, 2.5, True, {"not": "a string"}], must=_leaf("6m"))

    @strawberry.field
    def big(self) -> Item | None:  # an int beyond 32 bits, and a bool where an int is asked
        return _item("9", count=2**40, must=_item("9m", count=True, must=None))

    @strawberry.field
    def not_lists(self) -> Item | None:
        return _item("7", tags="abc", children=_leaf("7c"), must=_leaf("7m"))

    # Lists that resolvers return (graphql-core's complete_value, not a plain field).
    @strawberry.field
    def listed(self, broken: bool = False) -> list[Item]:
        return [GOOD, None if broken else _leaf("8")]  # type: ignore[list-item]

    @strawberry.field
    async def listed_later(self) -> list[Item | None]:
        return [None, GOOD, Other()]  # type: ignore[list-item]

    @strawberry.field
    def words(self, broken: bool = False) -> list[str]:
        return ["a", None if broken else "b"]  # type: ignore[list-item]


FIELDS = """__typename id name note count colour tags looseTags later fails
            must { id name later } child { id must { id } } children { id later fails must { id } }
            loose { id } friend { __typename name ... on Item { id } }"""
SHAPE_DOCUMENTS = [  # every one has errors but the last
    "{ good { " + FIELDS + " } }",
    "{ good { children { failsRequired } } }",
    "{ good { must { failsRequired } child { id } } }",
    "{ nullName { id name } good { id } }",
    "{ nullInList { tags } }",
    "{ nullInList { children { id } } }",
    "{ nullMust { id must { id } } }",
    "{ wrongType { must { name } } }",
    "{ wrongType { children { id } } }",
    "{ badScalars { count } }",
    "{ badScalars { colour } }",
    "{ badScalars { tags } }",
    "{ big { must { count } count } }",
    "{ notLists { tags } }",
    "{ notLists { children { id } } }",
    "{ listed(broken: true) { id later } }",
    "{ listedLater { id } }",
    "{ words(broken: true) }",
    "{ listed { id later fails children { later } } words listedLater { __typename } }",
    "{ good { children { nullRequired } } }",
    "{ good { children { raises(n: 3) } } }",
    "{ good { children { sibling(id: \"s\", required: true) { id must { id } } } } }",
    "{ good { children { deferred(fail: true) } } }",
    "{ good { secret } }",
    "{ good { sibling(id: \"s\") { id label fails } children { label(times: -1) } } }",
    "{ a: good { i: id ...F } b: good { ...F } } fragment F on Item { name x: name @skip(if: true) }",
]
# The resolver path with arguments given, defaulted and from variables (set, unset, null), aliases, fragments.
RESOLVER_DOCUMENT = """
query Resolvers($prefix: String = "~", $times: Int, $first: Int, $id: ID!, $colour: Colour!) {
  good {
    label plain: label(prefix: "!", times: 2, sep: "-") vars: label(prefix: $prefix, times: $times)
    firstTags(first: $first) allTags: firstTags nullRequired(give: true) where dotted: where(suffix: ".")
    deferred inColour red: inColour(colour: $colour) siblings(ids: [$id, "x"]) { id label }
    sibling(id: $id) { id label(times: $times) where must { label } }
    none: sibling(id: "none") { id }
    children { label(prefix: $prefix) firstTags(first: 1) where deferred ...More }
    loose { label }
  }
}
fragment More on Item { three: label(times: 3) sibling(id: $id) { id } }
"""
RESOLVER_VARIABLES: list[dict[str, Any]] = [
    {"id": "v", "colour": "RED"},
    {"id": "w", "colour": "RED", "prefix": "p", "times": 3, "first": None},
    {"id": "v", "colour": "BLUE", "times": 0, "first": 1},
    {"id": "v", "colour": "BLUE", "prefix": None},  # null for `prefix: String!`: the coercion error, per field
]


async def test_errors_and_nulls_match_graphql_core(contexts: None) -> None:
    fast = strawberry.Schema(query=ShapesQuery, types=[Item], execution_context_class=CountingFast)
    stock = strawberry.Schema(query=ShapesQuery, types=[Item], execution_context_class=CountingStock)
    for index, document in enumerate(SHAPE_DOCUMENTS):
        expected = _response(await stock.execute(document))
        assert _response(await fast.execute(document)) == expected, document
        assert bool(orjson.loads(expected)["errors"]) == (index < len(SHAPE_DOCUMENTS) - 1), expected
    for variables in RESOLVER_VARIABLES:
        CountingStock.infos = CountingFast.infos = 0
        expected = _response(await stock.execute(RESOLVER_DOCUMENT, variable_values=variables))
        assert bool(orjson.loads(expected)["errors"]) == ("prefix" in variables and variables["prefix"] is None)
        assert _response(await fast.execute(RESOLVER_DOCUMENT, variable_values=variables)) == expected, variables
        # Resolvers without `info` were called directly: no resolve info for them (`where`, `inColour`,
        # `siblings` and the fields below `deferred`'s awaitable still build theirs).
        assert CountingFast.infos < CountingStock.infos / 2, (CountingFast.infos, CountingStock.infos)
