"""Institutions and sources (venues)."""

from __future__ import annotations

from typing import Any

import strawberry

from scholargraph.schema.node import Node


@strawberry.type(description="A university, company or other research institution.")
class Institution(Node):
    id: strawberry.ID
    name: str
    ror: str | None
    country_code: str | None
    type: str | None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Institution:
        return cls(id=strawberry.ID(row["id"]), name=row.get("name") or row["id"], ror=row.get("ror"),
                   country_code=row.get("countryCode"), type=row.get("type"))


@strawberry.type(description="Where works are published: a journal, repository (e.g. arXiv) or conference.")
class Source(Node):
    id: strawberry.ID
    name: str
    type: str | None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Source:
        return cls(id=strawberry.ID(row["id"]), name=row.get("name") or row["id"], type=row.get("type"))
