"""The topic hierarchy (Subfield, Field, Domain nodes) and co-occurring topics on the OpenAlex sample, checked
against the JSON: placement, counts, convergence on re-import, the API's answers and round trips."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

import neo4j

from scholargraph.importer import run
from tests.conftest import cypher_rows
from tests.test_importer import SAMPLE_PATHS, key, newest, raw_records

GROUP = """query($level: TopicLevel!, $id: ID!, $topics: Int!) { topicGroup(level: $level, id: $id) {
  id name level topicsCount taggedWorks parent { id name level } children { id name level topicsCount }
  topics(first: $topics) { id name worksCount } } }"""
TOPIC = """query($id: ID!) { topic(id: $id) { id hierarchy { level id name }
  cooccurringTopics(first: 50) { worksScanned complete topics { sharedWorks topic { id } } } } }"""


def expected_placement(topic_ids: set[str]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Topic id -> ((subfield id, name), (field id, name), (domain id, name)) from the JSON: the topic's own record
    when there is one, else a copy embedded in a work (they agree in the sample)."""
    records = raw_records(SAMPLE_PATHS)
    own = newest(records, "T")
    placed: dict[str, tuple[tuple[str, str], ...]] = {}
    for work in newest(records, "W").values():
        for t in work.get("topics") or []:
            if all(t.get(level) for level in ("subfield", "field", "domain")):
                placed.setdefault(key(t["id"]), tuple((key(t[level]["id"]), t[level]["display_name"])
                                                      for level in ("subfield", "field", "domain")))
    for tid, record in own.items():
        if all(record.get(level) for level in ("subfield", "field", "domain")):
            placed[tid] = tuple((key(record[level]["id"]), record[level]["display_name"])
                                for level in ("subfield", "field", "domain"))
    return {tid: levels for tid, levels in placed.items() if tid in topic_ids}


def hierarchy_rows(driver: neo4j.Driver, settings: Any) -> dict[str, Any]:
    q = lambda text: cypher_rows(driver, settings, text)  # noqa: E731
    return {
        "topics": {r["t"]: r["s"] for r in q("MATCH (t:Topic)-[:IN]->(s:Subfield) RETURN t.id AS t, s.id AS s")},
        "subfields": {r["s"]: (r["name"], r["f"]) for r in q(
            "MATCH (s:Subfield) OPTIONAL MATCH (s)-[:IN]->(f:Field) RETURN s.id AS s, s.name AS name, f.id AS f")},
        "fields": {r["f"]: (r["name"], r["d"]) for r in q(
            "MATCH (f:Field) OPTIONAL MATCH (f)-[:IN]->(d:Domain) RETURN f.id AS f, f.name AS name, d.id AS d")},
        "domains": {r["d"]: r["name"] for r in q("MATCH (d:Domain) RETURN d.id AS d, d.name AS name")},
        "edges": q("MATCH (a)-[r:IN]->(b) RETURN count(r) AS n")[0]["n"],
    }


async def test_hierarchy_nodes_match_the_json_and_converge(sample_graph: neo4j.Driver, settings, graph) -> None:
    topic_ids = {r["id"] for r in cypher_rows(sample_graph, settings, "MATCH (t:Topic) WHERE NOT t.legacy "
                                              "RETURN t.id AS id")}
    expected = expected_placement(topic_ids)
    assert len(expected) > 50
    got = hierarchy_rows(sample_graph, settings)
    assert got["topics"] == {tid: levels[0][0] for tid, levels in expected.items()}
    assert got["subfields"] == {s: (name, f) for s, name, f in
                                {(lv[0][0], lv[0][1], lv[1][0]) for lv in expected.values()}}
    assert got["fields"] == {f: (name, d) for f, name, d in {(lv[1][0], lv[1][1], lv[2][0]) for lv in expected.values()}}
    assert got["domains"] == {d: name for d, name in {(lv[2][0], lv[2][1]) for lv in expected.values()}}
    assert got["edges"] == len(got["topics"]) + len(got["subfields"]) + len(got["fields"])
    await run.import_paths(SAMPLE_PATHS, graph, progress=False)  # again: the same nodes and edges, nothing doubled
    assert hierarchy_rows(sample_graph, settings) == got


