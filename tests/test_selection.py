"""Selection-aware reads: a root field fetches what the request selected, in one round trip, whatever the sizes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j

from scholargraph.resolvers.researcher import ResearcherPlan
from scholargraph.context import make_context
from scholargraph.settings import Settings
from tests.conftest import cypher_rows, execute_counted

REPO = Path(__file__).resolve().parent.parent
PROFILE_PAGE = (REPO / "web" / "queries" / "profile.graphql").read_text()
WORKS_PAGE = (REPO / "bench" / "queries" / "works_page.graphql").read_text()
ZHEFAN = "A5101727316"
HUB = "A900"


def _make_hub(driver: neo4j.Driver, settings: Settings, works: int = 400, coauthors: int = 300) -> str:
    """A researcher with many works (each with a venue, a topic and two authors) and many co-authors."""
    cypher_rows(driver, settings, """
        CREATE (r:Researcher {id: $id, name: 'Hub Person', orcid: '0000-0001-0000-0001', openToCollaborate: true})
        CREATE (s:Source {id: 'S91', name: 'Venue', type: 'journal'})
        CREATE (t:Topic {id: 'T91', name: 'Topic', worksCount: $works})
        CREATE (o:Researcher {id: 'A7001', name: 'Second Author', orcid: '0000-0002-0000-0002', summary: 'S.'})
        CREATE (r)-[:WORKS_ON {works: $works, weight: 1.5}]->(t)
        WITH r, s, t, o
        UNWIND range(1, $works) AS n
        CREATE (w:Work {id: 'W9' + toString(n), title: 'Work ' + toString(n), year: 2000 + n % 25,
                        abstract: 'Abstract ' + toString(n), authorNames: ['Hub Person', 'Second Author'],
                        sortDate: toString(2000 + n % 25) + '-01-' + right('0' + toString(1 + n % 28), 2)})
        CREATE (r)-[:AUTHORED {position: 0}]->(w), (o)-[:AUTHORED {position: 1}]->(w)
        CREATE (w)-[:PUBLISHED_IN]->(s), (w)-[:HAS_TOPIC {score: 0.9}]->(t)
        """, id=HUB, works=works)
    cypher_rows(driver, settings, """
        MATCH (r:Researcher {id: $id})
        UNWIND range(1, $coauthors) AS n
        CREATE (o:Researcher {id: 'A8' + toString(n), name: 'Co ' + toString(n)})
        CREATE (r)-[:COAUTHOR {sharedWorks: 1 + n % 7, lastYear: 2020}]->(o)
        """, id=HUB, coauthors=coauthors)
    return HUB


def _plans(context: Any) -> list[ResearcherPlan]:
    return [plan for _, plan in context.loaders.researcher.cache_map.cache_map]


async def test_profile_page_is_one_round_trip_whatever_the_sizes(clean_graph, settings, graph) -> None:
    rid = _make_hub(clean_graph, settings)
    data, _ = await execute_counted(graph, PROFILE_PAGE, {"id": rid})
    assert graph.queries == {"researcher_read_by_ids": 1}
    r = data["researcher"]
    assert r["counts"] == {"works": 400, "followers": 0, "topics": 1, "closeCollaborators": 300}
    assert len(r["works"]["edges"]) == 20 and r["works"]["totalCount"] == 400
    card = r["works"]["edges"][0]["node"]
    assert card["venue"]["name"] == "Venue" and card["abstract"].startswith("Abstract ")
    assert [a["name"] for a in card["authors"]] == ["Hub Person", "Second Author"]
    assert len(r["closeCollaborators"]) == 10 and r["topics"][0]["topic"]["name"] == "Topic"
    assert r["trust"]["signals"]


async def test_works_pages_are_one_round_trip_each_and_walk_every_work_once(clean_graph, settings, graph) -> None:
    rid = _make_hub(clean_graph, settings, works=45, coauthors=5)
    seen, after = [], None
    while True:
        data, context = await execute_counted(graph, WORKS_PAGE, {"id": rid, "first": 10, "after": after})
        assert graph.queries == {"researcher_read_by_ids": 1}
        (plan,) = _plans(context)
        # A works page fetches no profile parts: no counts, topics, co-authors, abstracts or author details.
        assert (plan.counts, plan.topics, plan.collaborators, plan.card.abstract, plan.card.authorDetails) == (
            False, 0, 0, False, False)
        page = data["researcher"]["works"]
        assert page["totalCount"] == 45
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 45


async def test_bare_total_count_is_one_round_trip_and_fetches_no_page(clean_graph, settings, graph) -> None:
    rid = _make_hub(clean_graph, settings)
    data, context = await execute_counted(graph, "query($id: ID!) { researcher(id: $id) { works { totalCount } } }", {"id": rid})
    assert data == {"researcher": {"works": {"totalCount": 400}}}
    assert graph.queries == {"researcher_read_by_ids": 1}
    (plan,) = _plans(context)
    assert plan.worksCount and plan.worksPage == 0 and not plan.counts


async def test_partial_selections_answer_like_the_whole_profile(seeded_graph, graph) -> None:
    whole, _ = await execute_counted(graph, PROFILE_PAGE, {"id": ZHEFAN})
    whole = whole["researcher"]
    for fields in ("counts { works followers topics closeCollaborators }", "affiliation { id name }",
                   "topics { topic { id name } works }",
                   "closeCollaborators(first: 2) { researcher { id name } sharedWorks }",
                   "trust { score band verificationLevel claimStatus claimStatusLabel signals { name contribution detail } }",
                   "works(first: 1) { edges { node { id title authors { id name } } } }"):
        data, _ = await execute_counted(graph, "query($id: ID!) { researcher(id: $id) { " + fields + " } }", {"id": ZHEFAN})
        assert graph.round_trips == 1, fields
        (key, value), = data["researcher"].items()
        if key == "closeCollaborators":
            assert value == whole[key][:2]
        elif key == "works":
            expected = whole["works"]["edges"][0]["node"]
            assert value["edges"][0]["node"] == {k: expected[k] for k in ("id", "title", "authors")}
        else:
            assert value == whole[key], key


async def test_fragments_directives_and_aliases_shape_the_plan(seeded_graph, graph) -> None:
    document = """
    query($id: ID!, $withTopics: Boolean!, $skipCounts: Boolean!) {
      node(id: $id) { ... on Work { title } ...Profile }
    }
    fragment Profile on Researcher {
      name
      counts @skip(if: $skipCounts) { works }
      topics @include(if: $withTopics) { weight }
      few: closeCollaborators(first: 1) { sharedWorks }
      more: closeCollaborators(first: 3) { researcher { name } }
      works(first: 1) { ... on WorkConnection { edges { node { ...Card } } } }
    }
    fragment Card on Work { venue { name } topics { score } }
    """
    data, context = await execute_counted(graph, document, {"id": ZHEFAN, "withTopics": False, "skipCounts": True})
    assert graph.round_trips == 1
    (plan,) = _plans(context)
    assert (plan.counts, plan.topics, plan.collaborators) == (False, 0, 3)
    assert (plan.worksPage, plan.card.venue, plan.card.workTopics, plan.card.authors) == (2, True, True, False)
    r = data["node"]
    assert r["name"] == "Zhefan Rao" and "counts" not in r and "topics" not in r
    assert len(r["few"]) == 1 and len(r["more"]) == 3
    assert r["works"]["edges"][0]["node"]["venue"]["name"] == "arXiv (Cornell University)"

    data, context = await execute_counted(graph, document, {"id": ZHEFAN, "withTopics": True, "skipCounts": False})
    (plan,) = _plans(context)
    assert plan.counts and plan.topics == 50
    assert data["node"]["counts"] == {"works": 2}


async def test_aliased_pages_with_different_arguments_stay_correct_and_bounded(clean_graph, settings, graph) -> None:
    rid = _make_hub(clean_graph, settings, works=30, coauthors=3)
    first, _ = await execute_counted(graph, WORKS_PAGE, {"id": rid, "first": 5})
    cursor = first["researcher"]["works"]["pageInfo"]["endCursor"]
    document = """query($id: ID!, $after: String) { researcher(id: $id) {
        a: works(first: 5) { edges { node { id } } }
        b: works(first: 5, after: $after) { totalCount edges { node { id } } } } }"""
    data, _ = await execute_counted(graph, document, {"id": rid, "after": cursor})
    assert graph.round_trips <= 2
    a = [e["node"]["id"] for e in data["researcher"]["a"]["edges"]]
    b = [e["node"]["id"] for e in data["researcher"]["b"]["edges"]]
    assert a == [e["node"]["id"] for e in first["researcher"]["works"]["edges"]]
    assert len(b) == 5 and not set(a) & set(b) and data["researcher"]["b"]["totalCount"] == 30


async def test_fields_outside_the_plan_fall_back_to_one_batched_statement(seeded_graph, graph) -> None:
    # Authors below a works page asking for profile parts: one more statement for all of them together.
    document = """query($id: ID!) { researcher(id: $id) { works(first: 2) { edges { node {
        authors { id orcid counts { works } } } } } } }"""
    data, _ = await execute_counted(graph, document, {"id": ZHEFAN})
    assert graph.queries == {"researcher_read_by_ids": 2}
    authors = [a for e in data["researcher"]["works"]["edges"] for a in e["node"]["authors"]]
    assert all(a["counts"]["works"] >= 1 for a in authors)
    assert any(a["id"] == ZHEFAN and a["counts"]["works"] == 2 for a in authors)


async def test_bad_arguments_are_still_reported_by_their_field(seeded_graph, graph) -> None:
    from scholargraph.schema.root import schema

    for document in ("query { researcher(id: \"A5101727316\") { works(first: 1000) { totalCount } } }",
                     "query { researcher(id: \"A5101727316\") { works(after: \"bad\") { edges { cursor } } } }",
                     "query { researcher(id: \"A5101727316\") { closeCollaborators(first: 99) { sharedWorks } } }"):
        result = await schema.execute(document, context_value=make_context(graph))
        assert result.errors and result.errors[0].extensions == {"code": "BAD_USER_INPUT"}, document
