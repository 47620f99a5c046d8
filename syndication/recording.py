"""Write the change feed from Wagtail's signals.

What counts is decided by the one visibility policy (cms/graphql/visibility.py): a change is
recorded when it makes a page appear in, change in, or leave the public view. A page that was
never public (a draft, a private page, an alias for an untranslated page) never appears, not even
as a tombstone: a tombstone is written only when the page's last entry says it was public.

Signals: `page_published` (publish, scheduled go-live, a translation's publish),
`page_unpublished` (by hand, or by `publish_scheduled` for an expired page: then `expired` is
set), `post_page_move` (the page and everything under it get new paths), `post_delete` of pages
(each page of a deleted subtree), and saves and deletes of view restrictions (a subtree enters or
leaves the public view). A service page's publish that changes its `status` is recorded as
`status_changed`.

Atomicity: Wagtail commits a publish, unpublish or move before it sends the signal, so a
crash (or a failed feed write) in between would lose the entry while the page changed.
`make_page_actions_atomic` runs those actions' `execute` in one transaction, so the page change,
its feed entries and their webhook outbox rows commit together or not at all, whatever started
them (the admin, `publish_scheduled`, a script). A view restriction's save commits its row before
`post_save`, so it is wrapped the same way: the restriction and the entries of the subtree it
takes out of (or brings back into) the public view commit together. A page deletion already is
one transaction (Django's deletion collector sends `post_delete` inside it); a restriction's
deletion is wrapped anyway, so the feed lock is taken before any row lock there too.

Order: on PostgreSQL each writer takes a transaction-level advisory lock before its first
insert, held to its commit, so sequences become visible in the order they were assigned and a
partner that read up to N never later meets a row below N (docs/integrators.md). SQLite lets one
writer at a time anyway.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Max
from django.db.models.signals import post_delete, post_save
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.graphql.page_registry import graphql_type_for
from cms.graphql.visibility import visible_page_ids
from syndication.models import ChangeAction, ChangeEntry

logger = logging.getLogger("mizan.syndication")

# pg_advisory_xact_lock key: "MZNFEED" in ASCII, any constant no other code uses.
FEED_LOCK_KEY = 0x4D5A4E46454544


def lock_feed() -> None:
    """Serialise feed writers until their transaction commits (PostgreSQL; SQLite has one
    writer at a time)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FEED_LOCK_KEY])


def record(entries: list[ChangeEntry]) -> list[ChangeEntry]:
    """Store entries and their webhook outbox rows in one transaction, in order."""
    if not entries:
        return entries
    from syndication.delivery import queue_deliveries

    with transaction.atomic():
        lock_feed()
        if len(entries) == 1:
            entries[0].save()
        else:
            entries = ChangeEntry.objects.bulk_create(entries)
        queue_deliveries(entries)
    return entries


def last_entries(page_ids: Iterable[int]) -> dict[int, ChangeEntry]:
    """Each page's latest entry (two queries whatever the number of pages)."""
    ids = list({int(pk) for pk in page_ids})
    if not ids:
        return {}
    latest = (
        ChangeEntry.objects.filter(page_id__in=ids)
        .values("page_id")
        .annotate(last=Max("sequence"))
        .values_list("last", flat=True)
    )
    return {e.page_id: e for e in ChangeEntry.objects.filter(sequence__in=list(latest))}


def was_public(last: ChangeEntry | None) -> bool:
    return last is not None and not last.is_tombstone


def _service_fields(page) -> tuple[str, str]:
    from services_catalog.models import ServicePage

    if isinstance(page, ServicePage):
        return page.code or "", page.status or ""
    return "", ""


def _type_name(page) -> str:
    import cms.graphql.schema  # noqa: F401  (the apps register their page types as it loads)

    graphql_type = graphql_type_for(page)
    return graphql_type._meta.name if graphql_type is not None else "GenericPage"


def entry_for(page, action: str) -> ChangeEntry:
    """A content entry (published, republished, moved, status changed) for a specific page."""
    from site_pages.graphql import path_in_locale

    code, status = _service_fields(page)
    try:
        url = page.get_url(None) or ""
    except Exception:  # a page outside every site has no URL
        url = ""
    return ChangeEntry(
        action=action,
        page_id=page.pk,
        page_type=_type_name(page),
        locale=page.locale.language_code,
        path=path_in_locale(page),
        url=url[:255],
        service_code=code,
        service_status=status,
    )


def tombstone(last: ChangeEntry, action: str) -> ChangeEntry:
    """Left the public view: who it was (from its last entry), never what it said."""
    return ChangeEntry(
        action=action,
        page_id=last.page_id,
        page_type=last.page_type,
        locale=last.locale,
        service_code=last.service_code,
        service_status=last.service_status,
    )


