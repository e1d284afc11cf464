"""The researcher profile through GraphQL, against the seed and against a prolific hand-built researcher."""

from __future__ import annotations

import neo4j

from scholargraph.settings import Settings
from tests.conftest import cypher_rows

ZHEFAN = "A5101727316"

PROFILE = """
query Profile($id: ID!) {
  researcher(id: $id) {
    id name summary openToCollaborate orcid
    affiliation { id name }
    counts { works followers topics closeCollaborators }
    trust { score band verificationLevel claimStatus claimStatusLabel signals { name contribution detail } }
    works(first: 10) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id title type year publicationDate abstract arxivId venue { id name type }
                            authors { id name } authorNames topics { score topic { id name } } } }
    }
    topics { weight works topic { id name } }
    closeCollaborators(first: 10) { sharedWorks researcher { id name } }
  }
}
"""

SEARCH = "query Find($text: String!) { search(text: $text, kinds: [RESEARCHER]) { score node { id ... on Researcher { name } } } }"


async def test_profile_of_seed_researcher_found_through_search(seeded_graph, gql, graph) -> None:
    hits = (await gql(SEARCH, {"text": "Zhefan Ra"}))["search"]
    assert hits[0]["node"] == {"id": ZHEFAN, "name": "Zhefan Rao"}

    graph.queries.clear()
    r = (await gql(PROFILE, {"id": hits[0]["node"]["id"]}))["researcher"]
    assert graph.round_trips == 1
    assert r["name"] == "Zhefan Rao"
    assert r["summary"] == "Zhefan Rao contributes to research discovery and scholarly infrastructure."
    assert r["affiliation"] is None
    assert r["openToCollaborate"] is True
    assert r["counts"] == {"works": 2, "followers": 0, "topics": 3, "closeCollaborators": 3}
    trust = r["trust"]
    assert (trust["score"], trust["band"], trust["verificationLevel"], trust["claimStatus"]) == (
        13, "Unverified", "L1", "UNCLAIMED")
    assert trust["claimStatusLabel"] == "Unclaimed author"
    assert sum(s["contribution"] for s in trust["signals"]) == 13


async def test_profile_works_newest_first_with_venue_authors_and_abstract(seeded_graph, gql) -> None:
    works = (await gql(PROFILE, {"id": ZHEFAN}))["researcher"]["works"]
    assert works["totalCount"] == 2 and works["pageInfo"]["hasNextPage"] is False
    first, second = (edge["node"] for edge in works["edges"])
    assert first["title"] == "Quantifying the Knowledge in a DNN to Explain Knowledge Distillation for Classification"
    assert (first["type"], first["year"], first["arxivId"]) == ("preprint", 2022, "2208.08741")
    assert [a["name"] for a in first["authors"]] == ["Quanshi Zhang", "Xu Cheng", "Yilan Chen", "Zhefan Rao"]
    assert first["abstract"].startswith("Compared to traditional learning from scratch, knowledge distillation")
    assert first["abstract"].endswith("which verified above hypotheses.")
    assert second["title"] == "Explaining Knowledge Distillation by Quantifying the Knowledge"
    assert (second["year"], second["publicationDate"]) == (2020, "2020-03-07")
    assert [a["name"] for a in second["authors"]] == ["Xu Cheng", "Zhefan Rao", "Yilan Chen", "Quanshi Zhang"]
    assert first["venue"]["name"] == second["venue"]["name"] == "arXiv (Cornell University)"


async def test_profile_topics_and_close_collaborators(seeded_graph, gql) -> None:
    r = (await gql(PROFILE, {"id": ZHEFAN}))["researcher"]
    assert len(r["topics"]) == 3
    weights = [t["weight"] for t in r["topics"]]
    assert weights == sorted(weights, reverse=True)
    assert all(t["works"] == 2 for t in r["topics"])
    collaborators = {c["researcher"]["name"]: c["sharedWorks"] for c in r["closeCollaborators"]}
    assert collaborators == {"Xu Cheng": 2, "Yilan Chen": 2, "Quanshi Zhang": 2}


