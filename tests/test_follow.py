"""Following researchers: idempotent follow/unfollow, counts and viewer state at once, `me.following` pages."""

from __future__ import annotations

import neo4j
from identity_support import Api, api, small_graph  # noqa: F401 (fixtures)

ZHEFAN = "A5101727316"
FOLLOW = "mutation($id: ID!) { follow(researcherId: $id) { id viewerFollows counts { followers } } }"
UNFOLLOW = "mutation($id: ID!) { unfollow(researcherId: $id) { id viewerFollows counts { followers } } }"
PROFILE = "query($id: ID!) { researcher(id: $id) { viewerFollows counts { followers } } }"
FOLLOWING = """query($first: Int!, $after: String) { me { following(first: $first, after: $after) {
  totalCount edges { cursor followedAt node { id name } } pageInfo { hasNextPage endCursor } } } }"""


async def test_follow_and_unfollow_zhefan_on_the_seed(api: Api, seeded_graph: neo4j.Driver) -> None:
    user = await api.user("fan@example.org")
    assert (await api(PROFILE, {"id": ZHEFAN}, token=user.token))["researcher"] == \
        {"viewerFollows": False, "counts": {"followers": 0}}
    followed = (await api(FOLLOW, {"id": ZHEFAN}, token=user.token))["follow"]
    assert followed == {"id": ZHEFAN, "viewerFollows": True, "counts": {"followers": 1}}
    assert (await api(FOLLOW, {"id": ZHEFAN}, token=user.token))["follow"]["counts"] == {"followers": 1}
    assert (await api(PROFILE, {"id": ZHEFAN}))["researcher"] == {"viewerFollows": False, "counts": {"followers": 1}}
    page = (await api(FOLLOWING, {"first": 10}, token=user.token))["me"]["following"]
    assert page["totalCount"] == 1 and page["edges"][0]["node"] == {"id": ZHEFAN, "name": "Zhefan Rao"}
    unfollowed = (await api(UNFOLLOW, {"id": ZHEFAN}, token=user.token))["unfollow"]
    assert unfollowed == {"id": ZHEFAN, "viewerFollows": False, "counts": {"followers": 0}}
    assert (await api(UNFOLLOW, {"id": ZHEFAN}, token=user.token))["unfollow"]["counts"] == {"followers": 0}


async def test_follow_needs_a_session_and_a_known_researcher(api: Api, small_graph: neo4j.Driver) -> None:
    assert await api.error_code(FOLLOW, {"id": "A1"}) == "UNAUTHENTICATED"
    user = await api.user("f@example.org", verified=False)  # following needs no verified e-mail
    assert (await api(FOLLOW, {"id": "A1"}, token=user.token))["follow"]["viewerFollows"] is True
    assert await api.error_code(FOLLOW, {"id": "A999"}, token=user.token) == "NOT_FOUND"
    assert await api.error_code(UNFOLLOW, {"id": "A999"}, token=user.token) == "NOT_FOUND"


async def test_following_pages_newest_first(api: Api, small_graph: neo4j.Driver) -> None:
    user = await api.user("pages@example.org")
    for researcher in ("A1", "A2", "A3"):
        await api(FOLLOW, {"id": researcher}, token=user.token)
    first = (await api(FOLLOWING, {"first": 2}, token=user.token))["me"]["following"]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["id"] for e in first["edges"]] == ["A3", "A2"]
    rest = (await api(FOLLOWING, {"first": 2, "after": first["pageInfo"]["endCursor"]},
                      token=user.token))["me"]["following"]
    assert [e["node"]["id"] for e in rest["edges"]] == ["A1"] and rest["pageInfo"]["hasNextPage"] is False
    assert await api.error_code(FOLLOWING, {"first": 2, "after": "bm90LWEtY3Vyc29y"}, token=user.token) \
        == "BAD_USER_INPUT"
    assert await api.error_code(FOLLOWING, {"first": 101}, token=user.token) == "BAD_USER_INPUT"


async def test_viewer_state_is_one_query_for_many_researchers(api: Api, small_graph: neo4j.Driver) -> None:
    user = await api.user("batch@example.org")
    await api(FOLLOW, {"id": "A2"}, token=user.token)
    api.graph.queries.clear()
    data = await api("""{ a: researcher(id: "A1") { viewerFollows viewerCanClaim { allowed } }
                          b: researcher(id: "A2") { viewerFollows viewerCanInvite { allowed reason } }
                          c: researcher(id: "A3") { viewerFollows viewerIsOwner } }""", token=user.token)
    assert [data[k]["viewerFollows"] for k in "abc"] == [False, True, False]
    assert api.graph.queries["researcher_owner_viewer_by_ids"] == 1
