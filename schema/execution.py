"""A graphql-core executor that completes plain fields without the per-field machinery (docs/resolvers.md).

Most of a large response is fields without a resolver: a typed object's attribute, a scalar, a list of typed
objects. graphql-core completes each through `execute_field`: a `Path`, a `GraphQLResolveInfo`, the middleware
lookup, strawberry's `_get_basic_result` → `get_result` → `getattr`, then `complete_value` and its type tests, and
each item of a list through `complete_list_item_value` → `complete_value` → `complete_object_value`.
`FastExecutionContext` does the same work directly where the result cannot differ:

* a **plain field**: its resolver is strawberry's default (an attribute read: no resolver, no field extension, no
  exception handler), it takes no arguments, its nodes carry no directive but `@skip`/`@include` (already applied
  when the fields were collected), and the schema has no middleware (no extension implements `resolve`);
* of a **plain type**: a leaf, an object type, or a list of either (each possibly non-null), where an object type's
  `is_type_of` is one known not to read `info` (strawberry's own checks, `Node.is_type_of`) or absent;
* `__typename` (its value is the parent type's name);
* and the **lists a resolver returns** (a card's authors, a profile's topics): `complete_value` of a plain list type
  completes the items directly;
* a **field with a resolver strawberry would call directly** (`_resolver_plan`: its own synchronous wrapper, no
  field extension such as a permission class, no exception handler, arguments that are built-in scalars): the
  resolver is called with the arguments graphql-core coerces (once per request and field, not per object) under
  their Python names, `self`/`root`/`parent` as the source and `info` (only when it asks for it) as strawberry's
  `Info` over graphql-core's resolve info; its value is then completed as `execute_field` would.

Anything else, and any value the fast path does not expect (a null in a non-null position, a value that is not a
list or tuple, an awaitable, an exception, a scalar that does not coerce, an object of the wrong type), goes
through graphql-core's own `execute_field` or `complete_value` — decided *before* anything below the field has
run, so the result, errors, messages and paths are graphql-core's. Fields below a fast object run through
`execute_fields` with the usual `Path`s; only leaves skip building theirs (a leaf that falls back gets one).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from graphql import (
    GraphQLBoolean,
    GraphQLField,
    GraphQLID,
    GraphQLInt,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLString,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.execution.executor import to_nodes
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined, gather_with_cancel
from graphql.type import is_leaf_type, is_list_type, is_non_null_type, is_object_type
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.base import StrawberryOptional
from strawberry.types.field import StrawberryField
from strawberry.types.fields.resolver import StrawberryResolver

from scholargraph.schema.node import Node

_SKIP_INCLUDE = frozenset({"skip", "include"})
# Values that are never awaitable and never exceptions: the common case needs no further test.
_PLAIN = frozenset({str, int, float, bool})
_LISTS = frozenset({list, tuple})

# Plan kinds: a field's `(kind, …)` tuple, a type's `(kind, …)` completer.
_SLOW, _TYPENAME, _LEAF, _LEAF_LIST, _OBJECT, _OBJECT_LIST, _RESOLVER = range(7)
# Returned by the helpers when graphql-core's own path must complete the value.
_FALLBACK: Any = object()

# Plans depend on the schema's types and the field nodes' shape only (not on variables), so they are shared by
# every request: (parent type, field name, no directive but @skip/@include, arguments given) -> plan; return type ->
# completer.
_FIELD_PLANS: dict[tuple[GraphQLObjectType, str, bool, bool], tuple[Any, ...]] = {}
_COMPLETERS: dict[GraphQLOutputType, tuple[Any, ...]] = {}


def _info_free(is_type_of: Callable[..., Any] | None) -> bool:
    """Whether an object type's `is_type_of` can be called without a `GraphQLResolveInfo` (it ignores it)."""
    if is_type_of is None:
        return True
    if getattr(is_type_of, "__func__", None) is Node.is_type_of.__func__:  # type: ignore[attr-defined]
        return True
    # The checks strawberry's schema converter builds (isinstance, casts, generics; their `_info` is unused).
    qualname = getattr(is_type_of, "__qualname__", "")
    return qualname.startswith("GraphQLCoreConverter.") and qualname.endswith("is_type_of")