def _publish_action(page, last: ChangeEntry | None) -> str:
    if not was_public(last):
        return ChangeAction.PUBLISHED
    _code, status = _service_fields(page)
    if status and last.service_status and status != last.service_status:
        return ChangeAction.STATUS_CHANGED
    return ChangeAction.REPUBLISHED


def on_published(sender, instance, **kwargs) -> None:
    page = instance.specific
    if page.pk not in visible_page_ids([page.pk]):
        return  # private, an alias, expired: not a public change
    last = last_entries([page.pk]).get(page.pk)
    record([entry_for(page, _publish_action(page, last))])


def on_unpublished(sender, instance, **kwargs) -> None:
    if Page.objects.filter(pk=instance.pk, live=True).exists():
        # Not saved: Wagtail unpublishes a page in memory just before deleting it, and the
        # deletion records itself (`deleted`, not `unpublished`).
        return
    last = last_entries([instance.pk]).get(instance.pk)
    if not was_public(last):
        return
    action = (
        ChangeAction.EXPIRED if getattr(instance, "expired", False) else ChangeAction.UNPUBLISHED
    )
    record([tombstone(last, action)])


def on_page_deleted(sender, instance, **kwargs) -> None:
    last = last_entries([instance.pk]).get(instance.pk)
    if was_public(last):
        record([tombstone(last, ChangeAction.DELETED)])


def reconcile_subtree(root_path: str, moved: bool = False) -> list[ChangeEntry]:
    """Bring the feed in line with the policy for every page under `root_path` (inclusive):
    pages now public that were not get `published`, pages public before that are not now get
    `unpublished`; with `moved`, pages public before and after get `moved` (new path)."""
    ids = list(Page.objects.filter(path__startswith=root_path).values_list("pk", flat=True))
    visible = visible_page_ids(ids)
    last = last_entries(ids)
    entries: list[ChangeEntry] = []
    to_read: dict[int, str] = {}
    for pk in sorted(ids):
        before = was_public(last.get(pk))
        if pk in visible and not before:
            to_read[pk] = ChangeAction.PUBLISHED
        elif pk in visible and moved:
            to_read[pk] = ChangeAction.MOVED
        elif pk not in visible and before:
            entries.append(tombstone(last[pk], ChangeAction.UNPUBLISHED))
    if to_read:
        pages = Page.objects.filter(pk__in=to_read).select_related("locale").specific()
        for page in sorted(pages, key=lambda p: p.pk):
            entries.append(entry_for(page, to_read[page.pk]))
    return record(entries)


def on_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs) -> None:
    if url_path_before == url_path_after:
        return  # reordered among its siblings: no path changed
    path = Page.objects.filter(pk=instance.pk).values_list("path", flat=True).first()
    if path:
        reconcile_subtree(path, moved=True)


def on_restriction_changed(sender, instance, origin=None, **kwargs) -> None:
    started_by = getattr(origin, "model", type(origin))  # an instance or a queryset
    if origin is not None and not issubclass(started_by, PageViewRestriction):
        # Removed because its page is being deleted: the page's own deletion is the change
        # (a private page deleted must not flash into the feed as public first).
        return
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path:
        reconcile_subtree(path)


def _atomic_execute(execute):
    @functools.wraps(execute)
    def atomic_execute(self, *args, **kwargs):
        with transaction.atomic():
            # The feed lock first, before the action locks any page row: a publish that held a
            # row and then waited for the lock held by another publish updating that row (an
            # alias) would deadlock on PostgreSQL.
            lock_feed()
            return execute(self, *args, **kwargs)

    atomic_execute.syndication_atomic = True
    return atomic_execute


def make_page_actions_atomic() -> None:
    """Run Wagtail's page publish, unpublish and move, and a view restriction's save and delete,
    in one transaction with the feed entries their signals record (see "Atomicity" above). Set
    on these classes' methods only."""
    methods = [
        (PublishPageRevisionAction, "execute"),
        (UnpublishPageAction, "execute"),
        (MovePageAction, "execute"),
        (PageViewRestriction, "save"),
        (PageViewRestriction, "delete"),
    ]
    for owner, name in methods:
        method = getattr(owner, name)
        if not getattr(method, "syndication_atomic", False):
            setattr(owner, name, _atomic_execute(method))


def connect_signals() -> None:
    page_published.connect(on_published, dispatch_uid="syndication-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="syndication-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="syndication-moved")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="syndication-deleted")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="syndication-restricted"
    )
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="syndication-unrestricted"
    )
