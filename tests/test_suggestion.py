"""Collaborator suggestions: ranking, reasons, filters, pagination and cost on a hand-built graph."""

from __future__ import annotations

import asyncio
import datetime
from math import log
from typing import Any

import neo4j
import pytest

from scholargraph.schema.pagination import encode_cursor
from scholargraph.settings import Settings
from tests.conftest import GqlRunner, cypher_rows

Y = datetime.date.today().year  # recency is measured from this year, so the graph's years are relative to it

# Researchers: id, name, openToCollaborate.
PEOPLE = [
    ("A100", "Ada Me", True), ("A101", "Ben Byrne", True), ("A102", "Cai Chen", False),
    ("A201", "Dana Diaz", False), ("A202", "Eve Evans", True), ("A203", "Finn Ford", True),
    ("A204", "Gus Grey", False), ("A205", "Hana Hill", True), ("A207", "Hal Hunt", True),
]
TOPICS = [("T1", "Graph Learning"), ("T2", "Sparse Models"), ("T3", "Optimisation"), ("T4", "Robotics"),
          ("T5", "Databases")]
INSTITUTIONS = [("I1", "Inst One"), ("I2", "Inst Two"), ("I3", "Inst Three")]
# Works: id, year, authors (byline order), topics {id: score}, works it cites.
WORKS = [
    ("W100", Y, ["A100", "A101"], {"T1": 0.9, "T2": 0.6}, ["W206"]),
    ("W101", Y - 1, ["A100", "A101"], {"T1": 0.8}, []),
    ("W102", Y - 4, ["A100", "A102"], {"T3": 0.5}, []),
    ("W110", Y, ["A101", "A201"], {"T4": 0.7}, []),
    ("W111", Y - 2, ["A102", "A201"], {"T4": 0.5}, []),
    ("W112", Y - 8, ["A101", "A202"], {"T1": 0.4}, []),
    ("W120", Y - 1, ["A203"], {"T1": 0.9, "T2": 0.95}, []),
    ("W121", Y - 3, ["A203"], {"T2": 0.5}, []),
    ("W130", Y, ["A204"], {"T5": 0.9}, []),
    ("W205", Y, ["A205"], {"T5": 0.6}, ["W100"]),
    ("W206", Y - 2, ["A205"], {"T5": 0.4}, []),
    ("W207", Y - 1, ["A205"], {}, ["W101", "W102"]),
    # Works whose authors are not researchers (null author ids): they only make T1 more popular.
    ("W900", Y, [], {"T1": 0.5}, []),
    ("W901", Y, [], {"T1": 0.5}, []),
]
# Affiliations: researcher, institution, lastYear. Ada's current institution is I1 (I2 is older).
AFFILIATIONS = [("A100", "I1", Y), ("A100", "I2", Y - 5), ("A101", "I1", Y), ("A201", "I2", Y),
                ("A203", "I3", Y), ("A204", "I1", Y), ("A205", "I2", Y), ("A207", "I1", Y)]

# Derived edges, per docs/graph-model.md (COAUTHOR from the smaller id, WORKS_ON sums, Topic.worksCount).
DERIVE = [
    """MATCH (a:Researcher)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(b:Researcher) WHERE a.id < b.id
       WITH a, b, count(w) AS shared, max(w.year) AS last
       CREATE (a)-[:COAUTHOR {sharedWorks: shared, lastYear: last}]->(b)""",
    """MATCH (r:Researcher)-[:AUTHORED]->(w:Work)-[h:HAS_TOPIC]->(t:Topic)
       WITH r, t, count(w) AS works, sum(h.score) AS weight
       CREATE (r)-[:WORKS_ON {works: works, weight: weight}]->(t)""",
    "MATCH (t:Topic) SET t.worksCount = COUNT { (t)<-[:HAS_TOPIC]-(:Work) }",
]

