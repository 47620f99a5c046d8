"""Reads of consultations per page and day (the `consultation_view` serve event, counted by
cms/page_views.py), and the comments received, read from the stored comments themselves."""

from __future__ import annotations

import datetime

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from cms.page_views import DailyPageViews
from consultations.models import ConsultationComment, ConsultationDailyStats

consultation_views = DailyPageViews("consultation views", ConsultationDailyStats, "consultation")
count_view = consultation_views.count_served


def comments_received(start: datetime.date, end: datetime.date) -> Coalesce:
    """For a queryset of consultation pages: the comments received on the consultation, in
    every language, from the first day to the last (days in Riyadh, the site's time zone)."""
    received = (
        ConsultationComment.objects.filter(
            consultation_key=OuterRef("translation_key"), created_at__date__range=(start, end)
        )
        .order_by()
        .values("consultation_key")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(received, output_field=IntegerField()), Value(0))
