"""Walk every root field of the schema with hidden content seeded; none of it may come back.

The queries are generated from the schema itself, so a new root field or a new type is covered
without anyone remembering to add a test. A required argument this table does not know fails
the test on purpose: teach it a value that could reach hidden content.

`selection` builds each root field's selection as a tree (`Selection`); `fitting_documents`
cuts that tree into documents the endpoint's request limits accept, so a walk over HTTP sends
several small queries that run instead of one that is refused before any resolver sees it.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    Undefined,
    get_named_type,
    graphql_sync,
)

from cms.graphql.execute import prepare
from cms.graphql.limits import SIZE_ARGUMENTS, cost_error
from cms.graphql.schema import schema

GRAPHQL_SCHEMA = schema.graphql_schema
NESTED_DEPTH = 3
MARK_HIDDEN = "secret"
LOCALES = ("ar", "en")
OTHER_LOCALE_MARK = {"ar": "onlyen", "en": "onlyar"}
# More than any list the fixtures seed has items (test_the_walk_lists_are_long_enough), so that
# a list that leaked would show the hidden items within this size.
WALK_LIST_SIZE = 20


@dataclass(frozen=True)
class Selection:
    """One selected field (or `... on Type`) with what it selects under it."""

    head: str
    children: tuple[Selection, ...] = ()

    def text(self) -> str:
        if not self.children:
            return self.head
        return f"{self.head} {{ {' '.join(child.text() for child in self.children)} }}"

    def merged(self, other: Selection) -> Selection:
        """Both selections as one (same head): children with the same head are merged too."""
        children = list(self.children)
        heads = {child.head: index for index, child in enumerate(children)}
        for child in other.children:
            if child.head in heads:
                children[heads[child.head]] = children[heads[child.head]].merged(child)
            else:
                heads[child.head] = len(children)
                children.append(child)
        return Selection(self.head, tuple(children))


TYPENAME = Selection("__typename")


def _literal(arg, value) -> str:
    return value if isinstance(get_named_type(arg.type), GraphQLEnumType) else json.dumps(value)


def selection(type_, depth: int, skip: frozenset[str]) -> tuple[Selection, ...]:
    """What the walk selects under a field of `type_`: every field, `depth` levels down."""
    named = get_named_type(type_)
    if isinstance(named, GraphQLScalarType | GraphQLEnumType):
        return ()
    if depth <= 0:
        return (TYPENAME,)
    parts = [TYPENAME]
    if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
        parts += _field_selections(named, depth, skip)
    if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
        possible_types = GRAPHQL_SCHEMA.get_possible_types(named)
        clashes = _clashing_fields(possible_types)
        for possible in possible_types:
            own = _field_selections(
                possible,
                depth,
                skip,
                exclude=set(getattr(named, "fields", {})),
                alias=f"{possible.name}_",
                clashes=clashes,
            )
            if own:
                parts.append(Selection(f"... on {possible.name}", tuple(own)))
    return tuple(parts)


def list_size(field) -> list[str]:
    """A list's size argument set to WALK_LIST_SIZE when it has no default: without one the
    request limits price the list at its largest page and refuse most nested selections."""
    for name in SIZE_ARGUMENTS:
        arg = field.args.get(name)
        if arg is not None:
            return [] if arg.default_value is not Undefined else [f"{name}: {WALK_LIST_SIZE}"]
    return []


def _clashing_fields(possible_types) -> set[str]:
    """Field names that two of `possible_types` declare differently (type or arguments): side by
    side in one selection they need aliases. The others go without, so as to spend few of the
    aliases a document may use."""
    shapes: dict[str, set[str]] = {}
    for possible in possible_types:
        for name, field in possible.fields.items():
            arguments = sorted((a, str(arg.type)) for a, arg in field.args.items())
            shapes.setdefault(name, set()).add(f"{field.type} {arguments}")
    return {name for name, found in shapes.items() if len(found) > 1}


def _field_selections(
    named, depth, skip, exclude=frozenset(), alias="", clashes=frozenset()
) -> list[Selection]:
    parts = []
    for name, field in named.fields.items():
        if name in exclude or name in skip:
            continue
        args = list_size(field)
        for arg_name, arg in field.args.items():
            if isinstance(arg.type, GraphQLNonNull):
                enum = get_named_type(arg.type)
                if isinstance(enum, GraphQLEnumType):
                    args.append(f"{arg_name}: {next(iter(enum.values))}")
                else:
                    break
        else:
            arg_text = f"({', '.join(args)})" if args else ""
            prefix = f"{alias}{name}: " if alias and name in clashes else ""
            sub = selection(field.type, depth - 1, skip)
            parts.append(Selection(f"{prefix}{name}{arg_text}", sub))
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


def root_selections(hidden, skip: frozenset[str]) -> Iterator[tuple[str, str | None, Selection]]:
    """Every root field with every combination of argument values, in each locale it takes."""
    values = argument_values(hidden)
    for name, field in GRAPHQL_SCHEMA.query_type.fields.items():
        required = [a for a, arg in field.args.items() if isinstance(arg.type, GraphQLNonNull)]
        unknown = [a for a in required if a not in values]
        assert not unknown, f"teach the walk values for {name}({', '.join(unknown)})"
        choices = [[(a, v) for v in values[a]] for a in required]
        body = selection(field.type, NESTED_DEPTH, skip)
        for combo in itertools.product(*choices):
            for locale in LOCALES if "locale" in field.args else (None,):
                args = list(combo) + ([("locale", locale)] if locale else [])
                yield name, locale, Selection(_head(name, field, args), body)


def _head(name: str, field, args: list[tuple[str, str]]) -> str:
    arg_text = ", ".join([f"{a}: {_literal(field.args[a], v)}" for a, v in args] + list_size(field))
    return f"{name}({arg_text})" if arg_text else name


def document(root: Selection) -> str:
    return f"{{ {root.text()} }}"


def root_queries(hidden, skip: frozenset[str]) -> Iterator[tuple[str, str | None, str]]:
    """One document per root field and argument combination, whatever its size."""
    for name, locale, root in root_selections(hidden, skip):
        yield name, locale, document(root)


def refusal(query: str) -> str | None:
    """Why the endpoint's limits (size, tokens, depth, aliases, fields, cost) refuse `query`."""
    prepared = prepare(query)
    if prepared.errors:
        return prepared.errors[0].message
    too_costly = cost_error(GRAPHQL_SCHEMA, prepared.document, None, None)
    return None if too_costly is None else too_costly.message