# The model by hand (docs/discovery-model.md): AA term 1/ln(degree of the mutual co-author) × 0.5^(gap/4), where
# gap = this year − the older of the two ties' lastYear; topic term ln(1 + min(weights)) / ln(2 + worksCount);
# same institution 0.2; 0.5·ln(1 + works citing you); 0.3·ln(1 + works you cite).
# Degrees: Ben has 3 co-authors (Ada, Dana, Eve), Cai 2 (Ada, Dana).
DANA_VIA_BEN = 1 / log(3)                   # ties Ada–Ben (Y) and Ben–Dana (Y): gap 0
DANA_VIA_CAI = 1 / log(2) * 0.5             # ties Ada–Cai (Y-4) and Cai–Dana (Y-2): gap 4, one half-life
DANA = DANA_VIA_BEN + DANA_VIA_CAI          # 0.910239 + 0.721348 = 1.631587
# Ada's topic weights: T1 0.9 + 0.8 = 1.7, T2 0.6. worksCount: T1 6 (W100 W101 W112 W120 W900 W901), T2 3.
EVE_MUTUAL = 1 / log(3) * 0.5 ** 2          # Ben–Eve last in Y-8: two half-lives; = 0.227560
EVE_TOPICS = log(1 + 0.4) / log(2 + 6)      # T1: min(1.7, 0.4); = 0.161809
EVE = EVE_MUTUAL + EVE_TOPICS               # 0.389369
FINN_T1 = log(1 + 0.9) / log(2 + 6)         # min(1.7, 0.9); = 0.308666
FINN_T2 = log(1 + 0.6) / log(2 + 3)         # min(0.6, 0.95 + 0.5); = 0.292030
FINN = FINN_T1 + FINN_T2                    # 0.600696
HANA_CITES = 0.5 * log(1 + 2)               # W205 cites W100, W207 cites W101 (and W102); = 0.549306
HANA_CITED = 0.3 * log(1 + 1)               # W100 cites W206; = 0.207944
HANA = HANA_CITES + HANA_CITED              # 0.757250
SAME_PLACE = 0.2                            # Gus and Hal: only the institution, a tie broken by id
EXPECTED = [("A201", DANA), ("A205", HANA), ("A203", FINN), ("A202", EVE), ("A204", SAME_PLACE),
            ("A207", SAME_PLACE)]

SUGGESTIONS = """
query ($id: ID!, $first: Int!, $after: String, $open: Boolean, $topic: ID, $institution: ID) {
  collaboratorSuggestions(researcherId: $id, first: $first, after: $after, openToCollaborate: $open,
                          topicId: $topic, institutionId: $institution) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        researcher { id name openToCollaborate }
        score
        reasons { kind weight detail via { __typename id ... on Researcher { name } ... on Topic { name }
                                          ... on Institution { name } ... on Work { title } } }
      }
    }
  }
}
"""


def store_suggestions(settings: Settings, ids: list[str] | None = None) -> int:
    """Compute and store suggestions as the importer does after a run (all researchers, or `ids`)."""
    from scholargraph import db
    from scholargraph.importer import suggestions

    async def run() -> int:
        async with db.connect(settings) as graph:
            return await (suggestions.refresh(graph, ids) if ids is not None else suggestions.refresh_missing(graph))

    return asyncio.run(run())


@pytest.fixture(params=["stored", "live"])
def small_graph(request: pytest.FixtureRequest, clean_graph: neo4j.Driver, settings: Settings) -> neo4j.Driver:
    """The hand-built graph above, with its derived edges; "stored": with the suggestions the importer would store
    (requests read them), "live": without (requests compute them)."""
    run = lambda query, **params: cypher_rows(clean_graph, settings, query, **params)  # noqa: E731
    run("UNWIND $rows AS r CREATE (:Researcher {id: r[0], name: r[1], openToCollaborate: r[2]})", rows=PEOPLE)
    run("UNWIND $rows AS r CREATE (:Topic {id: r[0], name: r[1]})", rows=TOPICS)
    run("UNWIND $rows AS r CREATE (:Institution {id: r[0], name: r[1]})", rows=INSTITUTIONS)
    works = [{"id": w, "year": y, "authors": a, "topics": list(t.items()), "cites": c} for w, y, a, t, c in WORKS]
    run("""UNWIND $works AS w
           CREATE (x:Work {id: w.id, year: w.year, title: 'Paper ' + w.id, sortDate: toString(w.year) + '-01-01'})""",
        works=works)
    run("""UNWIND $works AS w MATCH (x:Work {id: w.id})
           FOREACH (i IN range(0, size(w.authors) - 1) |
             MERGE (r:Researcher {id: w.authors[i]}) CREATE (r)-[:AUTHORED {position: i}]->(x))
           FOREACH (t IN w.topics | MERGE (topic:Topic {id: t[0]}) CREATE (x)-[:HAS_TOPIC {score: t[1]}]->(topic))
           FOREACH (c IN w.cites | MERGE (cited:Work {id: c}) CREATE (x)-[:CITES]->(cited))""", works=works)
    run("""UNWIND $rows AS a MATCH (r:Researcher {id: a[0]}), (i:Institution {id: a[1]})
           CREATE (r)-[:AFFILIATED_WITH {years: [a[2]], lastYear: a[2]}]->(i)""", rows=AFFILIATIONS)
    for query in DERIVE:
        run(query)
    if request.param == "stored":
        assert store_suggestions(settings) == len(PEOPLE)
    return clean_graph


