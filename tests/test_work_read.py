"""The work page in one round trip (work_read_by_ids), whatever the byline, references and cited-by sizes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j

from scholargraph.resolvers.work import WorkPlan
from scholargraph.context import make_context
from scholargraph.settings import Settings
from tests.conftest import cypher_rows, execute_counted

REPO = Path(__file__).resolve().parent.parent
WORK_PAGE = (REPO / "web" / "queries" / "work.graphql").read_text()
BIG = "W777"


def _make_big_work(driver: neo4j.Driver, settings: Settings, authors: int = 3000, references: int = 150,
                   citers: int = 120) -> str:
    """A work with `authors` names in its byline (every fifth known to the graph), `references` cited works (every
    third a stub) and `citers` citing works, each card with a venue, a topic and a 40-name byline."""
    cypher_rows(driver, settings, """
        CREATE (s:Source {id: 'S77', name: 'Big Venue', type: 'journal'})
        CREATE (t:Topic {id: 'T77', name: 'Big Topic', worksCount: 1})
        CREATE (w:Work {id: $id, title: 'Big Collaboration', type: 'article', year: 2020, sortDate: '2020-06-01',
                        publicationDate: '2020-06-01', abstract: 'Many hands.', citedByCount: 999,
                        authorNames: [n IN range(0, $authors - 1) | 'Author ' + toString(n)]})
        CREATE (w)-[:PUBLISHED_IN]->(s), (w)-[:HAS_TOPIC {score: 0.8}]->(t)
        WITH w, s, t
        UNWIND range(0, $authors - 1, 5) AS n
        CREATE (a:Researcher {id: 'A77' + toString(n), name: 'Author ' + toString(n)})
        CREATE (a)-[:AUTHORED {position: n}]->(w)
        """, id=BIG, authors=authors)
    cypher_rows(driver, settings, """
        MATCH (w:Work {id: $id}), (s:Source {id: 'S77'}), (t:Topic {id: 'T77'})
        UNWIND range(1, $references) AS n
        CREATE (x:Work {id: 'W78' + toString(n)})
        SET x += CASE WHEN n % 3 = 0 THEN {stub: true} ELSE {
          title: 'Reference ' + toString(n), year: 2000 + n % 20, sortDate: toString(2000 + n % 20) + '-01-01',
          authorNames: [k IN range(0, 39) | 'Ref author ' + toString(k)]} END
        CREATE (w)-[:CITES]->(x)
        FOREACH (_ IN CASE WHEN n % 3 = 0 THEN [] ELSE [1] END |
          CREATE (x)-[:PUBLISHED_IN]->(s), (x)-[:HAS_TOPIC {score: 0.5}]->(t))
        """, id=BIG, references=references)
    cypher_rows(driver, settings, """
        MATCH (w:Work {id: $id}), (s:Source {id: 'S77'})
        UNWIND range(1, $citers) AS n
        CREATE (x:Work {id: 'W79' + toString(n), title: 'Citer ' + toString(n), year: 2021,
                        sortDate: '2021-' + right('0' + toString(1 + n % 12), 2) + '-01',
                        authorNames: [k IN range(0, 39) | 'Citer author ' + toString(k)]})
        CREATE (x)-[:CITES]->(w), (x)-[:PUBLISHED_IN]->(s)
        """, id=BIG, citers=citers)
    return BIG


def _plans(context: Any) -> list[WorkPlan]:
    return [plan for _, plan in context.loaders.work_read.cache_map.cache_map]


async def test_work_page_is_one_round_trip_whatever_the_sizes(clean_graph, settings, graph) -> None:
    wid = _make_big_work(clean_graph, settings)
    data, context = await execute_counted(graph, WORK_PAGE, {"id": wid, "first": 20})
    assert graph.queries == {"work_read_by_ids": 1}
    w = data["work"]
    # 3,000 authors: a few names, their links, and the rest as a count.
    assert w["authorsCount"] == 3000 and w["authorNames"] == [f"Author {n}" for n in range(30)]
    assert [a["id"] for a in w["authors"]] == [f"A77{n}" for n in range(0, 150, 5)]
    assert w["venue"]["name"] == "Big Venue" and w["topics"][0]["topic"]["name"] == "Big Topic"
    assert w["references"]["totalCount"] == 150 and w["citedBy"]["totalCount"] == 120
    assert len(w["references"]["edges"]) == len(w["citedBy"]["edges"]) == 20
    card = w["citedBy"]["edges"][0]["node"]
    assert card["authorsCount"] == 40 and len(card["authorNames"]) == 12 and card["venue"]["name"] == "Big Venue"
    (plan,) = _plans(context)
    assert plan.byline == 30 and plan.card.cardByline == 12 and not plan.card.cardTopics


async def test_work_page_walks_both_lists_one_round_trip_per_page(clean_graph, settings, graph) -> None:
    wid = _make_big_work(clean_graph, settings, authors=10, references=45, citers=33)
    for key, cursor, total in (("references", "refsAfter", 45), ("citedBy", "citersAfter", 33)):
        seen, after = [], None
        while True:
            data, _ = await execute_counted(graph, WORK_PAGE, {"id": wid, "first": 10, cursor: after})
            assert graph.queries == {"work_read_by_ids": 1}
            page = data["work"][key]
            assert page["totalCount"] == total
            seen += [edge["node"]["id"] for edge in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert len(seen) == len(set(seen)) == total, key
    stubs = [e["node"] for e in data["work"]["citedBy"]["edges"]]
    assert all(card["inGraph"] for card in stubs)


async def test_partial_selections_answer_like_the_whole_page(clean_graph, settings, graph) -> None:
    wid = _make_big_work(clean_graph, settings, authors=40, references=25, citers=25)
    whole, _ = await execute_counted(graph, WORK_PAGE, {"id": wid, "first": 20})
    whole = whole["work"]
    for fields in ("authorNames(first: 30)", "authorsCount", "authors(first: 30) { id name }",
                   "venue { id name type }", "topics { score topic { id name } }", "abstract",
                   "references(first: 20) { totalCount }", "citedBy(first: 20) { totalCount }",
                   "references(first: 20) { totalCount pageInfo { hasNextPage endCursor } "
                   "edges { node { id inGraph authorNames(first: 12) authorsCount authors(first: 12) { id name } } } }"):
        data, _ = await execute_counted(graph, "query($id: ID!) { work(id: $id) { " + fields + " } }", {"id": wid})
        assert graph.round_trips == 1, fields
        (key, value), = data["work"].items()
        if key == "references" and "edges" in value:
            expected = whole["references"]
            assert value["pageInfo"] == expected["pageInfo"] and value["totalCount"] == expected["totalCount"]
            assert [e["node"] for e in value["edges"]] == [
                {k: e["node"][k] for k in ("id", "inGraph", "authorNames", "authorsCount", "authors")}
                for e in expected["edges"]]
        elif key in ("references", "citedBy"):
            assert value == {"totalCount": whole[key]["totalCount"]}
        else:
            assert value == whole[key], key


async def test_cards_and_works_reached_below_fall_back_to_their_loaders(clean_graph, settings, graph) -> None:
    wid = _make_big_work(clean_graph, settings, authors=20, references=5, citers=5)
    # A citing work's own references and byline, asked below the page: batched look-ups, answers still whole.
    data, _ = await execute_counted(graph, """query($id: ID!) { work(id: $id) { citedBy(first: 2) { edges { node {
        id authorNames topics { score } references(first: 1) { totalCount edges { node { id } } } } } } } }""",
                         {"id": wid})
    cards = [edge["node"] for edge in data["work"]["citedBy"]["edges"]]
    assert len(cards) == 2 and all(len(card["authorNames"]) == 40 for card in cards)
    assert all(card["references"]["totalCount"] == 1 and card["references"]["edges"][0]["node"]["id"] == wid
               for card in cards)
    assert graph.queries["work_read_by_ids"] == 1 and graph.round_trips <= 3
    # Arguments out of range are the field's own errors.
    from scholargraph.schema.root import schema

    result = await schema.execute("query($id: ID!) { work(id: $id) { authorNames(first: -1) } }",
                                  variable_values={"id": wid}, context_value=make_context(graph))
    assert result.errors and result.errors[0].extensions["code"] == "BAD_USER_INPUT"
