"""The change feed in the API: `changes(after, first, locale)`, paged by the feed's sequence.

Keyset paging: `WHERE sequence > :after ORDER BY sequence LIMIT :first + 1` on the primary key
(or the (locale, sequence) index), so every page costs the same queries however deep it is;
never OFFSET. The cursor is opaque (base64 of "change:<sequence>").

What an entry shows obeys the visibility policy twice: only public changes were recorded
(syndication/recording.py), and an entry about a page that is not public *now* (unpublished,
deleted, made private or expired since) shows no path or URL, only its ids: the policy decides
per page, for the whole page of entries in one query.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import graphene
from graphql import GraphQLError

from cms.graphql.paging import BAD_CURSOR, BAD_USER_INPUT
from cms.graphql.visibility import resolve_locale, visible_page_ids
from syndication.models import TOMBSTONES, ChangeAction, ChangeEntry

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
_CURSOR_KIND = "change"


def encode_cursor(sequence: int) -> str:
    return base64.b64encode(f"{_CURSOR_KIND}:{sequence}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        kind, _, number = base64.b64decode(cursor.encode(), validate=True).decode().partition(":")
        sequence = int(number)
    except (ValueError, UnicodeError):
        kind, sequence = "", -1
    if kind != _CURSOR_KIND or sequence < 0 or len(cursor) > 40:
        raise GraphQLError(
            "'after' is not a cursor from `changes`: start again without 'after'.",
            extensions={"code": BAD_CURSOR},
        )
    return sequence


ChangeActionEnum = graphene.Enum(
    "ChangeAction",
    [(value.upper(), value) for value in ChangeAction.values],
    description=(
        "What happened: PUBLISHED (entered the public view), REPUBLISHED (a correction), "
        "STATUS_CHANGED (a service's status changed by a publish), MOVED (new path), "
        "UNPUBLISHED, EXPIRED, DELETED (tombstones: ids only)"
    ),
)


class Change(graphene.ObjectType):
    """One public change, in commit order."""

    sequence = graphene.Int(required=True, description="Position in the feed; only grows")
    cursor = graphene.String(required=True, description="Give as `after` to read what follows")
    action = graphene.Field(ChangeActionEnum, required=True)
    occurred_at = graphene.DateTime(required=True)
    page_id = graphene.ID(required=True)
    page_type = graphene.String(required=True, description="The page's GraphQL type name")
    locale = graphene.String(required=True, description="Language code: ar or en")
    tombstone = graphene.Boolean(
        required=True, description="The page left the public view: ids only, no content"
    )
    path = graphene.String(
        description="Path under the language's home page, for `page(path, locale)`; null for a "
        "tombstone or a page no longer public"
    )
    url = graphene.String(description="Public URL path; null as `path` is")
    service_code = graphene.String(description="The service's code, for service pages")
    service_status = graphene.String(
        description="The service's status after the change (available, coming_soon, …)"
    )

    @staticmethod
    def resolve_cursor(entry, info):
        return encode_cursor(entry.sequence)

    @staticmethod
    def resolve_action(entry, info):
        return entry.action

    @staticmethod
    def resolve_page_id(entry, info):
        return entry.page_id

    @staticmethod
    def resolve_tombstone(entry, info):
        return entry.is_tombstone

    @staticmethod
    def resolve_path(entry, info):
        return entry.path if getattr(entry, "shown", False) else None

    @staticmethod
    def resolve_url(entry, info):
        return entry.url if getattr(entry, "shown", False) and entry.url else None

    @staticmethod
    def resolve_service_code(entry, info):
        return entry.service_code or None

    @staticmethod
    def resolve_service_status(entry, info):
        return entry.service_status or None


class ChangePageInfo(graphene.ObjectType):
    has_next_page = graphene.Boolean(required=True)
    end_cursor = graphene.String(description="The last item's cursor; give it as `after`")


class ChangeConnection(graphene.ObjectType):
    items = graphene.List(graphene.NonNull(Change), required=True)
    page_info = graphene.Field(ChangePageInfo, required=True)


@dataclass
class ChangePage:
    items: list
    page_info: ChangePageInfo


def changes_page(after: str | None, first: int | None, locale: str | None) -> ChangePage:
    size = DEFAULT_PAGE_SIZE if first is None else first
    if not 0 <= size <= MAX_PAGE_SIZE:
        raise GraphQLError(
            f"'first' must be between 0 and {MAX_PAGE_SIZE}.", extensions={"code": BAD_USER_INPUT}
        )
    start = decode_cursor(after) if after else 0
    entries = ChangeEntry.objects.filter(sequence__gt=start)
    if locale is not None:
        entries = entries.filter(locale=resolve_locale(locale).language_code)
    rows = list(entries.order_by("sequence")[: size + 1])
    more, rows = len(rows) > size, rows[:size]
    content = [e.page_id for e in rows if e.action not in TOMBSTONES]
    public_now = visible_page_ids(content) if content else set()
    for entry in rows:
        entry.shown = entry.action not in TOMBSTONES and entry.page_id in public_now
    return ChangePage(
        items=rows,
        page_info=ChangePageInfo(
            has_next_page=more, end_cursor=encode_cursor(rows[-1].sequence) if rows else after
        ),
    )


class Query:
    changes = graphene.Field(
        ChangeConnection,
        required=True,
        description=(
            "Every public change in commit order (published, corrected, moved, unpublished, "
            "expired, deleted, a service's status): keep the last `endCursor` and ask again "
            "with `after` to catch up, nothing missed and nothing twice"
        ),
        after=graphene.String(
            description="A cursor from this list; omit to start at the beginning"
        ),
        first=graphene.Int(
            description=f"Page size, at most {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE})"
        ),
        locale=graphene.String(description="ar or en; omit for both languages"),
    )

    @staticmethod
    def resolve_changes(root, info, after=None, first=None, locale=None):
        return changes_page(after, first, locale)


types = [Change, ChangeConnection]