def stored(driver: neo4j.Driver, settings: Settings) -> bool:
    rows = cypher_rows(driver, settings, "MATCH (r:Researcher {id: 'A100'}) RETURN r.suggestIds IS NOT NULL AS s")
    return bool(rows[0]["s"])


async def _ranking(gql: GqlRunner, first: int = 50, **variables: Any) -> dict[str, Any]:
    data = await gql(SUGGESTIONS, {"id": "A100", "first": first, **variables})
    return data["collaboratorSuggestions"]


def _ids(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["researcher"]["id"] for edge in connection["edges"]]


async def test_suggestions_rank_by_the_hand_computed_score(small_graph: neo4j.Driver, gql: GqlRunner) -> None:
    connection = await _ranking(gql)
    assert _ids(connection) == [rid for rid, _ in EXPECTED]
    assert [edge["node"]["score"] for edge in connection["edges"]] == pytest.approx(
        [score for _, score in EXPECTED], abs=1e-6)
    assert connection["totalCount"] == 6
    assert connection["pageInfo"]["hasNextPage"] is False


async def test_suggestions_explain_themselves(small_graph: neo4j.Driver, gql: GqlRunner) -> None:
    nodes = {edge["node"]["researcher"]["id"]: edge["node"] for edge in (await _ranking(gql))["edges"]}
    reasons = {rid: [(r["kind"], pytest.approx(r["weight"], abs=1e-6), r["detail"],
                      [v["id"] for v in r["via"]]) for r in node["reasons"]] for rid, node in nodes.items()}
    assert reasons["A201"] == [("MUTUAL_COLLABORATORS", DANA, "You both wrote with Ben Byrne and Cai Chen",
                                ["A101", "A102"])]
    assert reasons["A202"] == [
        ("MUTUAL_COLLABORATORS", EVE_MUTUAL, "You both wrote with Ben Byrne", ["A101"]),
        ("SHARED_TOPICS", EVE_TOPICS, "You share 1 topic: Graph Learning", ["T1"]),
    ]
    assert reasons["A203"] == [("SHARED_TOPICS", FINN, "You share 2 topics: Graph Learning, Sparse Models",
                                ["T1", "T2"])]
    assert reasons["A205"] == [
        ("CITES_YOUR_WORK", HANA_CITES, "2 of their works cite yours, among them “Paper W205”", ["W205", "W207"]),
        ("CITED_BY_YOU", HANA_CITED, "You cited their work “Paper W206”", ["W206"]),
    ]
    assert reasons["A204"] == [("SAME_INSTITUTION", SAME_PLACE, "You are both at Inst One", ["I1"])]
    via_types = {v["__typename"] for node in nodes.values() for r in node["reasons"] for v in r["via"]}
    assert via_types == {"Researcher", "Topic", "Institution", "Work"}


async def test_suggestions_never_include_self_or_coauthors(small_graph: neo4j.Driver, gql: GqlRunner,
                                                           settings: Settings) -> None:
    coauthors = cypher_rows(small_graph, settings,
                            "MATCH (:Researcher {id: 'A100'})-[:COAUTHOR]-(c) RETURN collect(c.id) AS ids")[0]["ids"]
    assert sorted(coauthors) == ["A101", "A102"]
    ids = _ids(await _ranking(gql))
    assert not {"A100", *coauthors} & set(ids)


async def test_suggestions_open_profiles_only(small_graph: neo4j.Driver, gql: GqlRunner) -> None:
    connection = await _ranking(gql, open=True)
    assert _ids(connection) == ["A205", "A203", "A202", "A207"]
    assert all(edge["node"]["researcher"]["openToCollaborate"] for edge in connection["edges"])
    assert connection["totalCount"] == 4


