"""Cursor paging by keyset (cms.graphql.paging): every row exactly once, in order, one query a
page, whatever the ties and NULLs in the ordering; foreign cursors refused with BAD_CURSOR."""

from __future__ import annotations

import base64
import datetime
import json

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from graphql import GraphQLError

from cms.graphql.paging import BAD_CURSOR, Keyset, cursor_arguments, paginate

pytestmark = pytest.mark.django_db

BASE = timezone.make_aware(datetime.datetime(2026, 1, 1, 8, 0))


@pytest.fixture
def users():
    """23 users whose last login repeats (ties) or is missing (NULLs)."""
    made = []
    for number in range(23):
        login = None if number % 5 == 0 else BASE + datetime.timedelta(hours=number % 4)
        made.append(
            User.objects.create(
                username=f"user{number:02}", last_login=login, is_staff=bool(number % 2)
            )
        )
    return made


def crawl(queryset, ordering, size):
    seen, after, pages = [], None, 0
    while True:
        with CaptureQueriesContext(connection) as queries:
            page = paginate(queryset, ordering, first=size, after=after, max_size=10)
        assert len(queries) == 1
        pages += 1
        seen.extend(page.items)
        assert page.page_info.has_previous_page == (after is not None)
        if not page.page_info.has_next_page:
            assert page.page_info.end_cursor == (
                Keyset(User, ordering).cursor(page.items[-1]) if page.items else None
            )
            return seen, pages
        after = page.page_info.end_cursor
        assert pages < 50


@pytest.mark.parametrize(
    "ordering",
    [
        ("username",),
        ("-last_login",),
        ("last_login",),
        ("-is_staff", "-last_login"),
        ("is_staff", "last_login", "-pk"),
    ],
)
@pytest.mark.parametrize("size", [1, 4, 10])
def test_a_crawl_returns_every_row_once_in_order(users, ordering, size):
    keyset = Keyset(User, ordering)
    expected = list(keyset.order_by(User.objects.all()))
    seen, pages = crawl(User.objects.all(), ordering, size)
    assert [u.pk for u in seen] == [u.pk for u in expected]
    assert len(seen) == len(users) == len({u.pk for u in seen})
    assert pages == -(-len(users) // size) or pages == len(users) // size + 1


def test_nulls_come_last_both_ways(users):
    for ordering in (("last_login",), ("-last_login",)):
        seen, _ = crawl(User.objects.all(), ordering, 7)
        logins = [u.last_login for u in seen]
        first_null = logins.index(None)
        assert all(login is None for login in logins[first_null:])


def test_first_is_capped_and_defaulted(users):
    assert (
        len(paginate(User.objects.all(), ("pk",), first=500, after=None, max_size=10).items) == 10
    )
    assert (
        len(
            paginate(
                User.objects.all(), ("pk",), first=None, after=None, max_size=20, default_size=3
            ).items
        )
        == 3
    )
    empty = paginate(User.objects.all(), ("pk",), first=0, after=None, max_size=10)
    assert (
        empty.items == [] and empty.page_info.has_next_page and empty.page_info.end_cursor is None
    )


def test_negative_first_is_the_callers_mistake(users):
    with pytest.raises(GraphQLError) as refused:
        paginate(User.objects.all(), ("pk",), first=-1, after=None, max_size=10)
    assert refused.value.extensions["code"] == "BAD_USER_INPUT"


def _cursor(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor!",
        "bm90IGpzb24",  # "not json"
        _cursor(["auth.user:username,pk", ["a", 1]]),  # another ordering's cursor
        _cursor(["auth.user:-last_login,pk", ["yesterday", 1]]),
        _cursor(["auth.user:-last_login,pk", [None]]),
        _cursor(["auth.user:-last_login,pk", [None, None]]),  # pk is never NULL
        _cursor(["auth.user:-last_login,pk", [None, {"id": 1}]]),
        _cursor(["auth.user:-last_login,pk", [None, "x" * 20]]),
        _cursor({"tag": 1}),
        "x" * 2000,
    ],
)
def test_a_foreign_or_broken_cursor_is_bad_cursor(users, cursor):
    with pytest.raises(GraphQLError) as refused:
        paginate(User.objects.all(), ("-last_login",), first=5, after=cursor, max_size=10)
    assert refused.value.extensions == {"code": BAD_CURSOR}
    assert "after" in refused.value.message


def test_a_row_removed_between_pages_hides_nothing_else(users):
    ordering = ("-last_login",)
    first = paginate(User.objects.all(), ordering, first=5, after=None, max_size=10)
    first.items[-1].delete()  # the cursor's own row is gone: the cursor still places the next page
    rest, after = [], first.page_info.end_cursor
    while after:
        page = paginate(User.objects.all(), ordering, first=5, after=after, max_size=10)
        rest.extend(page.items)
        after = page.page_info.end_cursor if page.page_info.has_next_page else None
    assert len(first.items) + len(rest) == len(users)
    assert not {u.pk for u in first.items} & {u.pk for u in rest}


def test_cursor_arguments_describe_the_cap():
    arguments = cursor_arguments(max_size=50, default_size=10)
    assert set(arguments) == {"first", "after"}
    assert "at most 50" in arguments["first"].kwargs["description"]