# Leaves whose values of this exact Python type graphql-core's coercion returns unchanged (Int: within 32 bits).
_UNCHANGED: dict[Any, type] = {GraphQLString: str, GraphQLID: str, GraphQLBoolean: bool, GraphQLInt: int}
_MIN_INT, _MAX_INT = -(2**31), 2**31 - 1


def _verified(is_type_of: Callable[..., Any] | None) -> set[type] | None:
    """For an object type whose check depends on the value's class only (none, or `Node.is_type_of`, an
    `isinstance`): the set of classes found to pass it, so later values of those classes skip the checks.
    Strawberry's generated checks also read a cast marker on the instance: no set, every value is checked."""
    if is_type_of is None or getattr(is_type_of, "__func__", None) is Node.is_type_of.__func__:  # type: ignore[attr-defined]
        return set()
    return None


def _completer(return_type: GraphQLOutputType) -> tuple[Any, ...]:
    """How to complete a value of this type directly: `(kind, nullable, …)`, or `(_SLOW,)`."""
    completer = _COMPLETERS.get(return_type)
    if completer is None:
        nullable = not is_non_null_type(return_type)
        inner = return_type if nullable else return_type.of_type  # type: ignore[union-attr]
        completer = (_SLOW,)
        if is_leaf_type(inner):
            completer = (_LEAF, nullable, inner.coerce_output_value, _UNCHANGED.get(inner))
        elif is_object_type(inner) and _info_free(inner.is_type_of):
            completer = (_OBJECT, nullable, inner, inner.is_type_of, _verified(inner.is_type_of))
        elif is_list_type(inner):
            item_type = inner.of_type
            item_nullable = not is_non_null_type(item_type)
            item = item_type if item_nullable else item_type.of_type
            if is_leaf_type(item):
                completer = (_LEAF_LIST, nullable, item_nullable, item.coerce_output_value, _UNCHANGED.get(item))
            elif is_object_type(item) and _info_free(item.is_type_of):
                completer = (_OBJECT_LIST, nullable, item_nullable, item, item.is_type_of, item_type,
                             _verified(item.is_type_of))
        _COMPLETERS[return_type] = completer
    return completer


def _field_plan(schema: GraphQLSchema, parent_type: GraphQLObjectType, field_def: GraphQLField | None, name: str,
                field_details_list: FieldDetailsList) -> tuple[Any, ...]:
    """How to complete this field: `(kind, read, attribute, return type, *completer)`, `(_RESOLVER, …)`
    (`_resolver_plan`), or `(_SLOW,)`."""
    directives = not any(any(directive.name.value not in _SKIP_INCLUDE for directive in details.node.directives or ())
                         for details in field_details_list)
    arguments = any(details.node.arguments for details in field_details_list)
    key = (parent_type, name, directives, arguments)
    plan = _FIELD_PLANS.get(key)
    if plan is None:
        plan = (_SLOW,)
        plain = directives and not arguments
        if plain and name == "__typename":
            plan = (_TYPENAME, parent_type.name)
        elif plain and field_def is not None and not field_def.args and getattr(
                field_def.resolve, "_is_default", False):
            definition = (field_def.extensions or {}).get("strawberry-definition")
            if (isinstance(definition, StrawberryField) and definition.is_basic_field
                    and type(definition).get_result is StrawberryField.get_result):
                completer = _completer(field_def.type)
                if completer[0] != _SLOW:
                    plan = (completer[0], definition.default_resolver, definition.python_name, field_def.type,
                            *completer[1:])
        elif directives and field_def is not None:
            plan = _resolver_plan(schema, field_def)
        _FIELD_PLANS[key] = plan
    return plan


# The one resolver wrapper strawberry builds for a synchronous field with a resolver (schema_converter.py).
_STRAWBERRY_RESOLVER = "GraphQLCoreConverter.from_resolver.<locals>._resolver"
# Argument types whose value strawberry's `convert_argument` passes through unchanged (`T` or `T | None`).
_SCALAR_ARGUMENTS = (str, int, float, bool, strawberry.ID)


