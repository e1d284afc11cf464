"""Collaborator suggestions: who a researcher might work with, with a score and readable reasons."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from scholargraph.schema.node import Node
from scholargraph.schema.pagination import DEFAULT_PAGE_SIZE, PageInfo

if TYPE_CHECKING:
    from scholargraph.context import Context
    from scholargraph.schema.researcher import Researcher


@strawberry.enum(description="Why someone is suggested (docs/discovery-model.md).")
class ReasonKind(Enum):
    MUTUAL_COLLABORATORS = "MUTUAL_COLLABORATORS"
    SHARED_TOPICS = "SHARED_TOPICS"
    SAME_INSTITUTION = "SAME_INSTITUTION"
    CITES_YOUR_WORK = "CITES_YOUR_WORK"
    CITED_BY_YOU = "CITED_BY_YOU"


@strawberry.type(description="One signal behind a suggestion; the weights of a suggestion's reasons sum to its score.")
class SuggestionReason:
    kind: ReasonKind
    weight: float = strawberry.field(description="This signal's share of the score.")
    detail: str = strawberry.field(description='A sentence for people, e.g. "You both wrote with Quanshi Zhang".')
    via: list[Node] = strawberry.field(
        description="What the reason goes through: the shared co-authors, the topics, the institution, or the "
        "candidate's works (at most 10, strongest first)."
    )


@strawberry.type(description="A researcher worth working with, and why.")
class CollaboratorSuggestion:
    researcher: Annotated["Researcher", strawberry.lazy("scholargraph.schema.researcher")]
    score: float
    reasons: list[SuggestionReason] = strawberry.field(description="Strongest first.")


@strawberry.type
class CollaboratorSuggestionEdge:
    cursor: str
    node: CollaboratorSuggestion


@strawberry.type(description="A page of the ranking of suggestions.")
class CollaboratorSuggestionConnection:
    edges: list[CollaboratorSuggestionEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(
        description="Length of the whole ranking: the candidate shortlist after filters, at most 200."
    )


@strawberry.type
class SuggestionQuery:
    @strawberry.field(description="Researchers worth working with, best first. NOT_FOUND for an unknown researcher.")
    async def collaborator_suggestions(
        self, info: strawberry.Info[Context], researcher_id: strawberry.ID, first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None, open_to_collaborate: bool | None = None, topic_id: strawberry.ID | None = None,
        institution_id: strawberry.ID | None = None,
    ) -> CollaboratorSuggestionConnection:
        from scholargraph.resolvers.suggestion import collaborator_suggestions

        return await collaborator_suggestions(info, str(researcher_id), first, after, open_to_collaborate,
                                              topic_id, institution_id)