async def test_unknown_ids_give_null(seeded_graph, gql) -> None:
    data = await gql("query { researcher(id: \"A1\") { id } work(id: \"W1\") { id } node(id: \"nonsense\") { id } }")
    assert data == {"researcher": None, "work": None, "node": None}


async def test_node_resolves_each_kind(seeded_graph, gql) -> None:
    query = """query($ids: [ID!]!) { a: node(id: "A5101727316") { __typename id }
      w: node(id: "W3010830565") { __typename id } t: node(id: "T12026") { __typename id }
      i: node(id: "I183067930") { __typename id } s: node(id: "S4306400194") { __typename id } }"""
    data = await gql(query.replace("($ids: [ID!]!)", ""))
    assert [data[k]["__typename"] for k in "awtis"] == ["Researcher", "Work", "Topic", "Institution", "Source"]


def _make_prolific(driver: neo4j.Driver, settings: Settings, works: int, coauthors: int) -> str:
    cypher_rows(driver, settings, """
        CREATE (r:Researcher {id: 'A900', name: 'Prolific Person', openToCollaborate: true})
        WITH r
        UNWIND range(1, $works) AS n
        CREATE (w:Work {id: 'W9' + toString(n), title: 'Work ' + toString(n), year: 2000 + n % 25,
                        sortDate: toString(2000 + n % 25) + '-01-' + right('0' + toString(1 + n % 28), 2)})
        CREATE (r)-[:AUTHORED {position: 0}]->(w)
        """, works=works)
    cypher_rows(driver, settings, """
        MATCH (r:Researcher {id: 'A900'})
        UNWIND range(1, $coauthors) AS n
        CREATE (o:Researcher {id: 'A8' + toString(n), name: 'Co ' + toString(n)})
        CREATE (r)-[:COAUTHOR {sharedWorks: 1 + n % 7, lastYear: 2020}]->(o)
        """, coauthors=coauthors)
    return "A900"


async def test_profile_round_trips_do_not_grow_with_list_sizes(clean_graph, settings, gql, graph) -> None:
    rid = _make_prolific(clean_graph, settings, works=400, coauthors=300)
    graph.queries.clear()
    r = (await gql(PROFILE, {"id": rid}))["researcher"]
    assert r["counts"]["works"] == 400 and r["counts"]["closeCollaborators"] == 300
    assert r["works"]["totalCount"] == 400 and len(r["works"]["edges"]) == 10
    assert len(r["closeCollaborators"]) == 10
    shared = [c["sharedWorks"] for c in r["closeCollaborators"]]
    assert shared == sorted(shared, reverse=True)
    assert graph.round_trips == 1


async def test_works_pagination_walks_every_work_once(clean_graph, settings, gql) -> None:
    rid = _make_prolific(clean_graph, settings, works=45, coauthors=0)
    query = """query($id: ID!, $after: String) { researcher(id: $id) { works(first: 20, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id publicationDate year } } } } }"""
    seen, after, pages = [], None, 0
    while True:
        page = (await gql(query, {"id": rid, "after": after}))["researcher"]["works"]
        pages += 1
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 3 and len(seen) == len(set(seen)) == 45


async def test_invalid_arguments_are_bad_user_input(seeded_graph, gql) -> None:
    cases = [
        ("query { researcher(id: \"A5101727316\") { works(first: -1) { totalCount } } }", None),
        ("query { researcher(id: \"A5101727316\") { works(first: 10000) { totalCount } } }", None),
        ("query { researcher(id: \"A5101727316\") { works(after: \"not-a-cursor!\") { totalCount } } }", None),
        ("query { researcher(id: \"A5101727316\") { works(after: \"WyJ4Il0=\") { totalCount } } }", None),
        ("query { researcher(id: \"A5101727316\") { closeCollaborators(first: 51) { sharedWorks } } }", None),
        ("query($t: String!) { search(text: $t) { score } }", {"t": ""}),
        ("query($t: String!) { search(text: $t) { score } }", {"t": "   "}),
        ("query { search(text: \"rao\", first: 0) { score } }", None),
    ]
    for document, variables in cases:
        result = await gql(document, variables, expect_errors=True)
        assert result.errors, document
        assert result.errors[0].extensions == {"code": "BAD_USER_INPUT"}, (document, result.errors[0].formatted)
