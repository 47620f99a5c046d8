""" "Confirm still correct": a review recorded without editing the content.

The page's `last_reviewed` moves on the live row (and on the page object the editor holds) with
an UPDATE, not a new revision: nothing in the content changed, so nothing shows in the page's
history as an edit, and a draft in progress stays as it is. A revision published later cannot move
the date back (reviews/status.keep_latest_review). Visitors see the new date at once: the
content generation is bumped when the transaction commits.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from cms.content_generation import bump_generation
from reviews import status
from reviews.models import ContentReview, ReviewStatus

LOG_ACTION = "mizan.review_confirmed"


class NotReviewable(Exception):
    pass


def confirm_review(page: Page, user) -> ContentReview:
    specific = page.specific
    if not status.is_reviewed(specific):
        raise NotReviewable(page.pk)
    today = timezone.localdate()
    with transaction.atomic():
        current = ReviewStatus.objects.filter(page_id=page.pk).first()
        review = ContentReview.objects.create(
            page_id=page.pk,
            reviewed_by=user if user and user.is_authenticated else None,
            was_due=current.review_by if current else specific.review_by(),
        )
        type(specific).objects.filter(pk=page.pk).update(last_reviewed=today)
        specific.last_reviewed = today
        status.refresh(specific)
        log(instance=specific, action=LOG_ACTION, user=user)
        bump_generation()
    return review
