"""The published API contract: the SDL files in the repository and the rules for changing them.

Two files at the repository root:
- `schema.graphql`: the schema as the code builds it today (`make schema` writes it). A test
  fails when the code and the file differ, so every change to the API shows in a review.
- `schema.released.graphql`: the schema of the last release partners were told about
  (`make schema-release` copies `schema.graphql` over it when a release is announced). It is the
  baseline for breaking changes: comparing against `schema.graphql` instead would let a change
  regenerate its own baseline and pass.

A breaking change (graphql-core's `find_breaking_changes` between the released schema and the
code's) is allowed only when its description is written word for word in the "Unreleased"
section of `docs/api-changelog.md`; a field, argument or enum value may be removed only if the
released schema already marked it `@deprecated`.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from graphql import (
    BreakingChangeType,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    find_breaking_changes,
    print_schema,
)

from cms.graphql.execute import graphql_schema

SDL_FILE = "schema.graphql"
RELEASED_SDL_FILE = "schema.released.graphql"
CHANGELOG_FILE = "docs/api-changelog.md"
UNRELEASED_HEADING = "## Unreleased"
_REMOVALS = {
    BreakingChangeType.FIELD_REMOVED,
    BreakingChangeType.ARG_REMOVED,
    BreakingChangeType.VALUE_REMOVED_FROM_ENUM,
}


def repo_path(name: str) -> Path:
    return Path(settings.BASE_DIR) / name


def code_sdl() -> str:
    """The SDL of the code's schema, as `make schema` writes it."""
    return print_schema(graphql_schema()) + "\n"


def unreleased_changelog(changelog: str) -> str:
    """The text of the changelog's "Unreleased" section (empty when it has none)."""
    start = changelog.find(UNRELEASED_HEADING)
    if start < 0:
        return ""
    rest = changelog[start + len(UNRELEASED_HEADING) :]
    following = re.search(r"^## ", rest, flags=re.MULTILINE)
    return rest[: following.start()] if following else rest


def _deprecated_in(released: GraphQLSchema) -> set[str]:
    """`Type.field`, `Type.field(arg)` and `Enum.VALUE` names the released schema deprecates."""
    names: set[str] = set()
    for type_ in released.type_map.values():
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in type_.fields.items():
                if field.deprecation_reason:
                    names.add(f"{type_.name}.{field_name}")
                for arg_name, arg in field.args.items():
                    if arg.deprecation_reason:
                        names.add(f"{type_.name}.{field_name}({arg_name})")
        elif isinstance(type_, GraphQLInputObjectType):
            for field_name, field in type_.fields.items():
                if field.deprecation_reason:
                    names.add(f"{type_.name}.{field_name}")
        elif isinstance(type_, GraphQLEnumType):
            for value_name, value in type_.values.items():
                if value.deprecation_reason:
                    names.add(f"{type_.name}.{value_name}")
    return names


def _removed_name(description: str) -> str | None:
    """The `Type.field` / `Type.field(arg)` / `Enum.VALUE` a removal's description names."""
    field = re.match(r"^(\w+\.\w+) was removed\.$", description)
    if field:
        return field.group(1)
    arg = re.match(r"^(\w+)\.(\w+) arg (\w+) was removed\.$", description)
    if arg:
        return f"{arg.group(1)}.{arg.group(2)}({arg.group(3)})"
    value = re.match(r"^(\w+) was removed from enum type (\w+)\.$", description)
    if value:
        return f"{value.group(2)}.{value.group(1)}"
    return None


def contract_violations(released_sdl: str, current_sdl: str, changelog: str) -> list[str]:
    """What is wrong with changing the released schema into the current one, as sentences.

    Both sides are built from SDL: graphene's own type classes would otherwise read as a change
    of kind against the plain ones `build_schema` makes."""
    released = build_schema(released_sdl)
    current = build_schema(current_sdl)
    announced = unreleased_changelog(changelog)
    deprecated = _deprecated_in(released)
    problems: list[str] = []
    for change in find_breaking_changes(released, current):
        if change.description not in announced:
            problems.append(
                f"Breaking change not in the Unreleased section of {CHANGELOG_FILE}: "
                f'"{change.description}"'
            )
        if change.type in _REMOVALS:
            name = _removed_name(change.description)
            if name is not None and name not in deprecated:
                problems.append(
                    f"{name} was removed without being marked @deprecated in a release first."
                )
    return problems
