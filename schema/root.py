"""The root Query and Mutation types and the executable schema with its security and cost extensions."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.tools import merge_types

from scholargraph.errors import AppError
from scholargraph.resolvers import node as entity
from scholargraph.schema.execution import FastExecutionContext
from scholargraph.schema.institution import Institution, Source
from scholargraph.schema.limits import MASKED, LoggingSchema, OperationShapeRule, RequestPipeline
from scholargraph.schema.node import Node
from scholargraph.schema.researcher import Researcher
from scholargraph.schema.search import SearchHit
from scholargraph.schema.topic import Topic, TopicGroup
from scholargraph.schema.work import Work


@strawberry.type
class EntityQuery:
    node: Node | None = strawberry.field(resolver=entity.node, description="Any entity by id.")
    researcher: Researcher | None = strawberry.field(resolver=entity.researcher)
    work: Work | None = strawberry.field(resolver=entity.work)
    topic: Topic | None = strawberry.field(resolver=entity.topic)
    institution: Institution | None = strawberry.field(resolver=entity.institution)
    topic_group: TopicGroup | None = strawberry.field(
        resolver=entity.topic_group, description="A subfield, field or domain of the topic hierarchy by id.")
    source: Source | None = strawberry.field(resolver=entity.source, description="A venue by id.")
    nodes: list[Node | None] = strawberry.field(
        resolver=entity.nodes, description="Entities by id (at most 100), in the order asked; null for unknown ids.")
    search: list[SearchHit] = strawberry.field(
        resolver=entity.search,
        description="Search: identifiers (OpenAlex, DOI, arXiv, ORCID, ROR) find their entity; text matches names "
        "and titles by prefix, longer words with a typo or two.",
    )


def _should_mask(error: object) -> bool:
    original = getattr(error, "original_error", None)
    # graphql-core's own errors (e.g. a variable it cannot coerce) are the client's, and carry a code on the way out.
    return original is not None and not isinstance(original, (AppError, GraphQLError))


def _query_types() -> tuple[type, ...]:
    from scholargraph.schema.explorer import ExplorerQuery
    from scholargraph.schema.suggestion import SuggestionQuery

    from scholargraph.schema.account import AccountQuery
    from scholargraph.schema.claim import ClaimQuery

    return (EntityQuery, SuggestionQuery, ExplorerQuery, AccountQuery, ClaimQuery)


def _mutation_types() -> tuple[type, ...]:
    from scholargraph.schema.account import AccountMutation
    from scholargraph.schema.claim import ClaimMutation
    from scholargraph.schema.invitation import InvitationMutation

    return (AccountMutation, ClaimMutation, InvitationMutation)


Query = merge_types("Query", _query_types())
_mutations = _mutation_types()
Mutation = merge_types("Mutation", _mutations) if _mutations else None

# Depth (12) and aliases (30) in one linear pass; Strawberry's two limiters are exponential in fragment fan-out.
RequestPipeline.validation_rules = (OperationShapeRule,)
RequestPipeline.should_mask = staticmethod(_should_mask)
RequestPipeline.masked_message = MASKED

schema = LoggingSchema(
    query=Query,
    mutation=Mutation,
    types=[Researcher, Work, Topic, Institution, Source],
    execution_context_class=FastExecutionContext,  # plain fields completed directly (docs/resolvers.md)
    # One extension for the metrics, the Unicode and cost checks, the parse and validation caches (by query
    # text), the depth and alias rule, at most 4,000 tokens and error masking (schema/limits.py): Strawberry
    # builds a context manager per extension, phase and request, so seven of them cost more than their own work.
    extensions=[RequestPipeline],
)
