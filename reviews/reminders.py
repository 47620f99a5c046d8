"""Reminder e-mails to a page's owner group: a week before its review-by date and on the day.

`send_due_reminders` runs every minute on the background worker (cms/background.py). A reminder
is claimed by inserting its `ReviewReminder` row (unique per page, review date and kind) before
the mail leaves: a second worker, a second tick or a restart finds the row and sends nothing. A
send that fails gives the claim back, so the next minute tries again. A reminder missed while the
worker was stopped is sent when it starts again, if its date has not passed the next one.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from cms.content_generation import bump_generation
from reviews import status
from reviews.models import ReviewReminder, ReviewStatus

logger = logging.getLogger("mizan.reviews")

WEEK = datetime.timedelta(days=7)
# Reminders about dates further back than this are not sent (e.g. on the first deploy).
LATE_LIMIT = datetime.timedelta(days=30)


def _claim(row: ReviewStatus, kind: str) -> ReviewReminder | None:
    try:
        with transaction.atomic():
            return ReviewReminder.objects.create(
                page_id=row.page_id, review_by=row.review_by, kind=kind
            )
    except IntegrityError:
        return None


def owner_addresses(group_id: int) -> list[str]:
    users = get_user_model().objects.filter(groups__id=group_id, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _admin_url(path: str) -> str:
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    return base + path


def _message(kind: str, pages: list[ReviewStatus]) -> tuple[str, str]:
    """Subject and body, in Arabic then English (staff read either)."""
    parts: list[str] = []
    subject = ""
    for language in ("ar", "en"):
        with translation.override(language):
            if kind == ReviewReminder.WEEK_BEFORE:
                heading = ngettext(
                    "%(count)d page is due for review in a week",
                    "%(count)d pages are due for review in a week",
                    len(pages),
                ) % {"count": len(pages)}
            else:
                heading = ngettext(
                    "%(count)d page is due for review today",
                    "%(count)d pages are due for review today",
                    len(pages),
                ) % {"count": len(pages)}
            subject = subject or heading
            lines = [heading, ""]
            for row in pages:
                lines.append(
                    gettext("%(title)s: review by %(date)s")
                    % {"title": row.page.title, "date": row.review_by.isoformat()}
                )
                lines.append(
                    "  " + _admin_url(reverse("wagtailadmin_pages:edit", args=[row.page_id]))
                )
            lines += [
                "",
                gettext(
                    'Check the information and choose "Confirm still correct", or edit the page.'
                ),
                _admin_url(reverse("content_reviews:due")),
                "",
            ]
            parts.append("\n".join(lines))
    return subject, "\n".join(parts)


def _due(today: datetime.date, kind: str):
    live = ReviewStatus.objects.filter(live=True, review_by__isnull=False).select_related("page")
    if kind == ReviewReminder.WEEK_BEFORE:
        # From a week before until the day before (a worker stopped that day still sends it).
        return live.filter(review_by__gt=today, review_by__lte=today + WEEK)
    return live.filter(review_by__lte=today, review_by__gte=today - LATE_LIMIT)


def send_due_reminders(today: datetime.date | None = None) -> int:
    """Send what is due now; the number of e-mails sent."""
    today = today or timezone.localdate()
    for page in status.missing_pages():
        status.refresh(page)
    sent = 0
    became_overdue = False
    for kind in (ReviewReminder.WEEK_BEFORE, ReviewReminder.ON_THE_DAY):
        claimed = ReviewReminder.objects.filter(kind=kind).filter(
            Q(page_id__in=_due(today, kind).values("page_id"))
        )
        already = set(claimed.values_list("page_id", "review_by"))
        by_owner: dict[int | None, list[tuple[ReviewStatus, ReviewReminder]]] = defaultdict(list)
        for row in _due(today, kind):
            if (row.page_id, row.review_by) in already:
                continue
            reminder = _claim(row, kind)
            if reminder is None:
                continue  # another worker claimed it first
            by_owner[row.owner_id].append((row, reminder))
            became_overdue = became_overdue or kind == ReviewReminder.ON_THE_DAY
        for owner_id, items in by_owner.items():
            addresses = owner_addresses(owner_id) if owner_id else []
            if not addresses:
                # Nobody to tell: the report shows the page under "no owner". Claimed anyway.
                continue
            subject, body = _message(kind, [row for row, _reminder in items])
            try:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
            except Exception:
                logger.exception(
                    "Review reminder to group %s failed; retried next minute", owner_id
                )
                ReviewReminder.objects.filter(pk__in=[r.pk for _row, r in items]).delete()
                continue
            ReviewReminder.objects.filter(pk__in=[r.pk for _row, r in items]).update(
                recipients=len(addresses)
            )
            sent += 1
    if became_overdue and getattr(settings, "CONTENT_REVIEW_PUBLIC_NOTICE", False):
        # Pages and answers stored before today say "not overdue": let them go.
        bump_generation()
    return sent
