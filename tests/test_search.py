"""Full-text search: prefix matching, kinds, escaping of user syntax."""

from __future__ import annotations

SEARCH = """query($text: String!, $kinds: [EntityKind!], $first: Int = 10) {
  search(text: $text, kinds: $kinds, first: $first) { score node { __typename id } } }"""


async def test_prefix_search_serves_autocomplete(seeded_graph, gql) -> None:
    for prefix in ("zhe", "Zhefan", "rao zhe"):
        hits = (await gql(SEARCH, {"text": prefix, "kinds": ["RESEARCHER"]}))["search"]
        assert "A5101727316" in [h["node"]["id"] for h in hits], prefix


async def test_search_across_kinds_and_filter(seeded_graph, gql) -> None:
    hits = (await gql(SEARCH, {"text": "knowledge distil"}))["search"]
    kinds = {h["node"]["__typename"] for h in hits}
    assert {"Work", "Topic"} <= kinds
    only_topics = (await gql(SEARCH, {"text": "knowledge distil", "kinds": ["TOPIC"]}))["search"]
    assert [h["node"]["id"] for h in only_topics] == ["T19001"]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


async def test_lucene_syntax_in_user_text_is_literal(seeded_graph, gql) -> None:
    for text in ('"unbalanced', "a AND (", "*", "title:x~2", "\\", "zhefan)"):
        result = await gql(SEARCH, {"text": text}, expect_errors=True)
        assert result.errors is None or result.errors[0].extensions["code"] == "BAD_USER_INPUT", text


async def test_search_limits(seeded_graph, gql) -> None:
    assert len((await gql(SEARCH, {"text": "a", "first": 3}))["search"]) <= 3
    result = await gql(SEARCH, {"text": "a", "first": 51}, expect_errors=True)
    assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"


HITS = """query($text: String!, $kinds: [EntityKind!], $first: Int = 10, $offset: Int = 0) {
  search(text: $text, kinds: $kinds, first: $first, offset: $offset) { score detail node { __typename id } } }"""
DISTILLATION_WORK = "W3010830565"  # "Explaining Knowledge Distillation by Quantifying the Knowledge", arXiv 2003.03622


async def test_one_typo_in_a_longer_word_still_finds_the_work(seeded_graph, gql) -> None:
    for text in ("distilation", "knowlege distillation", "explaning knowledge", "Distilation"):
        hits = (await gql(HITS, {"text": text, "kinds": ["WORK"]}))["search"]
        assert DISTILLATION_WORK in [h["node"]["id"] for h in hits], text
    # short words stay exact prefixes: "rao" with a typo is not a fuzzy match
    assert (await gql(HITS, {"text": "rso", "kinds": ["RESEARCHER"]}))["search"] == []


async def test_identifiers_typed_into_search_find_their_entity(seeded_graph, gql) -> None:
    cases = {
        "10.48550/arXiv.2003.03622": DISTILLATION_WORK,
        "https://doi.org/10.48550/arxiv.2003.03622": DISTILLATION_WORK,
        "2003.03622": DISTILLATION_WORK,
        "arXiv:2003.03622v2": DISTILLATION_WORK,
        "https://arxiv.org/abs/2003.03622": DISTILLATION_WORK,
        "W3010830565": DISTILLATION_WORK,
        "https://openalex.org/w3010830565": DISTILLATION_WORK,
        "A5101727316": "A5101727316",
        "0000-0002-6108-2738": "A5031485721",
        "https://orcid.org/0000-0002-6108-2738": "A5031485721",
        "https://ror.org/0220qvk04": "I183067930",
        "I183067930": "I183067930",
    }
    for text, expected in cases.items():
        hits = (await gql(HITS, {"text": text}))["search"]
        assert [h["node"]["id"] for h in hits] == [expected], text
    assert (await gql(HITS, {"text": "W1"}))["search"] == []
    assert (await gql(HITS, {"text": "0000-0002-6108-2739"}))["search"] == []  # wrong ORCID checksum: text search


async def test_hits_carry_what_tells_namesakes_apart(seeded_graph, gql) -> None:
    hits = (await gql(HITS, {"text": "Quanshi Zhang", "kinds": ["RESEARCHER"]}))["search"]
    assert hits[0]["node"]["id"] == "A5031485721"
    assert hits[0]["detail"].startswith("Shanghai Jiao Tong University · ") and hits[0]["detail"].endswith(" works")
    work = (await gql(HITS, {"text": "2003.03622"}))["search"][0]
    assert work["detail"].startswith("2020 · ")


async def test_search_pages_with_offset(seeded_graph, gql) -> None:
    every = [h["node"]["id"] for h in (await gql(HITS, {"text": "distillation", "first": 20}))["search"]]
    assert len(every) > 3
    pages = []
    for offset in range(0, len(every), 2):
        page = await gql(HITS, {"text": "distillation", "first": 2, "offset": offset})
        pages += [h["node"]["id"] for h in page["search"]]
    assert pages == every
    result = await gql(HITS, {"text": "knowledge", "offset": 201}, expect_errors=True)
    assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"


LOOKUPS = """{
  doi: work(doi: "https://doi.org/10.48550/arXiv.2003.03622") { id }
  arxiv: work(arxivId: "2003.03622") { id }
  none: work(doi: "10.1000/none") { id }
  orcid: researcher(orcid: "0000-0002-6108-2738") { id name }
  ror: institution(ror: "0220qvk04") { id name }
  nodes(ids: ["A5031485721", "W0", "W3010830565", "nonsense", "I183067930", "A5031485721"]) { __typename id }
}"""


async def test_external_ids_and_batch_lookup(seeded_graph, gql, graph) -> None:
    data = await gql(LOOKUPS)
    assert data["doi"] == data["arxiv"] == {"id": DISTILLATION_WORK}
    assert data["none"] is None
    assert data["orcid"]["id"] == "A5031485721" and data["ror"]["id"] == "I183067930"
    assert [n and n["id"] for n in data["nodes"]] == ["A5031485721", None, DISTILLATION_WORK, None, "I183067930",
                                                      "A5031485721"]
    result = await gql('{ work(id: "W1", doi: "10.1/x") { id } }', expect_errors=True)
    assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"
    ids = [f"W{n}" for n in range(101)]
    result = await gql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids}, expect_errors=True)
    assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"
    before = graph.round_trips
    await gql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids[:100]})
    assert graph.round_trips - before == 1  # one batched query per kind asked for