@pytest.mark.parametrize(("variables", "expected"), [
    ({"topic": "T1"}, ["A203", "A202"]),
    ({"topic": "T2"}, ["A203"]),
    ({"institution": "I2"}, ["A201", "A205"]),
    ({"institution": "I1"}, ["A204", "A207"]),
    ({"institution": "I1", "open": True}, ["A207"]),
])
async def test_suggestions_filters(small_graph: neo4j.Driver, gql: GqlRunner, variables: dict[str, Any],
                                   expected: list[str]) -> None:
    assert _ids(await _ranking(gql, **variables)) == expected


async def test_suggestions_pages_concatenate_to_the_ranking(small_graph: neo4j.Driver, gql: GqlRunner) -> None:
    pages: list[list[str]] = []
    after = None
    while True:
        connection = await _ranking(gql, first=4, after=after) if not pages else await _ranking(gql, first=2,
                                                                                                after=after)
        pages.append(_ids(connection))
        after = connection["pageInfo"]["endCursor"]
        if not connection["pageInfo"]["hasNextPage"]:
            break
    assert pages == [["A201", "A205", "A203", "A202"], ["A204", "A207"]]
    assert [rid for page in pages for rid in page] == [rid for rid, _ in EXPECTED]
    past_the_end = await _ranking(gql, first=2, after=after)
    assert past_the_end["edges"] == [] and past_the_end["pageInfo"] == {"hasNextPage": False, "endCursor": None}


@pytest.mark.parametrize("first", [0, 1, 3, 50])
async def test_suggestions_cost_one_round_trip(small_graph: neo4j.Driver, gql: GqlRunner, graph: Any,
                                               first: int, settings: Settings) -> None:
    connection = await _ranking(gql, first=first)
    assert len(connection["edges"]) == min(first, 6)
    assert graph.queries["suggestions_stored"] == 1
    if stored(small_graph, settings):
        assert graph.round_trips == 1
    else:  # nothing stored: the stored read says so, then the live statement
        assert graph.round_trips == 2 and graph.queries["suggestions_collaborators"] == 1


async def test_researcher_suggested_collaborators_field(small_graph: neo4j.Driver, gql: GqlRunner,
                                                        graph: Any, settings: Settings) -> None:
    data = await gql("""query ($id: ID!) { researcher(id: $id) {
        name suggestedCollaborators(first: 2, openToCollaborate: true) {
          totalCount edges { node { researcher { id } reasons { kind } } } } } }""", {"id": "A100"})
    found = data["researcher"]["suggestedCollaborators"]
    assert [edge["node"]["researcher"]["id"] for edge in found["edges"]] == ["A205", "A203"]
    assert found["totalCount"] == 4
    # the profile loader, then the suggestions (stored, or the stored read and the live statement)
    assert graph.round_trips == (2 if stored(small_graph, settings) else 3)


@pytest.mark.parametrize(("variables", "code"), [
    ({"first": 51}, "BAD_USER_INPUT"),
    ({"first": -1}, "BAD_USER_INPUT"),
    ({"after": "not a cursor"}, "BAD_USER_INPUT"),
    ({"after": encode_cursor(f"{Y}-01-01", "W100")}, "BAD_USER_INPUT"),  # a works cursor
    ({"after": encode_cursor("suggestion", -3)}, "BAD_USER_INPUT"),
    ({"id": "A999"}, "NOT_FOUND"),
])
async def test_suggestions_bad_input(small_graph: neo4j.Driver, gql: GqlRunner, graph: Any,
                                     variables: dict[str, Any], code: str) -> None:
    result = await gql(SUGGESTIONS, {"id": "A100", "first": 10, **variables}, expect_errors=True)
    assert result.errors is not None and result.errors[0].extensions["code"] == code
    assert result.data is None
    if code == "BAD_USER_INPUT":
        assert graph.round_trips == 0


async def test_suggestions_for_the_seed_researcher(seeded_graph: neo4j.Driver, gql: GqlRunner,
                                                   settings: Settings) -> None:
    connection = (await gql(SUGGESTIONS, {"id": "A5101727316", "first": 20}))["collaboratorSuggestions"]
    ids = _ids(connection)
    assert ids, "the demo network should suggest someone to Zhefan Rao"
    coauthors = {"A5031485721", "A5068843512", "A5013976340"}
    assert not (coauthors | {"A5101727316"}) & set(ids)
    kinds = {reason["kind"] for edge in connection["edges"] for reason in edge["node"]["reasons"]}
    assert len(kinds) >= 2
    scores = [edge["node"]["score"] for edge in connection["edges"]]
    assert scores == sorted(scores, reverse=True)
    for edge in connection["edges"]:
        node = edge["node"]
        assert node["score"] == pytest.approx(sum(r["weight"] for r in node["reasons"]), abs=1e-6)


