"""Sorting, filtering and grouping works lists (docs/lists.md)."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="How to order works.")
class WorkOrder(Enum):
    DATE = "DATE"  # newest first
    CITATIONS = "CITATIONS"  # most cited first (OpenAlex's count)
    TITLE = "TITLE"  # A to Z, case-insensitive


@strawberry.input(description="Keep only works that match every field given (null fields match anything).")
class WorkFilter:
    year_from: int | None = None
    year_to: int | None = None
    types: list[str] | None = strawberry.field(default=None, description="e.g. [\"article\", \"preprint\"].")
    topic_id: strawberry.ID | None = None
    source_id: strawberry.ID | None = None
    has_abstract: bool | None = None


@strawberry.enum(description="What to group works by.")
class WorkGroupBy(Enum):
    YEAR = "YEAR"
    TYPE = "TYPE"
    TOPIC = "TOPIC"
    SOURCE = "SOURCE"
    INSTITUTION = "INSTITUTION"


@strawberry.type(description="One group of works: its key (a year, type or id), a label and how many works.")
class Facet:
    key: str
    label: str | None
    count: int
