"""Admin registration: synonym sets (snippets) and the search reports."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.admin_reports import ReportMenuEntry, register_reports
from search import admin_views
from search.models import SynonymSet


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["__str__", "locale", "updated_at"]
    list_filter = ["locale"]
    search_fields = ["terms"]
    ordering = ["locale", "terms"]


register_snippet(SynonymSetViewSet)

register_reports(
    "search-reports",
    "search_reports",
    [
        ("queries", admin_views.SearchQueryReportView),
        ("zero_results", admin_views.ZeroResultQueryReportView),
    ],
    [
        ReportMenuEntry(_("Search queries"), "search_reports:queries", "search", 1100),
        ReportMenuEntry(
            _("Searches without results"), "search_reports:zero_results", "warning", 1101
        ),
    ],
)