def test_reason_sentences_name_three_then_count() -> None:
    from scholargraph.resolvers.suggestion import suggestion

    people = [{"id": f"A{i}", "name": name} for i, name in enumerate(["Ann", "Bo", "Cy", "Di", "Ed"], start=1)]
    topics = [{"id": f"T{i}", "name": name, "worksCount": 1} for i, name in enumerate(["X and Y", "Z"], start=1)]
    built = suggestion({
        "researcher": {"id": "A9", "name": "Flo"}, "score": 3.0,
        "mutual": people, "mutualCount": 12, "mutualScore": 2.0,
        "topics": topics, "topicCount": 2, "topicScore": 1.0,
        "institution": None, "institutionScore": 0.0,
        "citing": [], "citingCount": 0, "citesYouScore": 0.0, "cited": [], "citedCount": 0, "citedByYouScore": 0.0,
    })
    assert [(r.kind.value, r.detail) for r in built.reasons] == [
        ("MUTUAL_COLLABORATORS", "You both wrote with Ann, Bo, Cy and 9 others"),
        ("SHARED_TOPICS", "You share 2 topics: X and Y, Z"),
    ]
    assert len(built.reasons[0].via) == 5


async def test_hub_coauthor_is_capped_and_down_weighted(clean_graph: neo4j.Driver, settings: Settings,
                                                        gql: GqlRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    # Ada (A1) wrote with a hub (A2, who wrote with A10..A39) and with Sam (A3, who wrote only with Xia, A4).
    works = [("W1", ["A1", "A2"]), ("W2", ["A1", "A3"]), ("W3", ["A3", "A4"])]
    works += [(f"W{100 + i}", ["A2", f"A{10 + i}"]) for i in range(30)]
    cypher_rows(clean_graph, settings, """UNWIND $works AS w
        CREATE (x:Work {id: w[0], year: $year, title: w[0]})
        FOREACH (i IN range(0, size(w[1]) - 1) |
          MERGE (r:Researcher {id: w[1][i]}) ON CREATE SET r.name = w[1][i]
          CREATE (r)-[:AUTHORED {position: i}]->(x))""", works=works, year=Y)
    cypher_rows(clean_graph, settings, DERIVE[0])
    import scholargraph.resolvers.suggestion as model

    monkeypatch.setitem(model.CAPS, "scan_limit", 12)
    monkeypatch.setitem(model.CAPS, "fanout_limit", 5)
    connection = (await gql(SUGGESTIONS, {"id": "A1", "first": 50}))["collaboratorSuggestions"]
    ids = _ids(connection)
    # Xia through Sam (2 co-authors): 1/ln 2 = 1.443; each hub neighbour through A2 (31 co-authors): 1/ln 31 = 0.291.
    assert ids[0] == "A4"
    assert connection["edges"][0]["node"]["score"] == pytest.approx(1 / log(2), abs=1e-6)
    assert connection["edges"][1]["node"]["score"] == pytest.approx(1 / log(31), abs=1e-6)
    # At most fanout_limit candidates come through the hub (Ada herself takes one of its slots or none).
    assert 1 <= len(ids) - 1 <= 5 and set(ids[1:]) <= {f"A{10 + i}" for i in range(30)}


# --- stored suggestions stay right as imports change the graph -------------------------------------------------

async def _import(settings: Settings, records: list[dict[str, Any]]) -> int:
    from scholargraph import db
    from scholargraph.importer import run

    async with db.connect(settings) as graph:
        return (await run.import_records(records, graph, progress=False)).suggestions


async def _ranking_with(settings: Settings, rid: str, **variables: Any) -> tuple[dict[str, Any], Any]:
    """The ranking for `rid` through the schema, on a fresh counting Graph; (connection, statement counts)."""
    from scholargraph import db
    from scholargraph.context import make_context
    from scholargraph.schema.root import schema

    async with db.connect(settings, record=True) as graph:
        result = await schema.execute(SUGGESTIONS, variable_values={"id": rid, "first": 50, **variables},
                                      context_value=make_context(graph))
        assert result.errors is None and result.data is not None
        return dict(result.data["collaboratorSuggestions"]), graph.queries


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 8)
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    return value


