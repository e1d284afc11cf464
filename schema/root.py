"""The root Query and Mutation types and the executable schema with its security and cost extensions."""

from __future__ import annotations

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.tools import merge_types

from scholargraph.errors import AppError
from scholargraph.observability import OperationMetrics
from scholargraph.resolvers import node as entity
from scholargraph.schema.institution import Institution, Source
from scholargraph.schema.limits import MASKED, LoggingSchema, OperationShapeRule, RequestLimits
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
LIMIT_RULES: list[type[ASTValidationRule]] = [OperationShapeRule]

schema = LoggingSchema(
    query=Query,
    mutation=Mutation,
    types=[Researcher, Work, Topic, Institution, Source],
    # Factories, so each request gets fresh extension instances; the parse and validation caches are shared
    # module-level LRUs inside Strawberry, so they still work across requests. The limiters' rule classes are
    # built once (LIMIT_RULES): the validation cache is keyed on the rules, and a limiter constructed per request
    # would bring new rule classes every time and never hit it (~3 ms per request, measured by bench.hotpath).
    extensions=[
        OperationMetrics,  # first, so it sees the final (masked) result
        lambda: AddValidationRules(LIMIT_RULES),
        lambda: MaxTokensLimiter(max_token_count=4000),
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        RequestLimits,  # valid Unicode, input lengths and the cost budget, before execution (docs/limits.md)
        lambda: MaskErrors(should_mask_error=_should_mask, error_message=MASKED),
    ],
)