def _resolver_plan(schema: GraphQLSchema, field_def: GraphQLField) -> tuple[Any, ...]:
    """A field whose strawberry resolver can be called directly, as strawberry itself would call it:
    `(_RESOLVER, function, ((GraphQL name, Python name), …), source first, (source keyword, …), info keyword,
    return type, completer, field, strawberry field, Info class)`, or `(_SLOW,)`.

    Direct means: strawberry's own synchronous wrapper (no field extension, hence no permission class; no
    exception handler; the default `get_result` and resolver call), arguments that strawberry passes through
    unconverted (built-in scalars, optional or not), and the resolver's `self`/`root`/`parent`/`info` parameters
    filled as `get_arguments` fills them.
    """
    definition = (field_def.extensions or {}).get("strawberry-definition")
    resolve = field_def.resolve
    if (resolve is None or getattr(resolve, "__qualname__", "") != _STRAWBERRY_RESOLVER
            or getattr(resolve, "_is_default", True) or not isinstance(definition, StrawberryField)):
        return (_SLOW,)
    resolver = definition.base_resolver
    strawberry_schema = getattr(schema, "_strawberry_schema", None)
    if (resolver is None or definition.extensions or definition.is_async
            or type(definition).get_result is not StrawberryField.get_result
            or type(resolver).__call__ is not StrawberryResolver.__call__ or not callable(resolver.wrapped_func)
            or strawberry_schema is None):
        return (_SLOW,)
    converter = strawberry_schema.schema_converter
    handlers = getattr(converter, "_get_field_exception_handlers", None)
    if handlers is None or handlers(definition):
        return (_SLOW,)
    names = strawberry_schema.config.name_converter
    arguments = []
    for argument in definition.arguments:
        kind = argument.type
        if type(kind) is StrawberryOptional:
            kind = kind.of_type
        if kind not in _SCALAR_ARGUMENTS or not argument.python_name:
            return (_SLOW,)
        arguments.append((names.from_argument(argument), argument.python_name))
    if {graphql_name for graphql_name, _ in arguments} != set(field_def.args):
        return (_SLOW,)
    by_source = tuple(parameter.name for parameter in (resolver.parent_parameter, resolver.root_parameter)
                      if parameter is not None)
    info = resolver.info_parameter
    return (_RESOLVER, resolver.wrapped_func, tuple(arguments), resolver.self_parameter is not None, by_source,
            info.name if info is not None else None, field_def.type, _completer(field_def.type), field_def,
            definition, strawberry_schema.config.info_class)


class FastExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context with a direct path for plain fields (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        # Middleware wraps every resolver, and @stream changes how lists complete: then graphql-core's path only.
        self._fast = (manager is None or not manager.middlewares) and self.schema.get_directive("stream") is None
        # id(grouped field set) -> (that set, [(response name, field details, plan)]). The sets live as long as
        # the request (graphql-core memoises each object type's collected subfields); keeping them here keeps
        # their ids unique.
        self._field_sets: dict[int, tuple[GroupedFieldSet, list[tuple[str, FieldDetailsList, tuple[Any, ...]]]]] = {}
        # id(field details list) -> the resolver's keyword arguments (Python names), or _FALLBACK when they do not
        # coerce: they depend on the field nodes and the variables only, so 20 cards' `authorNames(first: 3)`
        # coerce once. The lists are kept alive by `_field_sets`.
        self._arguments: dict[int, Any] = {}

    def _plans(self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet,
               ) -> list[tuple[str, FieldDetailsList, tuple[Any, ...]]]:
        cached = self._field_sets.get(id(grouped_field_set))
        if cached is None:
            plans = []
            for response_name, field_details_list in grouped_field_set.items():
                name = field_details_list[0].node.name.value
                field_def = self.schema.get_field(parent_type, name)
                plans.append((response_name, field_details_list,
                              _field_plan(self.schema, parent_type, field_def, name, field_details_list)))
            cached = (grouped_field_set, plans)
            self._field_sets[id(grouped_field_set)] = cached
        return cached[1]

    def execute_fields(self, parent_type: GraphQLObjectType, source_value: Any, path: Path | None,
                       grouped_field_set: GroupedFieldSet, position_context: Any) -> Any:
        """graphql-core's execute_fields, with plain leaves and `__typename` answered in place (no Path)."""
        if not self._fast:
            return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        awaitable_fields: list[str] = []
        cached = self._field_sets.get(id(grouped_field_set))
        plans = cached[1] if cached is not None else self._plans(parent_type, grouped_field_set)
        try:
            for response_name, field_details_list, plan in plans:
                kind = plan[0]
                if kind == _LEAF:
                    try:  # inline for the common case (a str, int, float or bool, or a null allowed)
                        value = plan[1](source_value, plan[2])
                        value_type = type(value)
                        if value_type is plan[6] and (value_type is not int or _MIN_INT <= value <= _MAX_INT):
                            results[response_name] = value  # what the scalar's coercion would return
                            continue
                        if value_type in _PLAIN:
                            value = plan[5](value)
                            if type(value) in _PLAIN:
                                results[response_name] = value
                                continue
                        elif value is None and plan[4]:
                            results[response_name] = None
                            continue
                    except Exception:  # noqa: S110 - _leaf decides again, and graphql-core raises it again
                        pass
                    value = self._leaf(plan, source_value)
                    if value is not _FALLBACK:
                        results[response_name] = value
                        continue
                elif kind == _TYPENAME:
                    results[response_name] = plan[1]
                    continue
                field_path = Path(path, response_name, parent_type.name)
                if kind == _SLOW or kind == _LEAF:
                    result = self.execute_field(parent_type, source_value, field_details_list, field_path,
                                                position_context)
                elif kind == _RESOLVER:
                    result = self._execute_resolver(plan, parent_type, source_value, field_details_list, field_path,
                                                    position_context)
                else:
                    result = self._execute_plain(plan, parent_type, source_value, field_details_list, field_path,
                                                 position_context)
                if result is not Undefined:
                    results[response_name] = result
                    if is_awaitable(result):
                        awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return self._gather_fields(results, awaitable_fields)

    @staticmethod
    async def _gather_fields(results: dict[str, Any], awaitable_fields: list[str]) -> dict[str, Any]:
        if len(awaitable_fields) == 1:
            field = awaitable_fields[0]
            results[field] = await results[field]
        else:
            awaited = await gather_with_cancel(*(results[field] for field in awaitable_fields))
            results.update(zip(awaitable_fields, awaited, strict=True))
        return results

    def _leaf(self, plan: tuple[Any, ...], source: Any) -> Any:
        """A plain leaf's completed value, or _FALLBACK (also for what graphql-core would report as an error)."""
        _, read, name, _type, nullable, coerce, _unchanged = plan
        try:
            value = read(source, name)
            if value is None:
                return None if nullable else _FALLBACK
            if type(value) not in _PLAIN and (
                    value is Undefined or isinstance(value, Exception) or self.is_awaitable(value)):
                return _FALLBACK
            coerced = coerce(value)
        except Exception:
            return _FALLBACK
        if coerced is None or coerced is Undefined or (type(coerced) not in _PLAIN and self.is_awaitable(coerced)):
            return _FALLBACK
        return coerced

    def _execute_plain(self, plan: tuple[Any, ...], parent_type: GraphQLObjectType, source: Any,
                       field_details_list: FieldDetailsList, path: Path, position_context: Any) -> Any:
        """A plain object or list field: as graphql-core's execute_field, without the resolve info."""
        _, read, name, return_type, *completer = plan
        try:
            value = read(source, name)
        except Exception:
            value = _FALLBACK
        if value is not _FALLBACK:
            try:
                completed = self._complete((plan[0], *completer), field_details_list, path, value,
                                           position_context)
            except Exception as raw_error:
                self.handle_field_error(raw_error, return_type, field_details_list, path)
                return None
            if completed is not _FALLBACK:
                if self.is_awaitable(completed):
                    return self._await_field(completed, return_type, field_details_list, path)
                return completed
        return self.execute_field(parent_type, source, field_details_list, path, position_context)

    def _resolver_arguments(self, plan: tuple[Any, ...], field_details_list: FieldDetailsList) -> Any:
        """The keyword arguments strawberry's `get_arguments` would pass (cached per request), or _FALLBACK."""
        kwargs = self._arguments.get(id(field_details_list))
        if kwargs is None:
            field_def, arguments = plan[8], plan[2]
            details = field_details_list[0]
            try:
                values = get_argument_values(field_def, details.node, self.variable_values,
                                             details.fragment_variable_values, self.hide_suggestions
                                             ) if field_def.args or details.node.arguments else {}
                kwargs = {python_name: values[graphql_name] for graphql_name, python_name in arguments
                          if graphql_name in values}
            except Exception:  # graphql-core's execute_field raises it again, with the field's path
                kwargs = _FALLBACK
            self._arguments[id(field_details_list)] = kwargs
        return kwargs

    def _execute_resolver(self, plan: tuple[Any, ...], parent_type: GraphQLObjectType, source: Any,
                          field_details_list: FieldDetailsList, path: Path, position_context: Any) -> Any:
        """A field with a resolver strawberry would call directly (`_resolver_plan`): as graphql-core's
        execute_field and strawberry's resolver wrapper, without the wrapper, and with the resolve info built
        only when the resolver takes `info` or the value needs graphql-core's completion."""
        kwargs = self._resolver_arguments(plan, field_details_list)
        if kwargs is _FALLBACK:
            return self.execute_field(parent_type, source, field_details_list, path, position_context)
        _, function, _, source_first, by_source, info_name, return_type, completer, field_def, definition, \
            info_class = plan
        info = None
        try:
            if by_source or info_name is not None:
                kwargs = dict(kwargs)
                for name in by_source:
                    kwargs[name] = source
                if info_name is not None:
                    info = self.build_resolve_info(field_def, to_nodes(field_details_list), parent_type, path)
                    kwargs[info_name] = info_class(_raw_info=info, _field=definition)
            result = function(source, **kwargs) if source_first else function(**kwargs)
            kind = completer[0]
            if type(result) in _PLAIN:
                if kind == _LEAF:
                    coerced = completer[2](result)
                    if type(coerced) in _PLAIN:
                        return coerced
            elif kind == _LEAF_LIST or kind == _OBJECT_LIST or kind == _OBJECT:
                completed = self._complete(completer, field_details_list, path, result, position_context)
                if completed is not _FALLBACK:
                    if self.is_awaitable(completed):
                        return self._await_field(completed, return_type, field_details_list, path)
                    return completed
            if info is None:
                info = self.build_resolve_info(field_def, to_nodes(field_details_list), parent_type, path)
            if self.is_awaitable(result):
                return self.complete_awaitable_value(return_type, field_details_list, info, path, result,
                                                     position_context)
            completed = self.complete_value(return_type, field_details_list, info, path, result, position_context)
            if self.is_awaitable(completed):
                return self._await_field(completed, return_type, field_details_list, path)
            return completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None

    def complete_value(self, return_type: GraphQLOutputType, field_details_list: FieldDetailsList, info: Any,
                       path: Path, result: Any, position_context: Any) -> Any:
        """graphql-core's complete_value, with the lists of plain types a resolver returns completed directly."""
        if self._fast:
            completer = _completer(return_type)
            if completer[0] == _LEAF_LIST or completer[0] == _OBJECT_LIST:
                completed = self._complete(completer, field_details_list, path, result, position_context)
                if completed is not _FALLBACK:
                    return completed
        return super().complete_value(return_type, field_details_list, info, path, result, position_context)

    def _complete(self, completer: tuple[Any, ...], field_details_list: FieldDetailsList, path: Path, value: Any,
                  position_context: Any) -> Any:
        """Complete `value` as graphql-core's complete_value would (raising what it raises once items run), or
        return _FALLBACK, having run nothing, when graphql-core's own path must do it."""
        kind, nullable = completer[0], completer[1]
        if value is None:
            return None if nullable else _FALLBACK
        if kind == _OBJECT:
            _, _, object_type, is_type_of, verified = completer
            if not self._is_object(value, is_type_of, verified):
                return _FALLBACK
            return self.collect_and_execute_subfields(object_type, field_details_list, path, value, position_context)
        if type(value) not in _LISTS:
            return _FALLBACK
        if kind == _LEAF_LIST:
            return self._leaf_items(completer, value)
        _, _, item_nullable, object_type, is_type_of, item_type, verified = completer
        for item in value:
            if item is None:
                if not item_nullable:
                    return _FALLBACK
            elif not self._is_object(item, is_type_of, verified):
                return _FALLBACK
        return self._object_items(object_type, item_type, field_details_list, path, value, position_context)

    def _leaf_items(self, completer: tuple[Any, ...], value: list[Any] | tuple[Any, ...]) -> Any:
        _, _, item_nullable, coerce, unchanged = completer
        completed: list[Any] = []
        append = completed.append
        try:
            for item in value:
                item_type = type(item)
                if item_type is unchanged and (item_type is not int or _MIN_INT <= item <= _MAX_INT):
                    append(item)
                    continue
                if item is None:
                    if not item_nullable:
                        return _FALLBACK
                    append(None)
                    continue
                if type(item) not in _PLAIN and (
                        item is Undefined or isinstance(item, Exception) or self.is_awaitable(item)):
                    return _FALLBACK
                coerced = coerce(item)
                if coerced is None or coerced is Undefined or (
                        type(coerced) not in _PLAIN and self.is_awaitable(coerced)):
                    return _FALLBACK
                append(coerced)
        except Exception:
            return _FALLBACK
        return completed

    def _is_object(self, value: Any, is_type_of: Callable[..., Any] | None, verified: set[type] | None) -> bool:
        """Whether graphql-core would complete `value` (not null) as this object type without an error."""
        value_type = type(value)
        if verified is not None and value_type in verified:
            return True
        if value is Undefined or isinstance(value, Exception) or self.is_awaitable(value):
            return False
        try:
            passed = is_type_of is None or is_type_of(value, None) is True
        except Exception:
            return False
        if passed and verified is not None:
            verified.add(value_type)  # instances of a class are awaitable, exceptions, or of a type all alike
        return passed

    def _object_items(self, object_type: GraphQLObjectType, item_type: GraphQLOutputType,
                      field_details_list: FieldDetailsList, path: Path, value: list[Any] | tuple[Any, ...],
                      position_context: Any) -> Any:
        """As graphql-core's complete_iterable_value → complete_list_item_value → complete_object_value."""
        is_awaitable = self.is_awaitable
        completed: list[Any] = []
        awaitable_indices: list[int] = []
        try:
            for index, item in enumerate(value):
                if item is None:
                    completed.append(None)
                    continue
                item_path = Path(path, index, None)
                try:
                    sub = self.collect_and_execute_subfields(
                        object_type, field_details_list, item_path, item, position_context)
                    if is_awaitable(sub):
                        completed.append(self._await_field(sub, item_type, field_details_list, item_path))
                        awaitable_indices.append(index)
                    else:
                        completed.append(sub)
                except Exception as raw_error:
                    self.handle_field_error(raw_error, item_type, field_details_list, item_path)
                    completed.append(None)
        except Exception:
            if awaitable_indices:
                self.settle_in_background([completed[index] for index in awaitable_indices])
            raise
        if not awaitable_indices:
            return completed
        return self._gather_items(completed, awaitable_indices)

    @staticmethod
    async def _gather_items(completed: list[Any], awaitable_indices: list[int]) -> list[Any]:
        if len(awaitable_indices) == 1:
            index = awaitable_indices[0]
            completed[index] = await completed[index]
        else:
            results = await gather_with_cancel(*(completed[index] for index in awaitable_indices))
            for index, result in zip(awaitable_indices, results, strict=True):
                completed[index] = result
        return completed

    async def _await_field(self, completed: Awaitable[Any], return_type: GraphQLOutputType,
                           field_details_list: FieldDetailsList, path: Path) -> Any:
        try:
            return await completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None