async def test_stored_suggestions_follow_imports(clean_graph: neo4j.Driver, settings: Settings) -> None:
    from scholargraph import db
    from scholargraph.importer import suggestions
    from tests.test_integrity import work

    async def ids(rid: str) -> list[str]:
        connection, queries = await _ranking_with(settings, rid)
        assert dict(queries) == {"suggestions_stored": 1}, "stored suggestions are read in one round trip"
        return _ids(connection)

    # Ada (A1) wrote with Ben (A2), Ben with Cai (A3): Cai is suggested to Ada through Ben.
    first = [work("W1", ["A1", "A2"], [("T1", 0.9)], year=Y), work("W2", ["A2", "A3"], [("T2", 0.5)], year=Y)]
    assert await _import(settings, first) == 3  # the run stores every touched researcher's suggestions
    assert await ids("A1") == ["A3"]
    connection, _ = await _ranking_with(settings, "A1")
    assert [r["detail"] for r in connection["edges"][0]["node"]["reasons"]] == ["You both wrote with Author A2"]
    # Ada now writes with Cai (no longer a suggestion: a co-author), and Cai with Dan (A4), who is new. Ben is in
    # neither work, but Dan is now a friend of his friend Cai: his stored suggestions were dropped and recomputed.
    second = [work("W3", ["A1", "A3"], [("T1", 0.4)], year=Y), work("W4", ["A3", "A4"], [("T3", 0.7)], year=Y)]
    assert await _import(settings, second) == 4
    assert await ids("A1") == ["A4"]
    assert await ids("A2") == ["A4"]
    query = "MATCH (r:Researcher) RETURN r.id AS id, r.suggestIds AS s, r.suggestFacts AS f ORDER BY id"
    rows = cypher_rows(clean_graph, settings, query)
    assert [(row["id"], row["s"]) for row in rows] == [("A1", ["A4"]), ("A2", ["A4"]), ("A3", []),
                                                       ("A4", ["A1", "A2"])]
    # The stored ranking equals a live computation on the final graph, reasons included.
    stored_view = {rid: (await _ranking_with(settings, rid))[0] for rid in ("A1", "A2", "A4")}
    cypher_rows(clean_graph, settings, "MATCH (r:Researcher) REMOVE r.suggestIds, r.suggestScores, r.suggestFacts")
    for rid, expected in stored_view.items():
        connection, queries = await _ranking_with(settings, rid)
        assert queries["suggestions_collaborators"] == 1
        assert _rounded(connection) == _rounded(expected)  # stored weights keep 10 significant digits
    # The backfill stores the same again.
    async with db.connect(settings) as graph:
        assert await suggestions.refresh_missing(graph) == 4
        assert await suggestions.refresh_missing(graph) == 0
    assert cypher_rows(clean_graph, settings, query) == rows


async def test_stored_suggestions_apply_live_filters(clean_graph: neo4j.Driver, settings: Settings) -> None:
    from tests.test_integrity import work

    records = [work("W1", ["A1", "A2"], [("T1", 0.9)], year=Y), work("W2", ["A2", "A3"], [("T1", 0.5)], year=Y),
               work("W3", ["A2", "A4"], [("T2", 0.5)], year=Y)]
    await _import(settings, records)

    async def suggested(**variables: Any) -> list[str]:
        connection, queries = await _ranking_with(settings, "A1", **variables)
        assert dict(queries) == {"suggestions_stored": 1}
        return _ids(connection)

    assert sorted(await suggested()) == ["A3", "A4"]
    assert await suggested(topic="T2") == ["A4"]
    assert await suggested(open=True) == []
    # Changes no import made (a profile edit, a tie written by hand, a deletion) show at once: filters are live.
    cypher_rows(clean_graph, settings, "MATCH (r:Researcher {id: 'A3'}) SET r.openToCollaborate = true")
    assert await suggested(open=True) == ["A3"]
    cypher_rows(clean_graph, settings, """MATCH (a:Researcher {id: 'A1'}), (b:Researcher {id: 'A4'})
                                          CREATE (a)-[:COAUTHOR {sharedWorks: 1, lastYear: $y}]->(b)""", y=Y)
    assert await suggested() == ["A3"]
    cypher_rows(clean_graph, settings, "MATCH (r:Researcher {id: 'A3'}) DETACH DELETE r")
    assert await suggested() == []
