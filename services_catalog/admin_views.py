"""Editors' views: the services listing, and reports on KPIs, translations and visitor feedback."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import (
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.models import StringSegment, StringTranslation

from cms.admin_reports import PERIODS, ReportPeriodMixin, day_text
from services_catalog.models import (
    Audience,
    FeedbackReason,
    ServiceCategory,
    ServiceDailyStats,
    ServiceFeedback,
    ServicePage,
    ServiceStatus,
)
from services_catalog.models.fields import has_member

SOURCE_LANGUAGE = "ar"
TRANSLATION_LANGUAGE = "en"


def category_choices() -> list[tuple[str, str]]:
    """Categories by slug (the same in every language), named in the editor's language."""
    language = (get_language() or SOURCE_LANGUAGE)[:2]
    names: dict[str, str] = {}
    for slug, name, code in ServiceCategory.objects.values_list(
        "slug", "name", "locale__language_code"
    ):
        if slug not in names or code == language:
            names[slug] = name
    return sorted(names.items(), key=lambda item: item[1])


def language_choices() -> list[tuple[str, str]]:
    return [("ar", _("Arabic")), ("en", _("English"))]


# -- translation state ------------------------------------------------------------------------


MISSING, OUTDATED = "missing", "outdated"
TRANSLATION_STATES = [(MISSING, _("English missing")), (OUTDATED, _("English out of date"))]


def with_translation_state(queryset: QuerySet) -> QuerySet:
    """Annotate source-language services with what is known of their English version.

    `english_published_at`: when the English page was last published. `has_untranslated`: the
    wagtail-localize source of the service holds strings with no English translation, which is
    what an editor's "sync" leaves behind when the Arabic text changed.
    """
    # An alias (wagtail-localize's tree sync) holds the Arabic text: it is not a translation.
    english = Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=TRANSLATION_LANGUAGE,
        alias_of__isnull=True,
    )
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale__language_code=TRANSLATION_LANGUAGE,
        has_error=False,
    )
    untranslated = StringSegment.objects.filter(
        source__object_id=OuterRef("translation_key"), source__locale_id=OuterRef("locale_id")
    ).exclude(Exists(translated))
    return queryset.annotate(
        has_english=Exists(english),
        english_published_at=Subquery(english.values("last_published_at")[:1]),
        has_untranslated=Exists(untranslated),
    )


def needing_translation(queryset: QuerySet, state: str | None = None) -> QuerySet:
    """Services whose English version is missing, unpublished, older than the source, or has
    strings still waiting for translation."""
    queryset = with_translation_state(queryset.filter(locale__language_code=SOURCE_LANGUAGE))
    missing = Q(has_english=False) | Q(english_published_at__isnull=True)
    outdated = Q(has_english=True, english_published_at__isnull=False) & (
        Q(english_published_at__lt=F("last_published_at")) | Q(has_untranslated=True)
    )
    if state == MISSING:
        return queryset.filter(missing)
    if state == OUTDATED:
        return queryset.filter(outdated)
    return queryset.filter(missing | outdated)


# -- the services listing -----------------------------------------------------------------------


class ServiceFilterSet(PageFilterSet):
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=category_choices, method="filter_category"
    )
    audience = django_filters.ChoiceFilter(
        label=_("Audience"), choices=Audience.choices, method="filter_audience"
    )
    service_status = django_filters.MultipleChoiceFilter(
        label=_("Service status"),
        field_name="status",
        choices=ServiceStatus.choices,
        widget=django_filters.widgets.forms.CheckboxSelectMultiple,
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=language_choices, field_name="locale__language_code"
    )
    translation = django_filters.ChoiceFilter(
        label=_("Translation"), choices=TRANSLATION_STATES, method="filter_translation"
    )

    class Meta:
        model = ServicePage
        fields: list[str] = []

    def filter_category(self, queryset, name, value):
        return queryset.filter(category__slug=value) if value else queryset

    def filter_audience(self, queryset, name, value):
        return queryset.filter(has_member("audiences", value)) if value else queryset

    def filter_translation(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            pk__in=needing_translation(ServicePage.objects.all(), value).values("pk")
        )


class ServiceIndexView(IndexView):
    default_ordering = "code"


