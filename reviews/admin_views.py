"""Editors' side of content reviews: the due/overdue report, "Confirm still correct", the
dashboard panel of the editor's own groups."""

from __future__ import annotations

import datetime

import django_filters
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from reviews.actions import confirm_review
from reviews.models import ReviewStatus
from reviews.status import is_reviewed
from services_catalog.admin_views import PagePermissionMixin, category_choices, language_choices

OVERDUE, DUE_SOON, ALL = "overdue", "due", "all"
DUE_SOON_DAYS = 30
STATES = [
    (OVERDUE, _("Overdue")),
    (DUE_SOON, _("Due within 30 days or overdue")),
    (ALL, _("All pages with an owner or a date")),
]
NO_OWNER = "none"


def owner_choices() -> list[tuple[str, str]]:
    return [(NO_OWNER, _("No owner"))] + [
        (str(pk), name) for pk, name in Group.objects.order_by("name").values_list("pk", "name")
    ]


def state_of(row: ReviewStatus, today: datetime.date) -> str:
    if row.review_by is None:
        return ""
    if row.review_by < today:
        return str(_("Overdue"))
    if row.review_by == today:
        return str(_("Due today"))
    return str(_("Due soon")) if row.review_by <= today + datetime.timedelta(30) else ""


class ReviewFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Review"), choices=STATES, empty_label=None, method="filter_state"
    )
    owner = django_filters.ChoiceFilter(
        label=_("Content owner"), choices=owner_choices, method="filter_owner"
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=category_choices, field_name="category_slug"
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=language_choices, field_name="locale__language_code"
    )

    class Meta:
        model = ReviewStatus
        fields: list[str] = []

    def filter_state(self, queryset, name, value):
        return due_queryset(queryset, value or DUE_SOON)

    def filter_owner(self, queryset, name, value):
        if value == NO_OWNER:
            return queryset.filter(owner__isnull=True)
        return queryset.filter(owner_id=value) if value and value.isdigit() else queryset


def due_queryset(queryset, state: str, today: datetime.date | None = None):
    today = today or timezone.localdate()
    if state == OVERDUE:
        return queryset.filter(review_by__lt=today)
    if state == ALL:
        return queryset
    return queryset.filter(review_by__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))


class ConfirmColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a class="button button-small button-secondary" href="{}?next={}">{}</a>',
            reverse("content_reviews_confirm:confirm", args=[instance.page_id]),
            reverse("content_reviews:due"),
            _("Confirm still correct"),
        )


class ReviewReportView(PagePermissionMixin, ReportView):
    page_title = _("Content reviews due")
    header_icon = "calendar-check"
    index_url_name = "content_reviews:due"
    index_results_url_name = "content_reviews:due_results"
    filterset_class = ReviewFilterSet
    model = ReviewStatus
    default_ordering = "review_by"
    columns = [
        TitleColumn(
            "title",
            label=_("Page"),
            url_name="wagtailadmin_pages:edit",
            id_accessor="page_id",
        ),
        Column("language", label=_("Language")),
        Column("owner_name", label=_("Content owner")),
        Column("category_slug", label=_("Category"), sort_key="category_slug"),
        DateColumn("last_reviewed", label=_("Last reviewed"), sort_key="last_reviewed"),
        DateColumn("review_by", label=_("Review by"), sort_key="review_by"),
        Column("state", label=_("State")),
        ConfirmColumn("confirm", label=_("Action")),
    ]
    list_export = [
        "page_id",
        "title",
        "language",
        "owner_name",
        "category_slug",
        "last_reviewed",
        "review_by",
        "state",
        "url",
    ]
    export_headings = {
        "page_id": _("Page ID"),
        "title": _("Page"),
        "language": _("Language"),
        "owner_name": _("Content owner"),
        "category_slug": _("Category"),
        "last_reviewed": _("Last reviewed"),
        "review_by": _("Review by"),
        "state": _("State"),
        "url": _("Address"),
    }

    def get_filename(self) -> str:
        return f"content-reviews-{timezone.localdate().isoformat()}"

    def get_base_queryset(self):
        queryset = ReviewStatus.objects.filter(live=True, review_by__isnull=False).select_related(
            "page", "owner", "locale"
        )
        # The filter's default ("due within 30 days or overdue") applies on first load too.
        if not self.request.GET.get("state"):
            queryset = due_queryset(queryset, DUE_SOON)
        return queryset

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or "review_by", "page_id")

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        rows = list(object_list)
        for row in rows:
            row.title = row.page.title
            row.language = row.locale.language_code
            row.owner_name = row.owner.name if row.owner else _("No owner")
            row.state = state_of(row, today)
            row.url = row.page.url or ""
        return rows


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_http_methods(["GET", "POST"])
def confirm(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    back = _safe_next(request, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    if not is_reviewed(page):
        messages.error(request, _("This page type has no review date."))
        return redirect(back)
    if request.method == "POST":
        confirm_review(page, request.user)
        messages.success(
            request,
            _("%(title)s: confirmed as still correct. Next review by %(date)s.")
            % {"title": page.title, "date": ReviewStatus.objects.get(page_id=page.pk).review_by},
        )
        return redirect(back)
    return TemplateResponse(
        request,
        "reviews/confirm.html",
        {
            "page": page,
            "status": ReviewStatus.objects.filter(page_id=page.pk).first(),
            "next": back,
            "page_title": _("Confirm still correct"),
            "header_title": _("Confirm still correct"),
        },
    )


class MyReviewsPanel(Component):
    """Dashboard: pages of the editor's own groups that are overdue or due within 30 days."""

    name = "content_reviews"
    template_name = "reviews/dashboard_panel.html"
    order = 150
    LIMIT = 10

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        groups = self.request.user.groups.values("pk")
        rows = list(
            due_queryset(
                ReviewStatus.objects.filter(live=True, owner__in=groups, review_by__isnull=False),
                DUE_SOON,
            )
            .select_related("page", "owner")
            .order_by("review_by", "page_id")[: self.LIMIT]
        )
        for row in rows:
            row.state = state_of(row, today)
        return {"rows": rows, "report_url": reverse("content_reviews:due")}
