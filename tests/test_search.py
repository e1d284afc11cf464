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
