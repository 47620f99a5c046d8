"""The editors' search report: what visitors search for, and what finds nothing, per language."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import F, Max, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cms.admin_reports import PERIODS, ReportPeriodMixin, day_text
from search.models import SearchQueryDay

LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LANGUAGE_NAMES = dict(LANGUAGES)


class SearchQueryFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=LANGUAGES, method="filter_language"
    )
    period = django_filters.ChoiceFilter(
        label=_("Period"), choices=PERIODS, empty_label=None, method="keep"
    )

    class Meta:
        model = SearchQueryDay
        fields: list[str] = []

    def filter_language(self, queryset, name, value):
        return queryset.filter(language_code=value) if value else queryset

    def keep(self, queryset, name, value):
        return queryset  # the view reads the period: counts are summed over it


class SearchQueryReportView(ReportPeriodMixin, ReportView):
    """Queries with their searches over a period, most searched first."""

    page_title = _("Search queries")
    header_icon = "search"
    index_url_name = "search_reports:queries"
    index_results_url_name = "search_reports:queries_results"
    filterset_class = SearchQueryFilterSet
    model = SearchQueryDay
    only_zero_results = False
    any_permission_required = ["add", "change", "publish"]
    columns = [
        Column("shown_query", label=_("Query")),
        Column(
            "language_code",
            label=_("Language"),
            sort_key="language_code",
            accessor=lambda row: LANGUAGE_NAMES.get(row["language_code"], row["language_code"]),
        ),
        NumberColumn("total_searches", label=_("Searches")),
        NumberColumn("total_zero_results", label=_("Found nothing")),
        Column("zero_share", label=_("Share found nothing")),
        Column(
            "last_searched",
            label=_("Last searched"),
            accessor=lambda row: day_text(row["last_searched"]),
        ),
    ]
    list_export = [
        "shown_query",
        "query",
        "language_code",
        "total_searches",
        "total_zero_results",
        "last_searched",
    ]
    export_headings = {
        "shown_query": _("Query"),
        "query": _("Counted as"),
        "language_code": _("Language"),
        "total_searches": _("Searches"),
        "total_zero_results": _("Found nothing"),
        "last_searched": _("Last searched"),
    }

    @cached_property
    def permission_policy(self):
        # Open to anyone who may edit pages: the counts are anonymous.
        return policy_registry.get_by_type(Page)

    def get_filename(self) -> str:
        kind = "zero-result-queries" if self.only_zero_results else "search-queries"
        return f"{kind}-{self.days}-days-{timezone.localdate().isoformat()}"

    def get_base_queryset(self) -> QuerySet:
        since = timezone.localdate() - datetime.timedelta(days=self.days - 1)
        return (
            SearchQueryDay.objects.filter(date__gte=since)
            .values("language_code", "query")
            .annotate(
                total_searches=Sum("searches"),
                total_zero_results=Sum("zero_results"),
                last_searched=Max("date"),
                # One spelling of those counted together; rows counted before spellings were kept
                # have none and show the counted form.
                shown_query=Coalesce(NullIf(Max("typed"), Value("")), F("query")),
            )
        )

    def order_queryset(self, queryset):
        if self.only_zero_results:
            return queryset.order_by("-total_zero_results", "-total_searches", "query")
        return queryset.order_by("-total_searches", "query")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.only_zero_results:
            queryset = queryset.filter(total_zero_results__gt=0)
        return queryset

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        for row in rows:
            share = (
                row["total_zero_results"] / row["total_searches"] if row["total_searches"] else 0
            )
            row["zero_share"] = f"{share * 100:.0f}%"
        return rows


class ZeroResultQueryReportView(SearchQueryReportView):
    """Queries that found nothing: words to add as synonyms, or content to write."""

    page_title = _("Searches without results")
    index_url_name = "search_reports:zero_results"
    index_results_url_name = "search_reports:zero_results_results"
    only_zero_results = True
