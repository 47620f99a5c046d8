"""`ReviewedContent`: the review dates of a page that states facts, for partners and our frontend.

Implemented by ServicePage, StandardPage and ContactCentrePage. The dates are worked out from the
page row itself (its `last_reviewed`, its category's interval): asking for them adds no query.
"""

from __future__ import annotations

import graphene
from django.conf import settings
from django.utils import timezone

from cms.graphql.batching import language_code
from cms.graphql.hijri import hijri_beside, hijri_field


class ReviewedContent(graphene.Interface):
    last_reviewed = graphene.Date(
        description="When the owner last confirmed the information (first publication if never)"
    )
    last_reviewed_hijri = hijri_field("lastReviewed")
    review_by = graphene.Date(description="When the information must be confirmed again")
    review_by_hijri = hijri_field("reviewBy")
    review_overdue = graphene.Boolean(
        required=True, description="True once `reviewBy` has passed (Riyadh time)"
    )
    review_notice = graphene.Boolean(
        required=True,
        description="True when the site tells visitors that this information is past its review "
        "date (overdue, and the site's setting for it is on)",
    )

    @staticmethod
    def resolve_last_reviewed(page, info):
        return page.reviewed_on()

    @staticmethod
    def resolve_last_reviewed_hijri(page, info):
        return hijri_beside(page.reviewed_on(), language_code(page.locale_id))

    @staticmethod
    def resolve_review_by(page, info):
        return page.review_by()

    @staticmethod
    def resolve_review_by_hijri(page, info):
        return hijri_beside(page.review_by(), language_code(page.locale_id))

    @staticmethod
    def resolve_review_overdue(page, info):
        due = page.review_by()
        return bool(due and due < timezone.localdate())

    @staticmethod
    def resolve_review_notice(page, info):
        if not getattr(settings, "CONTENT_REVIEW_PUBLIC_NOTICE", False):
            return False
        return ReviewedContent.resolve_review_overdue(page, info)
