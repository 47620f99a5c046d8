"""Admin registration: synonym sets (snippets) and the search reports."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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

REPORTS = [
    ("queries", admin_views.SearchQueryReportView),
    ("zero_results", admin_views.ZeroResultQueryReportView),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    patterns = []
    for name, view in REPORTS:
        patterns.append(path(f"{name}/", view.as_view(), name=name))
        patterns.append(
            path(f"{name}/results/", view.as_view(results_only=True), name=f"{name}_results")
        )
    return [path("search-reports/", include((patterns, "search_reports")))]


@hooks.register("register_reports_menu_item")
def register_queries_menu_item():
    return MenuItem(
        _("Search queries"), reverse("search_reports:queries"), icon_name="search", order=1100
    )


@hooks.register("register_reports_menu_item")
def register_zero_results_menu_item():
    return MenuItem(
        _("Searches without results"),
        reverse("search_reports:zero_results"),
        icon_name="warning",
        order=1101,
    )
