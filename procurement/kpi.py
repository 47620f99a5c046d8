"""Reads of procurement notices per page and day: the `notice_view` serve event, counted by
cms/page_views.py."""

from __future__ import annotations

from cms.page_views import DailyPageViews
from procurement.models import NoticeDailyStats

notice_views = DailyPageViews("procurement notice views", NoticeDailyStats, "notice")
count_view = notice_views.count_served
