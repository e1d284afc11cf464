"""What a request selected below a field, flattened: fragments inlined, @skip/@include applied, aliases merged.

Resolvers use it to *choose* which parts a named Cypher statement fetches (flags and limits passed as
parameters), never to build Cypher text. Arguments are coerced exactly as the executor coerces them (variables
resolved, defaults applied); a use whose arguments do not coerce has `arguments=None` and is left to its own
resolver, which reports the error. See docs/resolvers.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLIncludeDirective,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSkipDirective,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
    is_abstract_type,
)
from graphql.execution.values import VariableValues, get_argument_values, get_directive_values
from graphql.language import FragmentDefinitionNode

_NO_ARGUMENTS: dict[str, Any] = {}


@dataclass(frozen=True)
class Use:
    """One occurrence of a field under its response key (an alias or the field name)."""

    key: str
    arguments: dict[str, Any] | None


class Selection:
    """The fields selected on one object type, by schema field name (camelCase, as in the document)."""

    __slots__ = ("_ctx", "_nodes", "type")

    def __init__(self, ctx: _Walk, type_: GraphQLObjectType | None, nodes: dict[str, list[FieldNode]]) -> None:
        self._ctx = ctx
        self.type = type_
        self._nodes = nodes

    def __contains__(self, name: str) -> bool:
        return name in self._nodes

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __repr__(self) -> str:
        return f"Selection({self.type.name if self.type else '?'}: {sorted(self._nodes)})"

    def any(self, *names: str) -> bool:
        return any(name in self._nodes for name in names)

    def uses(self, name: str) -> list[Use]:
        """Each distinct response key selecting `name`, with its coerced arguments (None when they do not coerce)."""
        seen: dict[str, Use] = {}
        for node in self._nodes.get(name, ()):
            key = node.alias.value if node.alias else node.name.value
            if key not in seen:
                seen[key] = Use(key, self._ctx.arguments(self.type, node))
        return list(seen.values())

    def one_page(self, name: str) -> dict[str, Any] | None:
        """The arguments of the one page a selection asks of connection `name`; None when it asks for no page
        (no edges or pageInfo), an argument does not coerce, or aliases ask for different pages (the field's
        own resolver then loads those itself)."""
        uses = self.uses(name)
        if not self.child(name).any("edges", "pageInfo") or any(use.arguments is None for use in uses) or any(
                use.arguments != uses[0].arguments for use in uses):
            return None
        return uses[0].arguments or {}

    def child(self, name: str, type_name: str | None = None) -> Selection:
        """What is selected below `name`, merged over every alias; `type_name` picks a concrete type below an
        interface or union (fragments on other types are left out)."""
        nodes = self._nodes.get(name, ())
        field_type = None
        if self.type is not None and name in self.type.fields:
            field_type = get_named_type(self.type.fields[name].type)
        if type_name is not None:
            field_type = self._ctx.schema.get_type(type_name)
        object_type = field_type if isinstance(field_type, GraphQLObjectType) else None
        return self._ctx.flatten(object_type, (node.selection_set for node in nodes if node.selection_set))


class _Walk:
    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode],
                 variables: VariableValues) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def included(self, node: FieldNode | FragmentSpreadNode | InlineFragmentNode) -> bool:
        skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
        if skip and skip.get("if") is True:
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        return not (include and include.get("if") is False)

    def applies(self, condition: str | None, type_: GraphQLObjectType | None) -> bool:
        if condition is None or type_ is None or condition == type_.name:
            return True
        named = self.schema.get_type(condition)
        return named is not None and is_abstract_type(named) and self.schema.is_sub_type(named, type_)  # type: ignore[arg-type]

    def flatten(self, type_: GraphQLObjectType | None, sets: Iterable[SelectionSetNode]) -> Selection:
        nodes: dict[str, list[FieldNode]] = {}
        self._collect(type_, sets, nodes, set())
        return Selection(self, type_, nodes)

    def _collect(self, type_: GraphQLObjectType | None, sets: Iterable[SelectionSetNode],
                 nodes: dict[str, list[FieldNode]], visited: set[str]) -> None:
        for selection_set in sets:
            for node in selection_set.selections:
                if not self.included(node):  # type: ignore[arg-type]
                    continue
                if isinstance(node, FieldNode):
                    nodes.setdefault(node.name.value, []).append(node)
                elif isinstance(node, InlineFragmentNode):
                    condition = node.type_condition.name.value if node.type_condition else None
                    if self.applies(condition, type_):
                        self._collect(type_, [node.selection_set], nodes, visited)
                elif isinstance(node, FragmentSpreadNode):
                    name = node.name.value
                    fragment = self.fragments.get(name)
                    if fragment is None or name in visited:
                        continue
                    visited.add(name)
                    if self.applies(fragment.type_condition.name.value, type_):
                        self._collect(type_, [fragment.selection_set], nodes, visited)

    def arguments(self, type_: GraphQLObjectType | None, node: FieldNode) -> dict[str, Any] | None:
        if type_ is None or node.name.value not in type_.fields:
            return _NO_ARGUMENTS if not node.arguments else None
        try:
            return get_argument_values(type_.fields[node.name.value], node, self.variables)
        except GraphQLError:
            return None


def selected(info: Any, type_name: str | None = None) -> Selection:
    """The flattened selection below the field being resolved (`info` is strawberry's Info or graphql-core's
    GraphQLResolveInfo); `type_name` names the concrete type when the field returns an interface."""
    raw = getattr(info, "_raw_info", info)
    variables = raw.variable_values
    if not isinstance(variables, VariableValues):  # strawberry hands resolvers the plain coerced dict
        variables = VariableValues(sources={}, coerced=variables or {})
    walk = _Walk(raw.schema, raw.fragments, variables)
    named = raw.schema.get_type(type_name) if type_name else get_named_type(raw.return_type)
    object_type = named if isinstance(named, GraphQLObjectType) else None
    return walk.flatten(object_type, (node.selection_set for node in raw.field_nodes if node.selection_set))