class ServiceListingViewSet(PageListingViewSet):
    """Every service in one flat list, with filters by category, audience, status and language."""

    model = ServicePage
    icon = "list-ul"
    menu_label = _("Services")
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = ServiceIndexView
    filterset_class = ServiceFilterSet
    columns = [
        *PageListingViewSet.columns[:2],
        Column("code", label=_("Code"), sort_key="code", width="12%"),
        Column("category", label=_("Category"), accessor="category"),
        Column(
            "service_status",
            label=_("Service status"),
            accessor="get_status_display",
            sort_key="status",
            width="12%",
        ),
        *PageListingViewSet.columns[3:],
    ]


# -- KPI report ---------------------------------------------------------------------------------


class ServiceKpiFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Period"), choices=PERIODS, empty_label=None, method="keep"
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=category_choices, method="filter_category"
    )
    # Named `locale` so that Wagtail adds no "Locale" filter of its own beside it: on this
    # report the language only chooses the names shown (counts cover every language).
    locale = django_filters.ChoiceFilter(
        label=_("Names in"), choices=language_choices, empty_label=None, method="keep"
    )

    class Meta:
        model = ServicePage
        fields: list[str] = []

    def keep(self, queryset, name, value):
        return queryset  # read by the view, which sums the counters over the period

    def filter_category(self, queryset, name, value):
        return queryset.filter(category__slug=value) if value else queryset


def _sum(counter: str, start: datetime.date, end: datetime.date) -> Coalesce:
    stats = (
        ServiceDailyStats.objects.filter(service_code=OuterRef("code"), day__range=(start, end))
        .order_by()
        .values("service_code")
        .annotate(total=Sum(counter))
        .values("total")
    )
    return Coalesce(Subquery(stats, output_field=IntegerField()), Value(0))


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


class PagePermissionMixin:
    """Reports are open to anyone who may edit or publish pages."""

    any_permission_required = ["add", "change", "publish"]

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)


class ServiceKpiReportView(PagePermissionMixin, ReportPeriodMixin, ReportView):
    page_title = _("Service KPIs")
    header_icon = "view"
    index_url_name = "services_catalog_reports:kpis"
    index_results_url_name = "services_catalog_reports:kpis_results"
    filterset_class = ServiceKpiFilterSet
    model = ServicePage
    default_ordering = "-views"
    columns = [
        TitleColumn("title", label=_("Service"), url_name="wagtailadmin_pages:edit"),
        Column("code", label=_("Code"), sort_key="code"),
        Column("category_name", label=_("Category")),
        NumberColumn("views", label=_("Views"), sort_key="views"),
        NumberColumn("starts", label=_("Starts"), sort_key="starts"),
        Column("start_rate_text", label=_("Start rate")),
        Column("satisfaction_text", label=_("Found it useful"), sort_key="useful_yes"),
        Column("trend_text", label=_("Views trend")),
    ]
    list_export = [
        "code",
        "title",
        "category_name",
        "views",
        "starts",
        "start_rate",
        "useful_yes",
        "useful_no",
        "satisfaction_rate",
        "previous_views",
        "trend",
    ]
    export_headings = {
        "code": _("Code"),
        "title": _("Service"),
        "category_name": _("Category"),
        "views": _("Views"),
        "starts": _("Starts"),
        "start_rate": _("Start rate"),
        "useful_yes": _("Useful: yes"),
        "useful_no": _("Useful: no"),
        "satisfaction_rate": _("Satisfaction rate"),
        "previous_views": _("Views in the previous period"),
        "trend": _("Views trend"),
    }

    @cached_property
    def language(self) -> str:
        value = self.request.GET.get("locale", "")
        return value if value in dict(language_choices()) else SOURCE_LANGUAGE

    def get_filename(self) -> str:
        return f"service-kpis-{self.days}-days-{timezone.localdate().isoformat()}"

    def get_base_queryset(self):
        end = timezone.localdate()
        start = end - datetime.timedelta(days=self.days - 1)
        previous_end = start - datetime.timedelta(days=1)
        previous_start = previous_end - datetime.timedelta(days=self.days - 1)
        return (
            ServicePage.objects.filter(locale__language_code=self.language, alias_of__isnull=True)
            .select_related("category")
            .annotate(
                views=_sum("views", start, end),
                starts=_sum("starts", start, end),
                useful_yes=_sum("useful_yes", start, end),
                useful_no=_sum("useful_no", start, end),
                previous_views=_sum("views", previous_start, previous_end),
                category_name=F("category__name"),
            )
        )

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or "-views", "code")

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        for row in rows:
            answers = row.useful_yes + row.useful_no
            row.satisfaction_rate = round(row.useful_yes / answers, 4) if answers else None
            row.start_rate = round(row.starts / row.views, 4) if row.views else None
            row.trend = (
                round((row.views - row.previous_views) / row.previous_views, 4)
                if row.previous_views
                else None
            )
            row.satisfaction_text = _percent(row.satisfaction_rate)
            row.start_rate_text = _percent(row.start_rate)
            row.trend_text = (
                ("+" if row.trend > 0 else "") + _percent(row.trend)
                if row.trend is not None
                else ""
            )
        return rows


