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
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    Undefined,
    execute_sync,
    get_named_type,
    parse,
    validate,
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


def walked_arguments(field) -> list[str]:
    """The root field's arguments the walk sets: the required ones, and the locale."""
    required = [a for a, arg in field.args.items() if isinstance(arg.type, GraphQLNonNull)]
    return required + (["locale"] if "locale" in field.args else [])


def _head(name: str, field) -> str:
    """The root field with its walked arguments as variables: one document serves every value,
    so it is parsed and validated once however many values the walk tries."""
    args = [f"{a}: ${a}" for a in walked_arguments(field)] + list_size(field)
    return f"{name}({', '.join(args)})" if args else name


def root_selections(
    hidden, skip: frozenset[str]
) -> Iterator[tuple[str, str | None, Selection, dict[str, str]]]:
    """Every root field with every combination of argument values, in each locale it takes."""
    values = argument_values(hidden)
    for name, field in GRAPHQL_SCHEMA.query_type.fields.items():
        required = [a for a, arg in field.args.items() if isinstance(arg.type, GraphQLNonNull)]
        unknown = [a for a in required if a not in values]
        assert not unknown, f"teach the walk values for {name}({', '.join(unknown)})"
        choices = [[(a, v) for v in values[a]] for a in required]
        root = Selection(_head(name, field), selection(field.type, NESTED_DEPTH, skip))
        for combo in itertools.product(*choices):
            for locale in LOCALES if "locale" in field.args else (None,):
                yield name, locale, root, dict(combo) | ({"locale": locale} if locale else {})


def document(root: Selection) -> str:
    """A root field's selection as a document, declaring the variables its head uses."""
    field = GRAPHQL_SCHEMA.query_type.fields[root.head.split("(", 1)[0]]
    declared = ", ".join(f"${a}: {field.args[a].type}" for a in walked_arguments(field))
    return f"query Walk({declared}) {{ {root.text()} }}" if declared else f"{{ {root.text()} }}"


def root_queries(
    hidden, skip: frozenset[str]
) -> Iterator[tuple[str, str | None, str, dict[str, str]]]:
    """One document per root field, whatever its size, with each combination of values."""
    for name, locale, root, variables in root_selections(hidden, skip):
        yield name, locale, document(root), variables


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


def _merged(pieces: list[Selection]) -> Selection:
    return functools.reduce(Selection.merged, pieces)


def _fits(pieces: list[Selection]) -> bool:
    return refusal(document(_merged(pieces))) is None


def fitting_selections(root: Selection) -> list[Selection]:
    """Selections of `root` (same head) that together select all of it and that the request
    limits each accept in a document, as few as merging the pieces in order allows.

    Adding a piece never makes a document smaller, so how many pieces fit from a given one on
    is found by doubling, then halving: a few parses per document, not one per piece."""
    pieces = _pieces(root, document)
    cut: list[Selection] = []
    start = 0
    while start < len(pieces):
        fitting, step = 1, 1  # one piece always fits: `_pieces` made it so
        while start + fitting < len(pieces) and _fits(pieces[start : start + fitting + step]):
            fitting += step
            step *= 2
        while step > 1:
            step //= 2
            end = start + fitting + step
            if end <= len(pieces) and _fits(pieces[start:end]):
                fitting += step
        cut.append(_merged(pieces[start : start + fitting]))
        start += fitting
    return cut


@functools.cache
def cut_documents(name: str, skip: frozenset[str]) -> tuple[str, ...]:
    """A root field's walk cut into documents the request limits accept. The walked arguments
    are variables, so one cut serves every value (kept for the process)."""
    field = GRAPHQL_SCHEMA.query_type.fields[name]
    body = selection(field.type, NESTED_DEPTH, skip)
    return tuple(
        document(piece) for piece in fitting_selections(Selection(_head(name, field), body))
    )


def fitting_walk(
    hidden, skip: frozenset[str]
) -> Iterator[tuple[str, str | None, Selection, dict[str, str], tuple[str, ...]]]:
    """`root_selections`, each with the documents that cut it to fit the request limits."""
    for name, locale, root, variables in root_selections(hidden, skip):
        yield name, locale, root, variables, cut_documents(name, skip)


@functools.cache
def _validated(query: str) -> DocumentNode:
    """Parse and validate once per document: the walk's documents are large, and each is run
    with many values, in several tests."""
    parsed = parse(query, no_location=True)
    errors = validate(GRAPHQL_SCHEMA, parsed)
    assert not errors, (query[:300], errors)
    return parsed


def run_data(query: str, rf, variables: dict[str, str] | None = None) -> Any:
    """Execute straight on the schema: this walk tests resolvers, not the request limits."""
    result = execute_sync(
        GRAPHQL_SCHEMA,
        _validated(query),
        context_value=rf.get("/graphql/"),
        variable_values=variables,
    )
    assert not result.errors, (query[:300], variables, result.errors)
    return result.data


def text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False).lower()


def run(query: str, rf, variables: dict[str, str] | None = None) -> str:
    return text(run_data(query, rf, variables))


def without_translations(data: Any) -> Any:
    """`translations` legitimately crosses locales: left out of the locale check."""
    if isinstance(data, dict):
        return {k: without_translations(v) for k, v in data.items() if k != "translations"}
    if isinstance(data, list):
        return [without_translations(item) for item in data]
    return data


# Fields that echo the request back (a search's own query text) are left out of the walk.
ECHOES = frozenset({"query"})


def test_no_root_field_returns_hidden_content(rf, hidden_pages):
    checked = set()
    for name, _locale, query, variables in root_queries(hidden_pages, skip=ECHOES):
        assert MARK_HIDDEN not in run(query, rf, variables), (name, variables)
        checked.add(name)
    assert checked == set(GRAPHQL_SCHEMA.query_type.fields)


def test_no_root_field_mixes_locales(rf, hidden_pages):
    for name, locale, query, variables in root_queries(hidden_pages, skip=ECHOES):
        if locale is not None:
            data = without_translations(run_data(query, rf, variables))
            assert OTHER_LOCALE_MARK[locale] not in text(data), (name, variables)


def test_the_walk_sees_public_content(rf, hidden_pages):
    """Guards the guard: the same walk does return the public pages next to the hidden ones."""
    seen = "".join(run(q, rf, v) for _n, _l, q, v in root_queries(hidden_pages, skip=ECHOES))
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
