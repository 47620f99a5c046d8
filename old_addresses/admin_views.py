"""Editors' side of old addresses: import the old site's map, the "not found" report, and
"Create redirect" from one of its rows."""

from __future__ import annotations

import os

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.redirects.forms import RedirectForm
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import Site
from wagtail.permissions import policy_registry

from old_addresses import importing
from old_addresses.lookup import lookup_key
from old_addresses.models import MissingPath, MissingReferrer

TOP_REFERRERS = 3
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def redirect_policy():
    return policy_registry.get_by_type(Redirect)


def _require(request, action: str) -> None:
    if not redirect_policy().user_has_permission(request.user, action):
        raise PermissionDenied


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Address map (CSV, TSV or XLSX)"),
        help_text=_(
            "A header row, then one row per old address: the old address (a path or a full "
            "address of the old site) and the new one (a path of this site or a web address)."
        ),
    )
    site = forms.ModelChoiceField(
        label=_("From site"),
        queryset=Site.objects.all(),
        required=False,
        empty_label=_("All sites"),
    )
    permanent = forms.BooleanField(
        label=_("Permanent (301)"),
        required=False,
        initial=True,
        help_text=_("Recommended: search engines then move the old address's standing."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
        if extension not in importing.FORMATS:
            raise forms.ValidationError(_("Use a CSV, TSV or XLSX file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def import_view(request):
    _require(request, "add")
    result = errors = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        extension = os.path.splitext(upload.name)[1]
        try:
            result = importing.import_bytes(
                upload.read(),
                extension,
                site=form.cleaned_data["site"],
                permanent=form.cleaned_data["permanent"],
                user=request.user,
            )
        except importing.ImportRefused as refused:
            errors = refused.errors
        else:
            messages.success(
                request,
                _(
                    "Imported %(rows)d rows: %(created)d new redirects, %(updated)d changed, "
                    "%(unchanged)d already there, %(collapsed)d older redirects pointed past a "
                    "chain."
                )
                % vars(result),
            )
            return redirect("wagtailredirects:index")
    status = 400 if errors or (request.method == "POST" and not form.is_valid()) else 200
    return TemplateResponse(
        request,
        "old_addresses/import.html",
        {
            "form": form,
            "errors": errors,
            "page_title": _("Import old addresses"),
            "header_title": _("Import old addresses"),
            "header_icon": "redirect",
        },
        status=status,
    )


class MissingFilterSet(WagtailFilterSet):
    path = django_filters.CharFilter(label=_("Address contains"), lookup_expr="icontains")

    class Meta:
        model = MissingPath
        fields = ["path"]


class CreateRedirectColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a class="button button-small button-secondary" href="{}">{}</a>',
            reverse("old_addresses:create_redirect", args=[instance.pk]),
            _("Create redirect"),
        )


class MissingReportView(ReportView):
    page_title = _("Addresses not found")
    header_icon = "warning"
    index_url_name = "old_addresses_reports:missing"
    index_results_url_name = "old_addresses_reports:missing_results"
    filterset_class = MissingFilterSet
    model = MissingPath
    default_ordering = "-hits"
    any_permission_required = ["add", "change"]
    columns = [
        Column("path", label=_("Address"), sort_key="path"),
        NumberColumn("hits", label=_("Requests"), sort_key="hits"),
        Column("referrers_text", label=_("Came from")),
        DateColumn("last_seen", label=_("Last seen"), sort_key="last_seen"),
        CreateRedirectColumn("create", label=_("Action")),
    ]
    list_export = ["path", "hits", "referrers_text", "first_seen", "last_seen"]
    export_headings = {
        "path": _("Address"),
        "hits": _("Requests"),
        "referrers_text": _("Came from"),
        "first_seen": _("First seen"),
        "last_seen": _("Last seen"),
    }

    @property
    def permission_policy(self):
        return redirect_policy()

    def get_filename(self) -> str:
        return f"addresses-not-found-{timezone.localdate().isoformat()}"

    def get_base_queryset(self):
        return MissingPath.objects.prefetch_related(
            Prefetch("referrers", queryset=MissingReferrer.objects.order_by("-hits", "referrer"))
        )

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or "-hits", "path")

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        for row in rows:
            top = list(row.referrers.all())[:TOP_REFERRERS]
            row.referrers_text = " · ".join(
                f"{r.referrer or _('(typed or bookmarked)')} ({r.hits})" for r in top
            )
        return rows


def create_redirect(request, missing_id: int):
    """A redirect for a missing address: the old address filled in, the editor picks a page."""
    _require(request, "add")
    missing = get_object_or_404(MissingPath, pk=missing_id)
    form = RedirectForm(
        request.POST or None, initial={"old_path": missing.path, "is_permanent": True}
    )
    if request.method == "POST" and form.is_valid():
        created = form.save()
        log(instance=created, action="wagtail.create", user=request.user)
        MissingPath.objects.filter(key=lookup_key(created.old_path)).delete()
        messages.success(request, _("Redirect created for %(path)s.") % {"path": created.old_path})
        return redirect("old_addresses_reports:missing")
    return TemplateResponse(
        request,
        "old_addresses/create_redirect.html",
        {
            "form": form,
            "missing": missing,
            "page_title": _("Create redirect"),
            "header_title": _("Create redirect"),
            "header_icon": "redirect",
            "media": form.media,
        },
        status=400 if request.method == "POST" else 200,
    )
