"""Lists on the entity pages that are not works: an institution's researchers, a researcher's co-authors."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from scholargraph.schema.institution import (
    AffiliatedResearcherConnection,
    AffiliatedResearcherEdge,
    ResearcherOrder,
)
from scholargraph.schema.collaborators import CollaboratorConnection, CollaboratorEdge
from scholargraph.schema.pagination import PageInfo, check_first, decode_cursor, encode_cursor

if TYPE_CHECKING:
    from scholargraph.context import Context


async def page_of_researchers(info: strawberry.Info[Context], institution_id: str, first: int,
                              after: str | None, order: ResearcherOrder | None = None,
                              ) -> AffiliatedResearcherConnection:
    """One page of an institution's researchers (latest affiliation first unless `order` says otherwise).
    Raises InvalidInput for bad arguments."""
    from scholargraph.schema.researcher import Researcher

    check_first(first)
    position = decode_cursor(after, 2)
    after_key, after_id = position if position else (None, None)
    order_key = (order or ResearcherOrder.RECENT).value
    page = await info.context.loaders.institution_researchers.load(
        (institution_id, first, order_key, after_key, after_id))
    rows = page["researchers"]
    edges = [AffiliatedResearcherEdge(cursor=encode_cursor(row["sortKey"], row["id"]),
                                      last_year=row["lastYear"] if row["lastYear"] >= 0 else None,
                                      works_count=row["worksCount"],
                                      node=Researcher.from_record(row)) for row in rows[:first]]
    return AffiliatedResearcherConnection(
        edges=edges, total_count=page["total_count"],
        page_info=PageInfo(has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None),
    )


async def page_of_collaborators(info: strawberry.Info[Context], researcher_id: str, first: int,
                                after: str | None) -> CollaboratorConnection:
    """One page of a researcher's co-authors, closest first. Raises InvalidInput for bad arguments."""
    from scholargraph.schema.researcher import Researcher

    check_first(first)
    position = decode_cursor(after, 3)
    shared, year, after_id = position if position else (None, None, None)
    page = await info.context.loaders.researcher_collaborators.load((researcher_id, first, shared, year, after_id))
    rows = page["collaborators"]
    edges = [CollaboratorEdge(cursor=encode_cursor(row["sharedWorks"], row["lastYear"], row["id"]),
                              shared_works=row["sharedWorks"],
                              last_year=row["lastYear"] if row["lastYear"] >= 0 else None,
                              node=Researcher.from_record(row)) for row in rows[:first]]
    return CollaboratorConnection(
        edges=edges, total_count=page["total_count"],
        page_info=PageInfo(has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None),
    )
