"""Which languages a GraphQL operation asks for: the answer's `Content-Language`.

Every field with a `locale` argument counts, with the value given (literally or in a variable)
or the argument's default when it is left out. An operation that asks for nothing in a language
(only `__typename`, or introspection) asks for none.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    GraphQLSchema,
    OperationDefinitionNode,
    StringValueNode,
    TypeInfo,
    TypeInfoVisitor,
    VariableNode,
    Visitor,
    visit,
)

from cms.graphql.visibility import SUPPORTED_LOCALES

LOCALE_ARGUMENT = "locale"


class _LocaleCollector(Visitor):
    def __init__(self, type_info: TypeInfo, operation_name: str | None, variables: dict) -> None:
        super().__init__()
        self.type_info = type_info
        self.operation_name = operation_name
        self.variables = variables
        self.locales: set[str] = set()

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        name = node.name.value if node.name else None
        if self.operation_name and name != self.operation_name:
            return self.SKIP
        for definition in node.variable_definitions or ():
            default = definition.default_value
            variable = definition.variable.name.value
            if isinstance(default, StringValueNode) and variable not in self.variables:
                self.variables[variable] = default.value
        return None

    def enter_field(self, node: FieldNode, *_args) -> None:
        field = self.type_info.get_field_def()
        if field is None or LOCALE_ARGUMENT not in field.args:
            return
        given = next(
            (a.value for a in node.arguments or () if a.name.value == LOCALE_ARGUMENT), None
        )
        if given is None:
            value = field.args[LOCALE_ARGUMENT].default_value
        elif isinstance(given, StringValueNode):
            value = given.value
        elif isinstance(given, VariableNode):
            value = self.variables.get(given.name.value)
        else:
            value = None
        if isinstance(value, str) and value.strip().lower() in SUPPORTED_LOCALES:
            self.locales.add(value.strip().lower())


def asked_locales(
    schema: GraphQLSchema,
    document,
    operation_name: str | None,
    variables: dict[str, Any] | None,
) -> list[str]:
    """The supported languages the operation reads, in SUPPORTED_LOCALES order."""
    type_info = TypeInfo(schema)
    collector = _LocaleCollector(type_info, operation_name, dict(variables or {}))
    visit(document, TypeInfoVisitor(type_info, collector))
    return [code for code in SUPPORTED_LOCALES if code in collector.locales]
