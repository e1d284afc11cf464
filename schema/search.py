"""Search results."""

from __future__ import annotations

import strawberry

from scholargraph.schema.node import Node


@strawberry.type(description="One full-text match and how well it matched.")
class SearchHit:
    score: float
    node: Node