async def test_topic_group_api_counts_and_round_trips(sample_graph: neo4j.Driver, settings, graph, gql) -> None:
    topic_ids = {r["id"]: r["works"] for r in cypher_rows(
        sample_graph, settings, "MATCH (t:Topic) WHERE NOT t.legacy RETURN t.id AS id, t.worksCount AS works")}
    expected = expected_placement(set(topic_ids))
    per_subfield = Counter(levels[0][0] for levels in expected.values())
    per_field = Counter(levels[1][0] for levels in expected.values())
    per_domain = Counter(levels[2][0] for levels in expected.values())
    subfield, count = per_subfield.most_common(1)[0]
    before = graph.round_trips
    data = (await gql(GROUP, {"level": "SUBFIELD", "id": subfield, "topics": 100}))["topicGroup"]
    assert graph.round_trips - before == 1
    assert data["topicsCount"] == count == len(data["topics"])
    mine = [tid for tid, levels in expected.items() if levels[0][0] == subfield]
    assert sorted(t["id"] for t in data["topics"]) == sorted(mine)
    # Distinct works (stored after the import, importer/group_counts.py): a work with two of its topics counts once.
    works_of = {r["t"]: set(r["works"]) for r in cypher_rows(
        sample_graph, settings, "MATCH (w:Work)-[:HAS_TOPIC]->(t:Topic) RETURN t.id AS t, collect(w.id) AS works")}
    tagged = lambda level, gid: len(set().union(*(works_of.get(t, set()) for t, lv in expected.items()  # noqa: E731
                                                  if lv[level][0] == gid)))
    assert data["taggedWorks"] == tagged(0, subfield) <= sum(topic_ids[t] for t in mine)
    assert cypher_rows(sample_graph, settings, "MATCH (g) WHERE (g:Subfield OR g:Field OR g:Domain) "
                       "AND g.worksCount IS NULL RETURN g.id") == []
    assert [t["worksCount"] for t in data["topics"]] == sorted((t["worksCount"] for t in data["topics"]), reverse=True)
    field = next(levels[1] for levels in expected.values() if levels[0][0] == subfield)
    assert data["parent"] == {"id": field[0], "name": field[1], "level": "FIELD"} and data["children"] == []

    before = graph.round_trips
    data = (await gql(GROUP, {"level": "FIELD", "id": field[0], "topics": 1}))["topicGroup"]
    assert graph.round_trips - before == 1 and len(data["topics"]) == 1
    assert data["topicsCount"] == per_field[field[0]] and data["taggedWorks"] == tagged(1, field[0])
    assert {c["id"]: c["topicsCount"] for c in data["children"]} == {
        s: n for s, n in per_subfield.items() if any(lv[0][0] == s and lv[1][0] == field[0] for lv in expected.values())}
    domain = next(levels[2][0] for levels in expected.values() if levels[1][0] == field[0])
    data = (await gql(GROUP, {"level": "DOMAIN", "id": domain, "topics": 5}))["topicGroup"]
    assert data["topicsCount"] == per_domain[domain] and data["parent"] is None
    assert data["taggedWorks"] == tagged(2, domain) < sum(topic_ids[t] for t, lv in expected.items() if lv[2][0] == domain)
    assert field[0] in {c["id"] for c in data["children"]}
    for level, gid in (("DOMAIN", field[0]), ("SUBFIELD", "999999"), ("FIELD", "x1")):
        assert (await gql(GROUP, {"level": level, "id": gid, "topics": 5}))["topicGroup"] is None
    result = await gql(GROUP, {"level": "FIELD", "id": field[0], "topics": 101}, expect_errors=True)
    assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"

    tid = mine[0]
    before = graph.round_trips
    topic = (await gql(TOPIC, {"id": tid}))["topic"]
    assert graph.round_trips - before == 1  # the topic with its hierarchy and co-occurring topics (topic_read_by_ids)
    levels = expected[tid]
    assert topic["hierarchy"] == [{"level": "DOMAIN", "id": levels[2][0], "name": levels[2][1]},
                                  {"level": "FIELD", "id": levels[1][0], "name": levels[1][1]},
                                  {"level": "SUBFIELD", "id": levels[0][0], "name": levels[0][1]}]


async def test_cooccurring_topics_match_the_json(sample_graph: neo4j.Driver, settings, graph, gql) -> None:
    # Independently: the topics each work carries (score >= 0.05; legacy concepts only without topics).
    pairs: Counter[tuple[str, str]] = Counter()
    for work in newest(raw_records(SAMPLE_PATHS), "W").values():
        items = [t for t in work.get("topics") or [] if t["score"] >= 0.05]
        if not work.get("topics"):
            items = [c for c in work.get("concepts") or [] if c["score"] >= 0.05]
        ids = sorted({key(t["id"]) for t in items})
        for a, b in combinations(ids, 2):
            pairs[(a, b)] += 1
            pairs[(b, a)] += 1
    hub = Counter(a for a, _ in pairs.elements()).most_common(1)[0][0]
    shared = {b: n for (a, b), n in pairs.items() if a == hub}
    topic = (await gql(TOPIC, {"id": hub}))["topic"]["cooccurringTopics"]
    assert topic["complete"] is True
    # Reached below the root (no plan): one batched statement for all the topics of a subfield.
    subfield = cypher_rows(sample_graph, settings, "MATCH (:Topic {id: $id})-[:IN]->(s:Subfield) RETURN s.id AS s",
                           id=hub)
    if subfield:
        before = graph.round_trips
        group = (await gql("""query($id: ID!) { topicGroup(level: SUBFIELD, id: $id) { topics(first: 50) { id
          cooccurringTopics(first: 50) { worksScanned complete topics { sharedWorks topic { id } } } } } }""",
                           {"id": subfield[0]["s"]}))["topicGroup"]["topics"]
        assert graph.round_trips - before == 2 and len(group) > 1
        assert next(t for t in group if t["id"] == hub)["cooccurringTopics"] == topic
    got = {t["topic"]["id"]: t["sharedWorks"] for t in topic["topics"]}
    ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:50]
    assert got == dict(ranked)
    assert [t["sharedWorks"] for t in topic["topics"]] == sorted(got.values(), reverse=True)


async def test_a_topic_sharing_nothing_answers_empty(sample_graph: neo4j.Driver, settings, graph, gql) -> None:
    lonely = cypher_rows(sample_graph, settings, "MATCH (t:Topic) WHERE NOT EXISTS { (t)<-[:HAS_TOPIC]-(:Work)"
                         "-[:HAS_TOPIC]->(o:Topic) WHERE o <> t } RETURN t.id AS id, t.worksCount AS n LIMIT 1")
    assert lonely
    co = (await gql(TOPIC, {"id": lonely[0]["id"]}))["topic"]["cooccurringTopics"]
    assert co["topics"] == [] and co["worksScanned"] == lonely[0]["n"] and co["complete"] is True