# -- translation report -------------------------------------------------------------------------


class TranslationFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Translation"), choices=TRANSLATION_STATES, method="keep"
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=category_choices, method="filter_category"
    )

    class Meta:
        model = ServicePage
        fields: list[str] = []

    def keep(self, queryset, name, value):
        return queryset

    def filter_category(self, queryset, name, value):
        return queryset.filter(category__slug=value) if value else queryset


class ServiceTranslationReportView(PagePermissionMixin, ReportView):
    page_title = _("Services needing English")
    header_icon = "globe"
    index_url_name = "services_catalog_reports:translations"
    index_results_url_name = "services_catalog_reports:translations_results"
    filterset_class = TranslationFilterSet
    model = ServicePage
    default_ordering = "code"
    columns = [
        TitleColumn("title", label=_("Service"), url_name="wagtailadmin_pages:edit"),
        Column("code", label=_("Code"), sort_key="code"),
        Column("state_label", label=_("English version")),
        DateColumn("last_published_at", label=_("Arabic published"), sort_key="last_published_at"),
        DateColumn("english_published_at", label=_("English published")),
    ]
    list_export = ["code", "title", "state", "last_published_at", "english_published_at"]
    export_headings = {
        "code": _("Code"),
        "title": _("Service"),
        "state": _("English version"),
        "last_published_at": _("Arabic published"),
        "english_published_at": _("English published"),
    }

    def get_base_queryset(self):
        state = self.request.GET.get("state") or None
        if state not in (None, MISSING, OUTDATED):
            state = None
        return needing_translation(ServicePage.objects.all(), state)

    def decorate_paginated_queryset(self, object_list):
        labels = dict(TRANSLATION_STATES)
        rows = list(object_list)
        for row in rows:
            row.state = MISSING if not row.has_english or not row.english_published_at else OUTDATED
            row.state_label = labels[row.state]
        return rows


# -- visitor feedback -----------------------------------------------------------------------------


class FeedbackFilterSet(WagtailFilterSet):
    service_code = django_filters.CharFilter(label=_("Service code"), lookup_expr="iexact")
    useful = django_filters.BooleanFilter(label=_("Found it useful"))
    reason = django_filters.ChoiceFilter(label=_("Reason"), choices=FeedbackReason.choices)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=language_choices)

    class Meta:
        model = ServiceFeedback
        fields = ["service_code", "useful", "reason", "language"]


class ServiceFeedbackReportView(PagePermissionMixin, ReportView):
    """Visitors' answers with reasons and (redacted) comments: read-only."""

    page_title = _("Visitor feedback on services")
    header_icon = "comment"
    index_url_name = "services_catalog_reports:feedback"
    index_results_url_name = "services_catalog_reports:feedback_results"
    filterset_class = FeedbackFilterSet
    model = ServiceFeedback
    default_ordering = "-day"
    columns = [
        Column("day", label=_("Day"), sort_key="day", accessor=lambda row: day_text(row.day)),
        Column("service_code", label=_("Code"), sort_key="service_code"),
        Column(
            "language",
            label=_("Language"),
            accessor=lambda row: dict(language_choices()).get(row.language, row.language),
        ),
        Column("useful_text", label=_("Found it useful")),
        Column("reason_label", label=_("Reason")),
        Column("comment", label=_("Comment")),
    ]
    list_export = ["day", "service_code", "language", "useful", "reason", "comment"]

    def get_base_queryset(self):
        return ServiceFeedback.objects.all()

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        for row in rows:
            row.useful_text = _("Yes") if row.useful else _("No")
            row.reason_label = row.get_reason_display()
        return rows
