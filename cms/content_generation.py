"""The content generation: bumped on every change the public can see, read by every cache key.

What counts as a change: publishing, unpublishing, moving or deleting a page (translations are
published pages too), a view restriction added or removed, and saving or deleting any model
registered here (menus, settings, categories, synonyms, promotions, images, documents). KPI
counters and visitor feedback are not content and do not bump it.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Min
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import outages

logger = logging.getLogger("mizan.cache")

_GENERATION_ROW = 1
_content_models: set[type] = set()
# Set for the length of one request, so that everything it caches uses one number.
_pinned: ContextVar[int | None] = ContextVar("mizan_pinned_generation", default=None)

# Models outside the page tree whose changes visitors can see. Apps add theirs with
# register_content_model() in their AppConfig.ready().
DEFAULT_CONTENT_MODELS = [
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailsearchpromotions.SearchPromotion",
    "wagtailredirects.Redirect",
    "site_pages.Menu",
    "site_pages.MenuItem",
    "site_pages.SiteSettings",
]


def current_generation() -> int:
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    from cms.models import ContentGeneration

    # Read on every page request, cached or not: plain SQL, without the ORM's query building
    # (which costs more than the look-up itself).
    with connection.cursor() as cursor:
        cursor.execute(_select_sql(), [_GENERATION_ROW])
        row = cursor.fetchone()
    outages.up("database")  # the end of a logged outage, if one was under way
    if _bump_owed.is_set() and row is not None:
        _bump_owed.clear()
        _increment()  # sets the flag again if it fails (a read-only database): next read
        if not _bump_owed.is_set():
            return current_generation()  # read again (other processes may have bumped too)
    if row is None:
        ContentGeneration.objects.get_or_create(pk=_GENERATION_ROW)
        return 1
    return row[0]


@lru_cache(maxsize=1)
def _select_sql() -> str:
    from cms.models import ContentGeneration

    quote = connection.ops.quote_name
    meta = ContentGeneration._meta
    return (
        f"SELECT {quote(meta.get_field('number').column)} FROM {quote(meta.db_table)} "
        f"WHERE {quote(meta.pk.column)} = %s"
    )


@contextmanager
def pinned_generation() -> Iterator[int]:
    """Read the generation once; inside the block every reader gets that same number.

    A page and the API answers it is built from are then cached under one generation, even if
    an editor publishes while the page is being rendered (the next request reads the new one).
    """
    number = current_generation()
    with pinned_to(number):
        yield number


@contextmanager
def pinned_to(number: int) -> Iterator[int]:
    """Inside the block every reader gets `number` (read by the caller)."""
    token = _pinned.set(number)
    try:
        yield number
    finally:
        _pinned.reset(token)


# Apps whose public content changes with the clock alone (a procurement notice closes at its
# deadline, a consultation opens or closes at midnight in Riyadh) register, in ready(), a
# function giving the next such moment, or None: cached answers and pages live no longer.
_scheduled_changes: list[Callable[[], datetime.datetime | None]] = []


def register_scheduled_change(next_change: Callable[[], datetime.datetime | None]) -> None:
    if next_change not in _scheduled_changes:
        _scheduled_changes.append(next_change)


def next_scheduled_expiry() -> datetime.datetime | None:
    """When the next live page expires (it leaves the public view then, without a publish), or
    sooner, the next moment a registered app's content changes with the clock.

    (Scheduled go-live needs no such care: Wagtail's publish_scheduled publishes the page,
    which bumps the generation like any other publish.)
    """
    from wagtail.models import Page

    moments = [
        Page.objects.filter(live=True, expired=False, expire_at__gt=timezone.now())
        .aggregate(first=Min("expire_at"))
        .get("first")
    ]
    moments += [next_change() for next_change in _scheduled_changes]
    return min((m for m in moments if m is not None), default=None)


# Set while a change carries itself into other pages that the caller's own bump will cover
# (a source's publish updating its translations: cms/translation_lifecycle.py).
_folded: ContextVar[bool] = ContextVar("mizan_bump_folded", default=False)


@contextmanager
def folded_into_callers_bump() -> Iterator[None]:
    """Changes made inside are covered by the bump of the change that caused them."""
    token = _folded.set(True)
    try:
        yield
    finally:
        _folded.reset(token)


def bump_generation(**_signal_kwargs) -> None:
    """One atomic increment, after the surrounding transaction commits."""
    if _folded.get():
        return
    transaction.on_commit(_increment)


def _increment() -> None:
    from cms.models import ContentGeneration

    try:
        updated = ContentGeneration.objects.filter(pk=_GENERATION_ROW).update(
            number=F("number") + 1
        )
        if not updated:
            ContentGeneration.objects.get_or_create(pk=_GENERATION_ROW, defaults={"number": 2})
    except DatabaseError as error:
        # The change committed, the bump did not (the database went away in between): owed,
        # and paid by this process's next successful read of the generation, so the caches do
        # not keep serving what the change replaced once the database is back.
        _bump_owed.set()
        logger.warning("Could not bump the content generation (%s); will retry", error)


# One owed bump covers any number: a single increment retires every stored entry.
_bump_owed = threading.Event()


def content_models() -> frozenset[type]:
    """Every model outside the page tree whose saves and deletes bump the generation."""
    return frozenset(_content_models)


def register_content_model(model: type) -> None:
    if model in _content_models:
        return
    _content_models.add(model)
    label = model._meta.label
    post_save.connect(bump_generation, sender=model, dispatch_uid=f"generation-save-{label}")
    post_delete.connect(bump_generation, sender=model, dispatch_uid=f"generation-delete-{label}")


def connect_signals() -> None:
    page_published.connect(bump_generation, dispatch_uid="generation-published")
    page_unpublished.connect(bump_generation, dispatch_uid="generation-unpublished")
    post_page_move.connect(bump_generation, dispatch_uid="generation-moved")
    for label in DEFAULT_CONTENT_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue  # an optional app that is not installed
        register_content_model(model)
    # Deleting a page deletes its wagtailcore_page row too; saving a draft changes nothing public.
    post_delete.connect(
        bump_generation,
        sender=apps.get_model("wagtailcore.Page"),
        dispatch_uid="generation-page-delete",
    )
