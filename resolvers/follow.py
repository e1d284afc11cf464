"""Following researchers: follow, unfollow, the viewer's follow state, and `me.following`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import strawberry

from scholargraph.context import Context
from scholargraph.errors import Forbidden, InvalidInput, NotFound
from scholargraph.resolvers.account import forget_viewer_state, require_viewer, token_hash, viewer, viewer_state
from scholargraph.schema.account import FeedEvent, FollowedResearcherConnection, FollowedResearcherEdge, moment
from scholargraph.schema.pagination import PageInfo, check_first, decode_cursor, encode_cursor
from scholargraph.schema.researcher import Researcher

if TYPE_CHECKING:
    pass

Info = strawberry.Info[Context]
_INSTANT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$")


async def _toggle(info: Info, query: str, researcher_id: str) -> Researcher:
    rows = await info.context.graph.write(query, token_hash=token_hash(info), researcher_id=researcher_id)
    if not rows:
        await require_viewer(info)
        raise NotFound(f"No researcher with id {researcher_id!r}.")
    forget_viewer_state(info, researcher_id)
    return Researcher.from_record(rows[0]["researcher"])


async def follow(info: Info, researcher_id: str) -> Researcher:
    """Raises Unauthenticated without a session, NotFound for an unknown researcher."""
    return await _toggle(info, "follow_create", researcher_id)


async def unfollow(info: Info, researcher_id: str) -> Researcher:
    """Raises Unauthenticated without a session, NotFound for an unknown researcher."""
    return await _toggle(info, "follow_delete", researcher_id)


async def viewer_follows(info: Info, researcher_id: str) -> bool:
    state = await viewer_state(info, researcher_id)
    return bool(state and state["following"])


async def following(info: Info, user_id: str, first: int, after: str | None) -> FollowedResearcherConnection:
    """The user's followed researchers. Raises Forbidden unless the user is the viewer."""
    check_first(first)
    position = decode_cursor(after, 2)
    if position and not (isinstance(position[0], str) and _INSTANT.match(position[0])):
        raise InvalidInput("`after` is not a cursor this service issued.")
    row = await info.context.graph.read_one(
        "follow_pages", token_hash=token_hash(info), user_id=user_id, first=first + 1,
        after_since=position[0] if position else None, after_id=position[1] if position else None)
    if row is None:
        raise Forbidden("Only the user may see whom they follow.")
    rows = row["researchers"]
    edges = [FollowedResearcherEdge(cursor=encode_cursor(r["cursorSince"], r["id"]), followed_at=moment(r["followedAt"]),
                                    node=Researcher.from_record(r)) for r in rows[:first]]
    return FollowedResearcherConnection(
        edges=edges, total_count=row["total_count"],
        page_info=PageInfo(has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None))


async def feed(info: Info, user_id: str, first: int) -> list[FeedEvent]:
    """The user's feed. Raises Forbidden unless the user is the viewer."""
    from scholargraph.auth.digest import event_line
    from scholargraph.schema.work import Work

    check_first(first)
    rows = await info.context.graph.read("feed_by_viewer", token_hash=token_hash(info), user_id=user_id,
                                         since=None, limit=first)
    if not rows and ((await viewer(info)) or {}).get("id") != user_id:
        raise Forbidden("Only the user may see their feed.")
    return [FeedEvent(kind=e["kind"], at=moment(e["at"]), text=event_line(e),
                      researcher=Researcher.from_record(e["researcher"]),
                      work=Work.from_record(e["work"]) if e["work"] else None,
                      citing_work=Work.from_record(e["citingWork"]) if e["citingWork"] else None)
            for e in (row["event"] for row in rows)]
