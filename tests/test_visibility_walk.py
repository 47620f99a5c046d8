"""Walk every root field of the schema with hidden content seeded; none of it may come back.

The queries are generated from the schema itself, so a new root field or a new type is covered
without anyone remembering to add a test. A required argument this table does not know fails
the test on purpose: teach it a value that could reach hidden content.
"""

from __future__ import annotations

import itertools
import json

from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    get_named_type,
    graphql_sync,
)

from cms.graphql.schema import schema

GRAPHQL_SCHEMA = schema.graphql_schema
NESTED_DEPTH = 3
MARK_HIDDEN = "secret"
LOCALES = ("ar", "en")
OTHER_LOCALE_MARK = {"ar": "onlyen", "en": "onlyar"}


def _literal(arg, value) -> str:
    return value if isinstance(get_named_type(arg.type), GraphQLEnumType) else json.dumps(value)


def selection(type_, depth: int, skip: frozenset[str]) -> str:
    named = get_named_type(type_)
    if isinstance(named, GraphQLScalarType | GraphQLEnumType):
        return ""
    if depth <= 0:
        return "{ __typename }"
    parts = ["__typename"]
    if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
        parts += _field_selections(named, depth, skip)
    if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
        for possible in GRAPHQL_SCHEMA.get_possible_types(named):
            own = _field_selections(
                possible,
                depth,
                skip,
                exclude=set(getattr(named, "fields", {})),
                alias=f"{possible.name}_",
            )
            if own:
                parts.append(f"... on {possible.name} {{ {' '.join(own)} }}")
    return "{ " + " ".join(parts) + " }"


def _field_selections(named, depth, skip, exclude=frozenset(), alias="") -> list[str]:
    # Aliased per type: two types may give one field name different types.
    parts = []
    for name, field in named.fields.items():
        if name in exclude or name in skip:
            continue
        args = []
        for arg_name, arg in field.args.items():
            if isinstance(arg.type, GraphQLNonNull):
                enum = get_named_type(arg.type)
                if isinstance(enum, GraphQLEnumType):
                    args.append(f"{arg_name}: {next(iter(enum.values))}")
                else:
                    break
        else:
            arg_text = f"({', '.join(args)})" if args else ""
            prefix = f"{alias}{name}: " if alias else ""
            sub = selection(field.type, depth - 1, skip)
            parts.append(f"{prefix}{name}{arg_text} {sub}".strip())
    return parts


def argument_values(hidden) -> dict[str, list]:
    """Values for root-field arguments that could reach hidden content if a resolver leaked."""
    return {
        "path": hidden["paths"],
        "id": [str(pk) for pk in hidden["ids"]],
        "token": ["not-a-token", hidden["stale_token"]],
        "slot": ["MAIN", "FOOTER"],
        "code": hidden.get("codes", []) or ["MOF-IND-999"],
        "query": ["secret", "SECRET"],
        "prefix": ["sec", "SECRET"],
    }


def root_queries(hidden, skip: frozenset[str]):
    values = argument_values(hidden)
    for name, field in GRAPHQL_SCHEMA.query_type.fields.items():
        required = [a for a, arg in field.args.items() if isinstance(arg.type, GraphQLNonNull)]
        unknown = [a for a in required if a not in values]
        assert not unknown, f"teach the walk values for {name}({', '.join(unknown)})"
        choices = [[(a, v) for v in values[a]] for a in required]
        for combo in itertools.product(*choices):
            for locale in LOCALES if "locale" in field.args else (None,):
                args = list(combo) + ([("locale", locale)] if locale else [])
                arg_text = ", ".join(f"{a}: {_literal(field.args[a], v)}" for a, v in args)
                body = selection(field.type, NESTED_DEPTH, skip)
                query = f"{{ {name}{f'({arg_text})' if arg_text else ''} {body} }}"
                yield name, locale, query


def run(query: str, rf) -> str:
    """Execute straight on the schema: this walk tests resolvers, not the request limits."""
    result = graphql_sync(GRAPHQL_SCHEMA, query, context_value=rf.get("/graphql/"))
    assert not result.errors, (query, result.errors)
    return json.dumps(result.data, ensure_ascii=False).lower()


# Fields that echo the request back (a search's own query text) are left out of the walk.
ECHOES = frozenset({"query"})


def test_no_root_field_returns_hidden_content(rf, hidden_pages):
    checked = set()
    for name, _locale, query in root_queries(hidden_pages, skip=ECHOES):
        assert MARK_HIDDEN not in run(query, rf), (name, query)
        checked.add(name)
    assert checked == set(GRAPHQL_SCHEMA.query_type.fields)


def test_no_root_field_mixes_locales(rf, hidden_pages):
    # `translations` legitimately crosses locales, so it is left out of this walk.
    for name, locale, query in root_queries(hidden_pages, skip=ECHOES | {"translations"}):
        if locale is not None:
            assert OTHER_LOCALE_MARK[locale] not in run(query, rf), (name, query)


def test_the_walk_sees_public_content(rf, hidden_pages):
    """Guards the guard: the same walk does return the public pages next to the hidden ones."""
    seen = "".join(run(q, rf) for _n, _l, q in root_queries(hidden_pages, skip=ECHOES))
    for public in ("public links", "public title", "public news", "onlyar page", "onlyen page"):
        assert public in seen
