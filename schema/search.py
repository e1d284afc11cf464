"""Search results."""

from __future__ import annotations

import strawberry

from scholargraph.schema.node import Node


@strawberry.type(description="One full-text match and how well it matched.")
class SearchHit:
    score: float
    node: Node
    detail: str | None = strawberry.field(default=None, description=(
        "What tells namesakes apart: a researcher's affiliation and works, a work's year and first author."))
