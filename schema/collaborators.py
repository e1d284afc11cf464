"""A researcher's whole co-author list as a connection (the profile's ranking stops at 50)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from scholargraph.schema.pagination import PageInfo

if TYPE_CHECKING:
    from scholargraph.schema.researcher import Researcher


@strawberry.type
class CollaboratorEdge:
    cursor: str
    shared_works: int = strawberry.field(description="Works they wrote together.")
    last_year: int | None = strawberry.field(description="The latest year they published together, when known.")
    node: Annotated["Researcher", strawberry.lazy("scholargraph.schema.researcher")]


@strawberry.type(description="A page of co-authors, closest first (most shared works, then most recent), "
                             "with the total.")
class CollaboratorConnection:
    edges: list[CollaboratorEdge]
    page_info: PageInfo
    total_count: int
