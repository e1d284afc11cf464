"""Lists on the entity pages that are not works: an institution's researchers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from scholargraph.schema.institution import AffiliatedResearcherConnection, AffiliatedResearcherEdge
from scholargraph.schema.pagination import PageInfo, check_first, decode_cursor, encode_cursor

if TYPE_CHECKING:
    from scholargraph.context import Context


async def page_of_researchers(info: strawberry.Info[Context], institution_id: str, first: int,
                              after: str | None) -> AffiliatedResearcherConnection:
    """One page of an institution's researchers, latest affiliation first. Raises InvalidInput for bad arguments."""
    from scholargraph.schema.researcher import Researcher

    check_first(first)
    position = decode_cursor(after, 2)
    after_year, after_id = position if position else (None, None)
    page = await info.context.loaders.institution_researchers.load((institution_id, first, after_year, after_id))
    rows = page["researchers"]
    edges = [AffiliatedResearcherEdge(cursor=encode_cursor(row["lastYear"], row["id"]),
                                      last_year=row["lastYear"] if row["lastYear"] >= 0 else None,
                                      node=Researcher.from_record(row)) for row in rows[:first]]
    return AffiliatedResearcherConnection(
        edges=edges, total_count=page["total_count"],
        page_info=PageInfo(has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None),
    )