def _pieces(part: Selection, document_for: Callable[[Selection], str]) -> list[Selection]:
    """`part` cut into selections that each fit in a document (`document_for` wraps one in the
    fields above it): the whole of it if it fits, else each of its children's pieces."""
    why = refusal(document_for(part))
    if why is None:
        return [part]
    assert part.children, f"even one field is refused ({why}): {document_for(part)}"
    pieces = []
    for child in part.children:
        if child == TYPENAME:
            continue

        def inside(piece: Selection, child=child) -> str:
            return document_for(Selection(part.head, (TYPENAME, piece)))

        pieces += [Selection(part.head, (TYPENAME, piece)) for piece in _pieces(child, inside)]
    return pieces


def fitting_selections(root: Selection) -> list[Selection]:
    """Selections of `root` (same head) that together select all of it and that the request
    limits each accept in a document, as few as merging the pieces in order allows."""
    cut: list[Selection] = []
    current: Selection | None = None
    for piece in _pieces(root, document):
        candidate = piece if current is None else current.merged(piece)
        if current is not None and refusal(document(candidate)) is not None:
            cut.append(current)
            candidate = piece
        current = candidate
    if current is not None:
        cut.append(current)
    return cut


# Argument values as long as this are assumed when a cut is worked out, so that one cut (per
# root field and skipped fields, kept for the session) fits every value the walk sends.
LONGEST_VALUE = 120


@functools.cache
def _cut(name: str, skip: frozenset[str]) -> tuple[tuple[Selection, ...], int]:
    field = GRAPHQL_SCHEMA.query_type.fields[name]
    args = [
        (a, "x" * LONGEST_VALUE if _is_text(arg) else max(get_named_type(arg.type).values, key=len))
        for a, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull)
    ]
    args += [("locale", "ar")] if "locale" in field.args else []
    head = _head(name, field, args)
    body = selection(field.type, NESTED_DEPTH, skip)
    return tuple(fitting_selections(Selection(head, body))), len(head.encode())


def _is_text(arg) -> bool:
    return not isinstance(get_named_type(arg.type), GraphQLEnumType)


def fitting_walk(
    hidden, skip: frozenset[str]
) -> Iterator[tuple[str, str | None, Selection, list[str]]]:
    """`root_selections`, each with the documents that cut it to fit the request limits."""
    for name, locale, root in root_selections(hidden, skip):
        cut, longest_head = _cut(name, skip)
        assert len(root.head.encode()) <= longest_head, f"raise LONGEST_VALUE for {root.head}"
        yield name, locale, root, [document(Selection(root.head, p.children)) for p in cut]


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
    for public in (
        "public links",
        "public title",
        "public news",
        "onlyar page",
        "onlyen page",
        "onlyar entity",
        "onlyen entity",
    ):
        assert public in seen
