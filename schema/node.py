"""The Node interface, the kinds of entity, and the id-prefix whitelist that maps an id to its kind."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry


@strawberry.enum(description="The kinds of entity in the graph.")
class EntityKind(Enum):
    RESEARCHER = "Researcher"
    WORK = "Work"
    TOPIC = "Topic"
    INSTITUTION = "Institution"
    SOURCE = "Source"


# OpenAlex ids start with a letter that names the kind; this table is the whitelist of labels we query.
KIND_BY_PREFIX = {
    "A": EntityKind.RESEARCHER,
    "W": EntityKind.WORK,
    "T": EntityKind.TOPIC,
    "C": EntityKind.TOPIC,
    "I": EntityKind.INSTITUTION,
    "S": EntityKind.SOURCE,
}


def kind_of(entity_id: str) -> EntityKind | None:
    """The kind an id names, or None when it is not a well-formed id of ours."""
    if len(entity_id) < 2 or not entity_id[1:].isdigit():
        return None
    return KIND_BY_PREFIX.get(entity_id[0])


@strawberry.interface(description="Anything with a stable id in the graph.")
class Node:
    id: strawberry.ID

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        """graphql-core asks every object it completes as one of these types whether it is one. Strawberry's own
        check also looks for casts and generic types, which this schema does not use; a plain isinstance is
        cheaper (a hub profile completes ~150 of these objects)."""
        return isinstance(obj, cls)
