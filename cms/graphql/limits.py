"""Bounds on what one GraphQL document may ask for.

Two kinds of check, both cheap and linear in the size of the document:

- `QueryLimitsRule` (a validation rule): depth, aliases, total selected fields, the same field
  or fragment repeated in one selection set, fragments per selection set. It runs in its own
  pass *before* graphql-core's `specified_rules` (never instead of them), because some of the
  specification's rules (OverlappingFieldsCanBeMerged) are quadratic in repeated fields: a
  document must be small before they see it. It stays safe on documents the specification
  rejects: undefined fragments and fragment cycles are skipped here and reported by the
  specification's own rules.
- `query_cost` (after validation, with the variables): every selected field costs 1 times the
  sizes of the lists around it, a list's size being its `first`/`limit`/`pageSize` argument
  (or the argument of the connection it belongs to), so 50 children of 50 children of 50
  children is priced as what it is.

Introspection has a rule of its own. An operation that selects only `__schema`, `__type` and
`__typename` at its root (what graphql-js's `getIntrospectionQuery()`, graphql-core's
`get_introspection_query()`, gql and GraphiQL send) is measured against a fixed shape instead of
`MAX_DEPTH`: the type-reference chain (`ofType` inside `ofType`) may go `MAX_INTROSPECTION_DEPTH`
deep, no alias is allowed, and lists of the schema (`types`, `fields`, `args`, ...) may nest at
most `MAX_INTROSPECTION_LISTS` deep, as in the standard `types > fields > args`. Its answer is
therefore bounded by the size of our schema, whatever the document. Every other operation, one
that mixes introspection with ordinary fields included, keeps the ordinary limits.

`NoIntrospectionRule` refuses `__schema` and `__type` but not `__typename`; it applies unless
introspection is on (DEBUG, `GRAPHQL_INTROSPECTION`, or a partner key flagged for it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    VariableNode,
    get_named_type,
)

MAX_QUERY_BYTES = 20_000
MAX_TOKENS = 5_000
MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_FIELDS = 1000
# In one selection set: the same field (response name) or fragment at most this many times,
# and at most this many fragments (a union of block types needs about a dozen).
MAX_REPEATS = 5
MAX_FRAGMENTS_PER_SELECTION = 40
MAX_COST = 50_000
# List sizes for the cost: the size argument's value (capped as the resolvers cap it); its
# default; the largest page when it has none; for a list without a size argument, the size
# given to its connection, else a small default (such lists hold a page's own few items).
SIZE_ARGUMENTS = ("first", "limit", "pageSize", "last")
DEFAULT_LIST_SIZE = 5
MAX_LIST_SIZE = 100
INTROSPECTION_FIELDS = {"__schema", "__type"}
INTROSPECTION_ROOT_FIELDS = INTROSPECTION_FIELDS | {"__typename"}
# The standard documents nest 14 levels (a type reference is 8 `ofType` deep); one spare.
MAX_INTROSPECTION_DEPTH = 15
MAX_INTROSPECTION_ALIASES = 0
MAX_INTROSPECTION_LISTS = 3
# Fields of the introspection types that list parts of the schema.
INTROSPECTION_LIST_FIELDS = {
    "types",
    "directives",
    "fields",
    "inputFields",
    "interfaces",
    "possibleTypes",
    "enumValues",
    "args",
}


@dataclass
class Measure:
    depth: int = 0
    fields: int = 0
    aliases: int = 0
    # How deeply introspection's lists nest (types > fields > args is 3).
    schema_lists: int = 0
    problem: str | None = None

    def absorb(self, child: Measure, extra_depth: int, extra_lists: int = 0) -> None:
        self.depth = max(self.depth, child.depth + extra_depth)
        self.schema_lists = max(self.schema_lists, child.schema_lists + extra_lists)
        self.fields += child.fields
        self.aliases += child.aliases
        self.problem = self.problem or child.problem


def _repeat_problem(selection_set: SelectionSetNode) -> str | None:
    names: Counter[str] = Counter()
    spreads: Counter[str] = Counter()
    fragments = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            names[(selection.alias or selection.name).value] += 1
        elif isinstance(selection, FragmentSpreadNode):
            spreads[selection.name.value] += 1
            fragments += 1
        else:
            fragments += 1
    for counter in (names, spreads):
        if counter:
            name, count = counter.most_common(1)[0]
            if count > MAX_REPEATS:
                return (
                    f"'{name[:40]}' is selected {count} times in one place: at most {MAX_REPEATS}."
                )
    if fragments > MAX_FRAGMENTS_PER_SELECTION:
        return f"Too many fragments in one selection: at most {MAX_FRAGMENTS_PER_SELECTION}."
    return None


def measure(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    memo: dict[str, Measure],
    visiting: set[str],
) -> Measure:
    """Depth, fields and aliases under a selection set; each fragment is measured once."""
    result = Measure()
    if selection_set is None:
        return result
    result.problem = _repeat_problem(selection_set)
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            result.fields += 1
            result.aliases += selection.alias is not None
            if selection.selection_set is not None:
                is_list = selection.name.value in INTROSPECTION_LIST_FIELDS
                result.absorb(
                    measure(selection.selection_set, fragments, memo, visiting), 1, int(is_list)
                )
        elif isinstance(selection, InlineFragmentNode):
            result.absorb(measure(selection.selection_set, fragments, memo, visiting), 0)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is None or name in visiting:
                continue  # undefined or cyclic: the specification's rules report it
            if name not in memo:
                visiting.add(name)
                memo[name] = measure(fragment.selection_set, fragments, memo, visiting)
                visiting.discard(name)
            result.absorb(memo[name], 0)
    return result


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def _root_field_names(
    selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode], seen: set[str]
) -> set[str]:
    """The names of the fields an operation selects at its root, through fragments."""
    names: set[str] = set()
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            names.add(selection.name.value)
        elif isinstance(selection, InlineFragmentNode):
            names |= _root_field_names(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None and selection.name.value not in seen:
                seen.add(selection.name.value)
                names |= _root_field_names(fragment.selection_set, fragments, seen)
    return names


def is_introspection_only(
    operation: OperationDefinitionNode, fragments: dict[str, FragmentDefinitionNode]
) -> bool:
    names = _root_field_names(operation.selection_set, fragments, set())
    return bool(names & INTROSPECTION_FIELDS) and names <= INTROSPECTION_ROOT_FIELDS


def _error(message: str, code: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})


class QueryLimitsRule(ValidationRule):
    """Reject documents that are too deep, too wide, too repetitive or use too many aliases."""

    def enter_document(self, node: DocumentNode, *_args):
        fragments = _fragments(node)
        memo: dict[str, Measure] = {}
        for definition in node.definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            found = measure(definition.selection_set, fragments, memo, set())
            if is_introspection_only(definition, fragments):
                max_depth, max_aliases = MAX_INTROSPECTION_DEPTH, MAX_INTROSPECTION_ALIASES
                if found.schema_lists > MAX_INTROSPECTION_LISTS:
                    self.report_error(
                        _error(
                            f"Introspection lists nest {found.schema_lists} deep: at most "
                            f"{MAX_INTROSPECTION_LISTS} (as in types > fields > args).",
                            "TOO_DEEP",
                        )
                    )
            else:
                max_depth, max_aliases = MAX_DEPTH, MAX_ALIASES
            if found.depth > max_depth:
                self.report_error(
                    _error(
                        f"Query is too deep: {found.depth} levels, at most {max_depth}.",
                        "TOO_DEEP",
                    )
                )
            if found.aliases > max_aliases:
                self.report_error(
                    _error(f"Too many aliases: at most {max_aliases}.", "TOO_MANY_ALIASES")
                )
            if found.fields > MAX_FIELDS:
                self.report_error(
                    _error(f"Too many fields selected: at most {MAX_FIELDS}.", "TOO_COSTLY")
                )
            if found.problem:
                self.report_error(_error(found.problem, "TOO_COSTLY"))
        return self.BREAK


class NoIntrospectionRule(ValidationRule):
    """Refuse `__schema` and `__type`; `__typename` keeps working."""

    def enter_field(self, node: FieldNode, *_args):
        if node.name.value in INTROSPECTION_FIELDS:
            self.report_error(
                GraphQLError(
                    "Introspection is disabled on this server.",
                    node,
                    extensions={"code": "INTROSPECTION_DISABLED"},
                )
            )


def introspection_allowed() -> bool:
    """Introspection for everybody: in development, or when the deployment switches it on."""
    return bool(settings.DEBUG or getattr(settings, "GRAPHQL_INTROSPECTION", False))


def extra_validation_rules(introspection: bool | None = None) -> list[type[ValidationRule]]:
    """Our rules; `introspection` None means as configured for everybody."""
    if introspection is None:
        introspection = introspection_allowed()
    rules: list[type[ValidationRule]] = [QueryLimitsRule]
    if not introspection:
        rules.append(NoIntrospectionRule)
    return rules


# -- cost ------------------------------------------------------------------------------------------


def _size_argument(node: FieldNode, field_def, variables: dict[str, Any]) -> int | None:
    for argument in node.arguments or ():
        if argument.name.value not in SIZE_ARGUMENTS:
            continue
        value = argument.value
        if isinstance(value, IntValueNode):
            number = int(value.value)
        elif isinstance(value, VariableNode):
            number = variables.get(value.name.value)
            if not isinstance(number, int):
                number = None
        else:
            number = None
        return MAX_LIST_SIZE if number is None else max(0, min(number, MAX_LIST_SIZE))
    for name in SIZE_ARGUMENTS:  # a size argument left out: its default, else the largest page
        arg = field_def.args.get(name) if field_def is not None else None
        if arg is not None:
            default = arg.default_value
            return (
                max(0, min(default, MAX_LIST_SIZE)) if isinstance(default, int) else MAX_LIST_SIZE
            )
    return None


def _is_list(type_) -> bool:
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


class _Cost:
    def __init__(self, schema: GraphQLSchema, fragments, variables: dict[str, Any]):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.memo: dict[tuple[str, str, int | None], int] = {}
        self.visiting: set[str] = set()

    def selection_set(self, node: SelectionSetNode | None, parent_type, pending: int | None) -> int:
        if node is None:
            return 0
        total = 0
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent_type, pending)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                type_ = self.schema.get_type(condition.name.value) if condition else parent_type
                total += self.selection_set(selection.selection_set, type_ or parent_type, pending)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.spread(selection.name.value, pending)
            if total > MAX_COST:
                return total
        return total

    def spread(self, name: str, pending: int | None) -> int:
        fragment = self.fragments.get(name)
        if fragment is None or name in self.visiting:
            return 0
        type_ = self.schema.get_type(fragment.type_condition.name.value)
        key = (name, getattr(type_, "name", ""), pending)
        if key not in self.memo:
            self.visiting.add(name)
            self.memo[key] = self.selection_set(fragment.selection_set, type_, pending)
            self.visiting.discard(name)
        return self.memo[key]

    def field(self, node: FieldNode, parent_type, pending: int | None) -> int:
        if node.selection_set is None:
            return 1
        field_def = None
        if isinstance(parent_type, GraphQLObjectType | GraphQLInterfaceType):
            field_def = parent_type.fields.get(node.name.value)
        size = _size_argument(node, field_def, self.variables)
        if size is None:
            size = pending
        child_type = get_named_type(field_def.type) if field_def is not None else None
        if field_def is not None and _is_list(field_def.type):
            multiplier = DEFAULT_LIST_SIZE if size is None else size
            return 1 + multiplier * self.selection_set(node.selection_set, child_type, None)
        # A connection: its size argument applies to the list inside it (e.g. `items`).
        if not isinstance(child_type, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
            child_type = None
        return 1 + self.selection_set(node.selection_set, child_type, size)


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
) -> int:
    """Estimated number of values the chosen operation can return (stops counting past MAX_COST)."""
    cost = _Cost(schema, _fragments(document), variables or {})
    total = 0
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if operation_name and (definition.name is None or definition.name.value != operation_name):
            continue
        root = (
            schema.mutation_type if definition.operation.value == "mutation" else schema.query_type
        )
        total += cost.selection_set(definition.selection_set, root, None)
    return total


def cost_error(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
) -> GraphQLError | None:
    cost = query_cost(schema, document, operation_name, variables)
    if cost > MAX_COST:
        return GraphQLError(
            f"Query could return too much: estimated cost above {MAX_COST}. "
            "Ask for fewer items per list or fewer nested lists.",
            extensions={"code": "TOO_COSTLY"},
        )
    return None
