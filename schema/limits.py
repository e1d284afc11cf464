"""What one GraphQL request may ask for, checked before anything reaches the database (docs/limits.md).

* `estimate_cost`: the query cost, computed from the document and its coerced arguments (variables and defaults
  included). Every object a field returns costs 1, list sizes multiply down the tree, and a few fields add the
  database work they stand for (`FIELD_WEIGHTS`). Over `MAX_QUERY_COST` the request is refused with
  `QUERY_TOO_COSTLY` before execution. The rule reads only the schema, never resolver internals.
* The same walk checks every argument value at the edge: strings must be valid Unicode (no lone UTF-16
  surrogates) and within their length caps, else `BAD_USER_INPUT`.
* `RequestPipeline` (the one schema extension: both checks, the parse and validation caches, masking and the
  operation metrics) is passed to the schema as a class. `LoggingSchema` gives every
  error `extensions.code` and a bounded message, and logs expected errors at INFO without a traceback and
  unexpected ones at ERROR with it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any

import strawberry
from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLString,
    GraphQLSyntaxError,
    InlineFragmentNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    ValueNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_composite_type,
    is_introspection_type,
    is_list_type,
    parse,
)
from graphql.execution.values import (
    VariableValues,
    get_argument_values,
    get_directive_values,
    get_variable_values,
)
from graphql.type import GraphQLIncludeDirective, GraphQLSkipDirective
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef
from graphql.utilities import get_operation_ast
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionResult

from scholargraph.errors import AppError, InvalidInput, QueryTooCostly
from scholargraph.observability import OperationMetrics

log = logging.getLogger("scholargraph.graphql")

# The budget of one request, in cost points (docs/limits.md has the rule and the cost of every shipped document).
MAX_QUERY_COST = 10_000
# Arguments that say how long the list a field returns is; the size of lists nothing bounds in the document.
SLICING_ARGUMENTS = ("first", "limit")
DEFAULT_LIST_SIZE = 20
LIST_SIZES: dict[str, int] = {
    "Work.authors": 20,           # most works; hyper-authored ones have thousands: the response cap bounds the tail
    "Researcher.topics": 50,      # capped at 50 by the resolver
    "GraphSlice.omitted": 5,      # one per entity kind
    "SuggestionReason.via": 10,   # at most 10 by the discovery model (via_limit)
    "CollaboratorSuggestion.reasons": 5,  # one per reason kind
}
# Database work a field stands for beyond the objects it returns, as a function of its coerced arguments.
FIELD_WEIGHTS: dict[str, Callable[[Mapping[str, Any]], int]] = {
    # Hop 1 scans max(100, 2 × limit) relationships of the center; every later hop scans 100 per expanded node.
    "Query.graphSlice": lambda a: _int(a.get("limit")) * (1 + 5 * max(_int(a.get("depth")) - 1, 0)),
    "Query.connectionPath": lambda a: 100 * _int(a.get("maxHops")),
    "Query.search": lambda a: _int(a.get("first")) + _int(a.get("offset")),  # the index ranks offset + first
    "Query.collaboratorSuggestions": lambda a: 20 * _int(a.get("first")),
    "Researcher.suggestedCollaborators": lambda a: 20 * _int(a.get("first")),
}
# The shape of an operation: the longest chain of nested fields (the root field counts 1), and its aliases with
# every fragment spread expanded.
MAX_DEPTH = 12
MAX_ALIASES = 30
# Inputs: every ID and String argument (also inside lists and input objects) at most this long, in characters.
MAX_ID_LENGTH = 128
MAX_STRING_LENGTH = 4000
ARGUMENT_LENGTHS = {"email": 254}   # RFC 5321; longer e-mails would reach index keys (rate limits, users)
MAX_MESSAGE_LENGTH = 300            # error messages never echo more than this
MAX_TOKENS = 4000                   # lexical tokens in one document (graphql-core stops parsing past them)
DOCUMENT_CACHE_SIZE = 256           # distinct query texts whose parse and validation are kept
_SURROGATE = re.compile("[\ud800-\udfff]")


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


class _Walk:
    """One walk over an operation: cost per unit of the enclosing multiplier, and input checks on the way.

    Cost is linear in the multiplier, so each (fragment, type, inherited size) is walked once and reused: a
    document of fragments that spread each other twice costs a linear walk, not an exponential one.
    """

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode],
                 variables: VariableValues, known: _DocumentCosts | None = None) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.known = known
        self.memo: dict[tuple[str, str, int | None], int] = {}
        self.active: set[str] = set()

    def selections(self, selection_set: SelectionSetNode, parent: Any, inherited: int | None) -> int:
        total = 0
        known = self.known
        for selection in selection_set.selections:
            if known is not None and known.is_static(selection):  # its cost does not depend on the variables
                key = (id(selection), parent, inherited)
                cost = known.costs.get(key)
                if cost is None:
                    cost = self.selection(selection, parent, inherited)
                    known.remember(key, cost)
                total += cost
            else:
                total += self.selection(selection, parent, inherited)
        return total

    def selection(self, selection: Any, parent: Any, inherited: int | None) -> int:
        if not self._included(selection):
            return 0
        if isinstance(selection, FieldNode):
            return self.field(selection, parent, inherited)
        if isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            kind = self.schema.get_type(condition.name.value) if condition else parent
            return self.selections(selection.selection_set, kind or parent, inherited)
        if isinstance(selection, FragmentSpreadNode):
            return self.spread(selection.name.value, inherited)
        return 0

    def spread(self, name: str, inherited: int | None) -> int:
        fragment = self.fragments.get(name)
        if fragment is None or name in self.active:  # unknown or cyclic: validation has refused those already
            return 0
        key = (name, fragment.type_condition.name.value, inherited)
        if key not in self.memo:
            self.active.add(name)
            kind = self.schema.get_type(fragment.type_condition.name.value)
            self.memo[key] = self.selections(fragment.selection_set, kind, inherited)
            self.active.discard(name)
        return self.memo[key]

    def field(self, node: FieldNode, parent: Any, inherited: int | None) -> int:
        name = node.name.value
        if name == "__typename":
            return 0
        if name in ("__schema", "__type"):
            definition = SchemaMetaFieldDef if name == "__schema" else TypeMetaFieldDef
        elif isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType)) and name in parent.fields:
            definition = parent.fields[name]
        else:
            return 0
        arguments = get_argument_values(definition, node, self.variables)
        for argument_name, value in arguments.items():
            argument = definition.args.get(argument_name)
            if argument is not None:
                check_input(argument_name, value, argument.type)
        named = get_named_type(definition.type)
        if is_introspection_type(named):  # bounded by the schema's own size
            return 1
        key = f"{getattr(parent, 'name', '')}.{name}"
        size = next((arguments[a] for a in SLICING_ARGUMENTS if isinstance(arguments.get(a), int)), None)
        if size is None and isinstance(arguments.get("ids"), list):  # nodes(ids): one object per id asked
            size = len(arguments["ids"])
        weight = FIELD_WEIGHTS[key](arguments) if key in FIELD_WEIGHTS else 0
        if is_list_type(get_nullable_type(definition.type)):
            if size is None:
                size = LIST_SIZES.get(key, inherited if inherited is not None else DEFAULT_LIST_SIZE)
            count, child_inherited = max(size, 0), None
        else:  # an object with a slicing argument (a connection) passes its size to its lists (edges)
            count, child_inherited = 1, size
        own = count if is_composite_type(named) else 0
        below = self.selections(node.selection_set, named, child_inherited) if node.selection_set else 0
        return weight + own + count * below

    def _included(self, node: Any) -> bool:
        skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
        if skip and skip.get("if") is True:
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        return not (include and include.get("if") is False)


def estimate_cost(schema: GraphQLSchema, operation: OperationDefinitionNode,
                  fragments: dict[str, FragmentDefinitionNode], variables: VariableValues,
                  known: _DocumentCosts | None = None) -> int:
    """The cost of `operation` with coerced `variables`; raises InvalidInput for an argument the edge refuses.

    With `known` (the document's `_DocumentCosts`), selections that use no variable are walked once per
    (selection, parent type, inherited list size) and their cost reused by later requests."""
    root = schema.get_root_type(operation.operation)
    return _Walk(schema, fragments, variables, known).selections(operation.selection_set, root, None)


def _uses_variables(value: ValueNode | None) -> bool:
    if isinstance(value, VariableNode):
        return True
    if isinstance(value, ListValueNode):
        return any(_uses_variables(item) for item in value.values)
    if isinstance(value, ObjectValueNode):
        return any(_uses_variables(field.value) for field in value.fields)
    return False


class _DocumentCosts:
    """What the cost walk keeps for one parsed document: which selections use no variable (in their arguments,
    directives, or anything below them, fragments included) and, once walked, their cost per (selection, parent
    type, inherited list size). A request then walks only the selections that read its variables (for a profile
    page: the root field, `works` and `closeCollaborators`) and the arguments they check; everything else is a
    dictionary look-up. Input checks of literal arguments passed when the cost was first kept, and a selection
    whose walk raised is not kept, so it raises again."""

    MAX_COSTS = 4096  # inherited sizes come from variables: a client varying `first` must not grow this forever

    def __init__(self, document: DocumentNode) -> None:
        self.document = document
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.static: dict[int, bool] = {}
        self.costs: dict[tuple[int, Any, int | None], int] = {}

    def remember(self, key: tuple[int, Any, int | None], cost: int) -> None:
        if len(self.costs) >= self.MAX_COSTS:
            self.costs.clear()
        self.costs[key] = cost

    def is_static(self, node: Any) -> bool:
        static = self.static.get(id(node))
        if static is None:
            self.static[id(node)] = False  # while it is decided: a fragment cycle counts as using variables
            static = self._decide(node)
            self.static[id(node)] = static
        return static

    def _decide(self, node: Any) -> bool:
        for directive in node.directives or ():
            if any(_uses_variables(argument.value) for argument in directive.arguments or ()):
                return False
        if isinstance(node, FieldNode):
            if any(_uses_variables(argument.value) for argument in node.arguments or ()):
                return False
        elif isinstance(node, FragmentSpreadNode):
            if getattr(node, "arguments", None):  # fragment arguments (graphql-core's experimental syntax)
                return False
            fragment = self.fragments.get(node.name.value)
            return fragment is None or self._all_static(fragment.selection_set)
        elif not isinstance(node, InlineFragmentNode):
            return False
        return node.selection_set is None or self._all_static(node.selection_set)

    def _all_static(self, selection_set: SelectionSetNode) -> bool:
        return all([self.is_static(selection) for selection in selection_set.selections])


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def _costs_holder(schema: GraphQLSchema, query: str) -> list[_DocumentCosts]:
    return []


def _document_costs(schema: GraphQLSchema, query: str, document: DocumentNode) -> _DocumentCosts:
    """The kept costs of this query text's document (parsed by `_parse`; a new parse starts them afresh)."""
    holder = _costs_holder(schema, query)
    if not holder or holder[0].document is not document:
        holder[:] = [_DocumentCosts(document)]
    return holder[0]


def check_input(name: str, value: Any, input_type: GraphQLInputType) -> None:
    """Refuse invalid Unicode and over-long strings anywhere in one coerced argument value."""
    kind: Any = get_nullable_type(input_type)
    if value is None:
        return
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise InvalidInput(f"`{name}` is not valid Unicode text.")
        named = getattr(get_named_type(kind), "name", "")
        limit = ARGUMENT_LENGTHS.get(name, MAX_ID_LENGTH if named == "ID" else MAX_STRING_LENGTH)
        if len(value) > limit:
            raise InvalidInput(f"`{name}` is longer than {limit} characters.")
    elif isinstance(value, list):
        item_kind = kind.of_type if is_list_type(kind) else kind
        for item in value:
            check_input(name, item, item_kind)
    elif isinstance(value, dict):
        fields = kind.fields if isinstance(kind, GraphQLInputObjectType) else {}
        by_key = {field.out_name or field_name: (field_name, field) for field_name, field in fields.items()}
        for key, item in value.items():
            field_name, field = by_key.get(key, (str(key), None))
            check_input(field_name, item, field.type if field is not None else GraphQLString)


def contains_surrogate(value: Any) -> bool:
    """True when a raw request value (text, JSON variables, keys included) holds a lone UTF-16 surrogate.

    Iterative: JSON variables may nest as deep as the JSON parser allows, deeper than Python's recursion limit.
    """
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def _refuse(error: GraphQLError) -> ExecutionResult:
    log.info("refused [%s]: %s", (error.extensions or {}).get("code"), bounded(error.message))
    return ExecutionResult(data=None, errors=[error])


class RequestPipeline(SchemaExtension):
    """Every per-request step around execution, in one extension (docs/resolvers.md, "where the time goes").

    Strawberry builds a context manager per extension, per phase, per request (4 phases), so seven small
    extensions cost more than their own work; this one does in order what they did:
    - operation: metrics (`observability.OperationMetrics`); no lone surrogates in the text or variables;
      after it, errors from our bugs masked (`should_mask`), then the metrics see the final result;
    - parse: cached by query text (at most `MAX_TOKENS` lexical tokens);
    - validation: cached by (schema, query text, rules), with the depth and alias rule (`OperationShapeRule`);
      keyed on the text, not the parsed document, whose dataclass hash walks the whole tree on every lookup;
    - execution: input checks and the cost budget (`estimate_cost`).
    Configured through class attributes (set in schema/root.py), so the schema takes the class itself.
    """

    validation_rules: tuple[type[ASTValidationRule], ...] = ()
    should_mask: Callable[[GraphQLError], bool] = staticmethod(lambda _error: True)
    masked_message = "Internal server error."

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        metrics = OperationMetrics()
        if contains_surrogate(context.query) or contains_surrogate(context.variables or {}) \
                or contains_surrogate(context.operation_name):
            error = _graphql_error(InvalidInput("The request is not valid Unicode text (a lone UTF-16 surrogate)."))
            metrics.finish(context.operation_name, [classify(error)])
            # Raised before parsing: Strawberry turns it into the response's only error (it has a code).
            raise error
        try:
            yield
        except BaseException as exc:  # a parse error (raised by on_parse), or no query / a wrong operation type
            metrics.finish(context.operation_name, [classify(exc)] if isinstance(exc, GraphQLError) else [])
            raise
        result = context.result
        if result is not None and result.errors:
            result.errors = [self._masked(error) if self.should_mask(error) else error for error in result.errors]
        # Parse and validation errors land in both; execution errors only in the result.
        errors = (result.errors if result is not None else context.pre_execution_errors) or []
        metrics.finish(context.operation_name, [classify(error) for error in errors])

    def _masked(self, error: GraphQLError) -> GraphQLError:
        return GraphQLError(self.masked_message, nodes=error.nodes, source=error.source, positions=error.positions,
                            path=error.path, original_error=None)

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query:  # no query: Strawberry answers it (MissingQueryError) after this hook
            context.graphql_document = _parse(context.query)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.query and context.graphql_document is not None:
            context.pre_execution_errors = _validate(context.schema._schema, context.query,
                                                     context.validation_rules + self.validation_rules)
        yield

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if context.result is None and document is not None:
            context.result = _check(context.schema._schema, document, context.operation_name, context.variables,
                                    context.query)
        yield


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def _parse(query: str) -> DocumentNode:
    return parse(query, max_tokens=MAX_TOKENS)


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def _validate(schema: GraphQLSchema, query: str, rules: tuple[type[ASTValidationRule], ...]) -> list[GraphQLError]:
    return validate_document(schema, _parse(query), rules)


def _check(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None,
           variables: dict[str, Any] | None, query: str | None = None) -> ExecutionResult | None:
    """Before execution: every argument valid and within its length, and the whole within the cost budget.

    With the query text, what does not depend on the variables is kept per document (`_DocumentCosts`)."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return None  # graphql-core reports the unknown operation itself
    coerced = get_variable_values(schema, operation.variable_definitions or (), variables or {}, max_errors=1)
    if isinstance(coerced, list):
        return None  # variable errors: execution reports them (BAD_USER_INPUT)
    known = _document_costs(schema, query, document) if query else None
    fragments = known.fragments if known is not None else {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    try:
        cost = estimate_cost(schema, operation, fragments, coerced, known)
    except AppError as exc:
        return _refuse(_graphql_error(exc))
    except GraphQLError as exc:  # an argument literal graphql-core cannot coerce (validation let it through)
        return _refuse(GraphQLError(bounded(exc.message), extensions={"code": InvalidInput.code}))
    if cost > MAX_QUERY_COST:
        error = QueryTooCostly(f"The query's estimated cost {cost} exceeds the budget of "
                               f"{MAX_QUERY_COST} (docs/limits.md); ask for fewer or smaller lists.")
        error.extensions.update({"cost": cost, "budget": MAX_QUERY_COST})
        return _refuse(_graphql_error(error))
    return None


class OperationShapeRule(ValidationRule):
    """Depth and alias limits in one linear pass (QUERY_TOO_COSTLY).

    Strawberry's QueryDepthLimiter and MaxAliasesLimiter walk a fragment again at every spread, so fragments that
    spread the next one twice, forty deep, keep them busy for ages (measured: 16 deep took 2.3 s, 18 deep 9 s)
    before anything can time out. Here each fragment is measured once.
    """

    def enter_document(self, node: DocumentNode, *_: Any) -> Any:
        fragments = {d.name.value: d for d in node.definitions if isinstance(d, FragmentDefinitionNode)}
        memo: dict[str, tuple[int, int]] = {}

        def measure(selection_set: SelectionSetNode | None, active: frozenset[str]) -> tuple[int, int]:
            depth = aliases = 0
            for selection in selection_set.selections if selection_set else ():
                if isinstance(selection, FieldNode):
                    below, inner = measure(selection.selection_set, active)
                    depth, aliases = max(depth, 1 + below), aliases + inner + (selection.alias is not None)
                    continue
                if isinstance(selection, InlineFragmentNode):
                    below, inner = measure(selection.selection_set, active)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    if name in active or name not in fragments:  # cycles and unknown names: other rules
                        continue
                    if name not in memo:
                        memo[name] = measure(fragments[name].selection_set, active | {name})
                    below, inner = memo[name]
                depth, aliases = max(depth, below), aliases + inner
            return depth, aliases

        for definition in node.definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            depth, aliases = measure(definition.selection_set, frozenset())
            code = {"code": QueryTooCostly.code}
            if depth > MAX_DEPTH:
                self.report_error(GraphQLError(f"The operation is {depth} fields deep; at most {MAX_DEPTH} are "
                                               "allowed.", definition, extensions=code))
            if aliases > MAX_ALIASES:
                self.report_error(GraphQLError(f"The operation has {aliases} aliases; at most {MAX_ALIASES} are "
                                               "allowed.", definition, extensions=code))
        return self.SKIP


def _graphql_error(exc: AppError) -> GraphQLError:
    return GraphQLError(exc.message, extensions=dict(exc.extensions))


# Codes for errors graphql-core raises itself (parse, validation, limits, variable coercion).
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
INTERNAL = "INTERNAL_SERVER_ERROR"
MASKED = "Internal server error."
_COERCION_MESSAGES = ("has invalid value", "got invalid value", "was not provided", "must not be null")
_LIMIT_MESSAGES = ("Document contains more than", "Document is nested too deeply")


def classify(error: GraphQLError) -> str:
    """The stable code of an error; errors we raise on purpose carry theirs already."""
    code = (error.extensions or {}).get("code")
    if code:
        return str(code)
    original = error.original_error
    if original is not None and not isinstance(original, GraphQLError):
        return INTERNAL
    message = error.message
    if any(marker in message for marker in _LIMIT_MESSAGES):
        return QueryTooCostly.code
    if isinstance(error, GraphQLSyntaxError) or message.startswith("Syntax Error"):
        return PARSE_FAILED
    if error.path is not None:
        return INTERNAL  # e.g. a null where the schema promises a value: our bug, not the client's
    if message.startswith("Variable '") and any(m in message for m in _COERCION_MESSAGES) \
            or message.startswith(("Unknown operation named", "Must provide operation name")):
        return InvalidInput.code
    if message == MASKED:
        return INTERNAL
    return VALIDATION_FAILED


def _coded(error: GraphQLError) -> GraphQLError:
    code = classify(error)
    if code == INTERNAL and error.message != MASKED:  # MaskErrors missed it (raised outside the operation hooks)
        error = GraphQLError(MASKED, nodes=error.nodes, path=error.path)
    error.message = bounded(error.message)
    error.extensions = {**(error.extensions or {}), "code": code}
    return error


def bounded(message: str) -> str:
    """A message safe to send and log: at most MAX_MESSAGE_LENGTH characters, no lone surrogates."""
    message = _SURROGATE.sub("\ufffd", message)
    return message if len(message) <= MAX_MESSAGE_LENGTH else message[: MAX_MESSAGE_LENGTH - 1] + "…"


class LoggingSchema(strawberry.Schema):
    """Every error leaves with a code and a bounded message; expected ones are logged at INFO without traceback.

    The codes are added here rather than in an extension because errors raised while parsing (or by an
    extension) leave Strawberry's operation hooks early, past any extension's post-processing.
    """

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        result = await super().execute(*args, **kwargs)
        if result.errors:
            result.errors = [_coded(error) for error in result.errors]
        return result

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        for error in errors:
            code = classify(error)
            if code == INTERNAL:
                log.error("internal error at %s: %s", error.path, bounded(error.message),
                          exc_info=error.original_error)
            else:
                log.info("%s: %s", code, bounded(error.message))
