"""Validation rules that bound what one GraphQL document may ask for.

They run beside graphql-core's `specified_rules` (never instead of them), and they must stay
safe on documents those rules reject: undefined fragments and fragment cycles are skipped here
and reported by the specification's own rules.
"""

from __future__ import annotations

from django.conf import settings
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    ValidationRule,
)

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_FIELDS = 1000
MAX_QUERY_BYTES = 20_000
INTROSPECTION_FIELDS = {"__schema", "__type"}


def _measure(selection_set, fragments, depth, seen_fragments, totals) -> int:
    """Return the depth under this selection set; accumulate field and alias counts."""
    if selection_set is None:
        return depth
    deepest = depth
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            totals["fields"] += 1
            if selection.alias is not None:
                totals["aliases"] += 1
            if totals["fields"] > MAX_FIELDS:
                return deepest
            child_depth = depth + 1 if selection.selection_set else depth
            deepest = max(
                deepest,
                _measure(selection.selection_set, fragments, child_depth, seen_fragments, totals),
            )
        elif isinstance(selection, InlineFragmentNode):
            deepest = max(
                deepest,
                _measure(selection.selection_set, fragments, depth, seen_fragments, totals),
            )
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is None or name in seen_fragments:
                continue  # undefined or cyclic: the specification's rules report it
            deepest = max(
                deepest,
                _measure(fragment.selection_set, fragments, depth, seen_fragments | {name}, totals),
            )
    return deepest


class QueryLimitsRule(ValidationRule):
    """Reject documents that are too deep, too wide or use too many aliases."""

    def enter_document(self, node, *_args):
        fragments = {
            d.name.value: d for d in node.definitions if isinstance(d, FragmentDefinitionNode)
        }
        for definition in node.definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            totals = {"fields": 0, "aliases": 0}
            depth = _measure(definition.selection_set, fragments, 0, frozenset(), totals)
            if depth > MAX_DEPTH:
                self.report_error(
                    GraphQLError(f"Query is too deep: {depth} levels, at most {MAX_DEPTH}.")
                )
            if totals["aliases"] > MAX_ALIASES:
                self.report_error(GraphQLError(f"Too many aliases: at most {MAX_ALIASES}."))
            if totals["fields"] > MAX_FIELDS:
                self.report_error(GraphQLError(f"Too many fields selected: at most {MAX_FIELDS}."))


class NoIntrospectionRule(ValidationRule):
    """Refuse `__schema` and `__type`; `__typename` keeps working."""

    def enter_field(self, node: FieldNode, *_args):
        if node.name.value in INTROSPECTION_FIELDS:
            self.report_error(GraphQLError("Introspection is disabled on this server.", node))


def extra_validation_rules() -> list[type[ValidationRule]]:
    rules: list[type[ValidationRule]] = [QueryLimitsRule]
    if not (settings.DEBUG or getattr(settings, "GRAPHQL_INTROSPECTION", False)):
        rules.append(NoIntrospectionRule)
    return rules
