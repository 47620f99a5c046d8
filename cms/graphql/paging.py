"""Opaque cursor paging by keyset, for every list a partner may need to crawl in full.

A cursor is the base64 (URL-safe) of a JSON array: a tag naming the list's ordering, then the
ordering values of the last item sent. The next page is the rows strictly after those values in
that ordering (`WHERE (date, id) < (…)`, spelled as ORs of ANDs so that every database reads it):
never OFFSET, so page 1,000 costs what page 1 costs, and a row published or removed between two
requests neither repeats nor hides another one.

Use, in a resolver::

    from cms.graphql.paging import PageInfo, cursor_arguments, paginate

    class ThingConnection(graphene.ObjectType):
        items = graphene.List(graphene.NonNull(Thing), required=True)
        page_info = graphene.Field(PageInfo, required=True)

    things = graphene.Field(ThingConnection, required=True, **cursor_arguments(max_size=50))

    def resolve_things(root, info, first=None, after=None):
        return paginate(queryset, ("-date", "pk"), first=first, after=after, max_size=50)

`paginate` returns a `CursorPage` (`items`, `page_info`): one SQL query per page (it reads one
row more than asked to know whether another page follows). The ordering must end in a unique
field; `pk` is added when it does not. Nullable ordering fields are sorted with NULLs last in
both directions. A cursor that is not one of this list's → `GraphQLError` with
`extensions.code` `BAD_CURSOR`; a negative `first` → `BAD_USER_INPUT`.

For lists read in batches (e.g. the children of many pages in one query), `Keyset` gives the
same pieces apart: `decode`, `filter_after`, `order_by`, `cursor`.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import decimal
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import graphene
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, Model, Q, QuerySet
from graphql import GraphQLError

BAD_CURSOR = "BAD_CURSOR"
BAD_USER_INPUT = "BAD_USER_INPUT"
BAD_CURSOR_MESSAGE = "'after' is not a cursor from this list: start again without 'after'."
MAX_CURSOR_LENGTH = 1000


class PageInfo(graphene.ObjectType):
    """Where a page of a cursor-paged list stands: pass `endCursor` as `after` for the next."""

    has_next_page = graphene.Boolean(required=True)
    has_previous_page = graphene.Boolean(
        required=True, description="True when this page was asked with 'after'"
    )
    start_cursor = graphene.String(description="Cursor of the first item; null when empty")
    end_cursor = graphene.String(description="Cursor of the last item; null when empty")

    class Meta:
        name = "PageInfo"


def cursor_arguments(
    max_size: int, default_size: int | None = None
) -> dict[str, graphene.Argument]:
    """The `first` and `after` arguments, described the same way on every list."""
    default = f", {default_size} when omitted" if default_size is not None else ""
    return {
        "first": graphene.Int(description=f"Page size, at most {max_size}{default}"),
        "after": graphene.String(description="endCursor of the previous page"),
    }


@dataclass
class CursorPage:
    items: list
    page_info: PageInfo


def bad_cursor() -> GraphQLError:
    return GraphQLError(BAD_CURSOR_MESSAGE, extensions={"code": BAD_CURSOR})


def page_size(first: int | None, default_size: int, max_size: int) -> int:
    """`first` checked and capped: never negative, never above `max_size`."""
    if first is None:
        return min(default_size, max_size)
    if first < 0:
        raise GraphQLError("'first' must not be negative.", extensions={"code": BAD_USER_INPUT})
    return min(first, max_size)


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


class Keyset:
    """The ordering of one list and its cursors."""

    def __init__(self, model: type[Model], ordering: Sequence[str], tag: str | None = None):
        names = [name.lstrip("-") for name in ordering]
        pk_name = model._meta.pk.name
        if not ({"pk", pk_name} & set(names)):
            ordering = (*ordering, "pk")
        self.model = model
        self.ordering = tuple(ordering)
        self.tag = tag or f"{model._meta.label_lower}:{','.join(self.ordering)}"
        self._fields = [
            (name.lstrip("-"), name.startswith("-"), self._field(name.lstrip("-")))
            for name in self.ordering
        ]

    def _field(self, path: str):
        model, field = self.model, None
        for part in path.split("__"):
            if field is not None:
                model = field.related_model
            field = model._meta.pk if part == "pk" else model._meta.get_field(part)
        if field is None:  # pragma: no cover - an empty name
            raise FieldDoesNotExist(path)
        return field

    # -- cursors ---------------------------------------------------------------------------------

    def values_of(self, item: Any) -> list:
        values = []
        for name, _descending, _field in self._fields:
            value: Any = item
            for part in name.split("__"):
                value = None if value is None else getattr(value, part)
            if isinstance(value, Model):
                value = value.pk
            values.append(value)
        return values

    def cursor(self, item: Any) -> str:
        raw = json.dumps(
            [self.tag, [_to_json(v) for v in self.values_of(item)]], separators=(",", ":")
        )
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    def decode(self, cursor: str) -> list:
        """The ordering values a cursor names, or BAD_CURSOR."""
        if not isinstance(cursor, str) or not cursor or len(cursor) > MAX_CURSOR_LENGTH:
            raise bad_cursor()
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            tag, values = json.loads(raw.decode())
        except (binascii.Error, ValueError, TypeError, UnicodeError):
            raise bad_cursor() from None
        if tag != self.tag or not isinstance(values, list) or len(values) != len(self._fields):
            raise bad_cursor()
        decoded = []
        for value, (_name, _descending, field) in zip(values, self._fields, strict=True):
            if value is None:
                if not field.null:
                    raise bad_cursor()
                decoded.append(None)
                continue
            if isinstance(value, list | dict):
                raise bad_cursor()
            try:
                target = field.target_field if field.is_relation else field
                decoded.append(target.to_python(value))
            except (ValidationError, ValueError, TypeError, OverflowError):
                raise bad_cursor() from None
        return decoded

    # -- queries ---------------------------------------------------------------------------------

    def order_by(self, queryset: QuerySet) -> QuerySet:
        terms = []
        for name, descending, field in self._fields:
            expression = F(name)
            if field.null:
                terms.append(
                    expression.desc(nulls_last=True)
                    if descending
                    else expression.asc(nulls_last=True)
                )
            else:
                terms.append(expression.desc() if descending else expression.asc())
        return queryset.order_by(*terms)

    def after_condition(self, values: list) -> Q:
        """Rows strictly after `values` in this ordering (NULLs last)."""
        condition = Q(pk__in=[])  # nothing, when every field equals (the cursor's own row)
        equal = Q()
        for value, (name, descending, field) in zip(values, self._fields, strict=True):
            if value is None:
                later = Q(pk__in=[])  # NULLs come last: nothing is after a NULL in this field
                same = Q(**{f"{name}__isnull": True})
            else:
                later = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
                if field.null:
                    later |= Q(**{f"{name}__isnull": True})
                same = Q(**{name: value})
            condition |= equal & later
            equal &= same
        return condition

    def filter_after(self, queryset: QuerySet, after: str | None) -> QuerySet:
        if not after:
            return queryset
        return queryset.filter(self.after_condition(self.decode(after)))

    def page(self, items: list, size: int, after: str | None) -> CursorPage:
        """A page from `size + 1` rows read in this ordering."""
        more = len(items) > size
        items = items[:size]
        return CursorPage(
            items=items,
            page_info=PageInfo(
                has_next_page=more,
                has_previous_page=bool(after),
                start_cursor=self.cursor(items[0]) if items else None,
                end_cursor=self.cursor(items[-1]) if items else None,
            ),
        )


def paginate(
    queryset: QuerySet,
    ordering: Sequence[str],
    *,
    first: int | None,
    after: str | None,
    max_size: int,
    default_size: int = 10,
    tag: str | None = None,
) -> CursorPage:
    """One page of `queryset` in `ordering` after the cursor `after`: one SQL query."""
    keyset = Keyset(queryset.model, ordering, tag)
    size = page_size(first, default_size, max_size)
    rows = keyset.order_by(keyset.filter_after(queryset, after))
    if not size:
        return CursorPage(
            items=[], page_info=PageInfo(has_next_page=rows.exists(), has_previous_page=bool(after))
        )
    return keyset.page(list(rows[: size + 1]), size, after)
