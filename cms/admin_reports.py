"""Admin reports of an app: their URLs (a page and its results-only variant for the listing's
filters) and their entries in the Reports menu, registered the same way by every app."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@dataclass(frozen=True)
class ReportMenuEntry:
    label: str
    url_name: str  # "namespace:name"
    icon: str
    order: int


def register_reports(
    prefix: str,
    namespace: str,
    reports: Sequence[tuple[str, type]],
    menu: Sequence[ReportMenuEntry],
) -> None:
    """Register `reports` (name, report view class) under /admin/<prefix>/ in `namespace`,
    and one Reports menu item per entry of `menu`."""

    def report_urls() -> list[URLPattern | URLResolver]:
        patterns = []
        for name, view in reports:
            patterns.append(path(f"{name}/", view.as_view(), name=name))
            patterns.append(
                path(f"{name}/results/", view.as_view(results_only=True), name=f"{name}_results")
            )
        return [path(f"{prefix}/", include((patterns, namespace)))]

    hooks.register("register_admin_urls", report_urls)
    for entry in menu:
        hooks.register("register_reports_menu_item", _menu_item(entry))


def _menu_item(entry: ReportMenuEntry):
    def menu_item() -> MenuItem:
        # reverse() waits for the hook to be called: the URLconf is not loaded at import time.
        return MenuItem(
            entry.label, reverse(entry.url_name), icon_name=entry.icon, order=entry.order
        )

    return menu_item
