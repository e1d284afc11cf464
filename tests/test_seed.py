"""The demo seed: the modelled profile's facts, a demo network around it, and idempotent loading."""

from __future__ import annotations

import asyncio

from scholargraph import db
from scholargraph.seed import demo
from scholargraph.seed.load import is_empty, load
from scholargraph.settings import Settings
from tests.conftest import cypher_rows

COUNTS = """
MATCH (n) WHERE NOT n:TestSentinel WITH count(n) AS nodes
MATCH ()-[r]->() RETURN nodes, count(r) AS rels
"""


def test_seed_loads_twice_to_the_same_graph(clean_graph, settings: Settings) -> None:
    async def run() -> tuple[bool, bool]:
        async with db.connect(settings) as graph:
            before = await is_empty(graph)
            await load(graph)
            return before, await is_empty(graph)

    assert asyncio.run(run()) == (True, False)
    first = cypher_rows(clean_graph, settings, COUNTS)
    asyncio.run(run())
    assert cypher_rows(clean_graph, settings, COUNTS) == first
    assert first[0]["nodes"] > 400


def test_demo_network_leaves_the_modelled_profile_alone(seeded_graph, settings: Settings) -> None:
    rows = cypher_rows(seeded_graph, settings, """
        MATCH (r:Researcher {id: 'A5101727316'})
        RETURN COUNT { (r)-[:AUTHORED]->() } AS works, COUNT { (r)-[:COAUTHOR]-() } AS coauthors,
               COUNT { (r)-[:AFFILIATED_WITH]->() } AS affiliations, COUNT { (r)-[:WORKS_ON]->() } AS topics""")
    assert rows == [{"works": 2, "coauthors": 3, "affiliations": 0, "topics": 3}]
    sizes = cypher_rows(seeded_graph, settings, """
        RETURN COUNT { (:Researcher) } AS researchers, COUNT { (:Work) } AS works,
               COUNT { (:Topic) } AS topics, COUNT { (:Institution) } AS institutions""")[0]
    assert sizes["researchers"] >= 200 and sizes["works"] >= 200
    assert sizes["topics"] == 12 and sizes["institutions"] == 8


def test_demo_build_is_deterministic() -> None:
    assert demo.build() == demo.build()
