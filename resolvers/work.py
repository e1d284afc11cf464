"""Pages of works: cursor checks, keyset positions and connection building."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.dataloader import DataLoader

from scholargraph.resolvers.loaders import PageKey
from scholargraph.resolvers.selection import selected
from scholargraph.schema.pagination import PageInfo, check_first, decode_cursor, encode_cursor
from scholargraph.schema.work import Work, WorkConnection, WorkEdge


async def page_of_works(loader: DataLoader[PageKey, dict[str, Any]], owner_id: str, first: int,
                        after: str | None) -> WorkConnection:
    """One page of the owner's works, newest first. Raises InvalidInput for a bad `first` or `after`."""
    check_first(first)
    position = decode_cursor(after, 2)
    after_date, after_id = position if position else (None, None)
    page = await loader.load((owner_id, first, after_date, after_id))
    return connection_of(page["works"], first, page["total_count"])


def connection_of(rows: list[dict[str, Any]], first: int, total: int) -> WorkConnection:
    """A connection from up to first + 1 work rows (newest first, with sortDate), the extra one meaning "more"."""
    edges = [WorkEdge(cursor=encode_cursor(row["sortDate"], row["id"]), node=Work.from_record(row))
             for row in rows[:first]]
    return WorkConnection(
        edges=edges,
        page_info=PageInfo(has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None),
        total_count=total,
    )


def total_only(info: strawberry.Info[Any], first: int, after: str | None) -> bool:
    """Whether the connection being resolved selects only totalCount (so no page is needed). Raises InvalidInput
    for a bad `first` or `after`, as a page would."""
    check_first(first)
    decode_cursor(after, 2)
    return not selected(info).any("edges", "pageInfo")
