"""Turn GraphQL data into an HTML response: page-type registry, shared context, security headers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, gettext

from cms.page_cache import mark_public
from frontend import display

LANGUAGES = ("ar", "en")
OG_LOCALES = {"ar": "ar_SA", "en": "en_GB"}

# __typename from the API -> template. Unknown types use the generic page template.
PAGE_TEMPLATES = {
    "HomePage": "pages/HomePage.html",
    "StandardPage": "pages/StandardPage.html",
    "NewsIndexPage": "pages/NewsIndexPage.html",
    "NewsArticlePage": "pages/NewsArticlePage.html",
    "ContactCentrePage": "pages/ContactCentrePage.html",
    "ServiceIndexPage": "pages/ServiceIndexPage.html",
    "ServicePage": "pages/ServicePage.html",
    "RegulationIndexPage": "pages/RegulationIndexPage.html",
    "RegulationPage": "pages/RegulationPage.html",
    "PublicationIndexPage": "pages/PublicationIndexPage.html",
    "PublicationPage": "pages/PublicationPage.html",
    "BudgetYearPage": "pages/BudgetYearPage.html",
    "OrganisationPage": "pages/OrganisationPage.html",
    "GovernmentEntitiesPage": "pages/GovernmentEntitiesPage.html",
    "ProcurementIndexPage": "pages/ProcurementIndexPage.html",
    "ProcurementNoticePage": "pages/ProcurementNoticePage.html",
    "ConsultationIndexPage": "pages/ConsultationIndexPage.html",
    "ConsultationPage": "pages/ConsultationPage.html",
}
GENERIC_PAGE_TEMPLATE = "pages/GenericPage.html"

# No inline script or style anywhere (JSON-LD is data, not script); nothing from another host.
# Sent only when the project has no CSP middleware (the frontend running on its own); otherwise
# the project's policy (django-csp) applies, one source of truth.
CSP_MIDDLEWARE = "csp.middleware.CSPMiddleware"
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def template_for(typename: str) -> str:
    return PAGE_TEMPLATES.get(typename, GENERIC_PAGE_TEMPLATE)


def current_language() -> str:
    language = (get_language() or "ar")[:2]
    return language if language in LANGUAGES else "ar"


def other_language(language: str) -> str:
    return "en" if language == "ar" else "ar"


def absolute(request: HttpRequest, url: str | None) -> str:
    return request.build_absolute_uri(url or "/")


def alternates_for(request: HttpRequest, page: dict[str, Any] | None) -> list[dict[str, str]]:
    """hreflang alternates: the page itself and each of its published translations."""
    if not page or not page.get("url"):
        return []
    found = {page["locale"]: page["url"]}
    for translation in page.get("translations") or []:
        if translation.get("url"):
            found[translation["locale"]] = translation["url"]
    return [
        {"locale": code, "href": absolute(request, found[code])}
        for code in LANGUAGES
        if code in found
    ]


def language_switch(
    page: dict[str, Any] | None, language: str, fallback_path: str | None = None
) -> dict[str, str]:
    """The other language's version of this page; its home page when there is no translation."""
    target = other_language(language)
    url = f"/{target}/"
    if fallback_path:
        url = fallback_path
    for translation in (page or {}).get("translations") or []:
        if translation.get("locale") == target and translation.get("url"):
            url = translation["url"]
    return {
        "language": target,
        "url": url,
        "label": "English" if target == "en" else "العربية",
    }


def breadcrumbs(page: dict[str, Any] | None) -> list[dict[str, str]]:
    if not page:
        return []
    return [{"title": a["title"], "url": a["url"]} for a in page.get("ancestors") or []]


def home_crumb(data: dict[str, Any], language: str) -> dict[str, str]:
    """The first breadcrumb of pages that are not Wagtail pages (search, 404)."""
    home = data.get("home") or {}
    return {"title": home.get("title") or gettext("Home"), "url": f"/{language}/"}


def editor_of(request: HttpRequest) -> dict[str, str] | None:
    """The signed-in editor, for the "edit this page" bar; None for every visitor.

    Only a request with a session can be an editor: the session is not even loaded otherwise.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return None
    return {"name": user.get_full_name() or user.get_username()}


def base_context(
    request: HttpRequest,
    data: dict[str, Any] | None,
    page: dict[str, Any] | None = None,
    *,
    title: str = "",
    switch_path: str | None = None,
    canonical_path: str | None = None,
) -> dict[str, Any]:
    """What base.html needs on every page: shell, language links, canonical URL, display prefs."""
    language = current_language()
    data = data or {}
    site_settings = data.get("siteSettings") or {}
    canonical = absolute(request, canonical_path or (page or {}).get("url") or request.path)
    return {
        "language": language,
        "page": page,
        "page_title": title or (page or {}).get("seoTitle") or (page or {}).get("title") or "",
        "main_menu": data.get("mainMenu"),
        "footer_menu": data.get("footerMenu"),
        "site": site_settings,
        "home_url": f"/{language}/",
        "canonical": canonical,
        "alternates": alternates_for(request, page),
        "og_locale": OG_LOCALES[language],
        "og_locale_alternate": OG_LOCALES[other_language(language)],
        "switch": language_switch(page, language, switch_path),
        "breadcrumbs": breadcrumbs(page) if page else [home_crumb(data, language)],
        "current_crumb": {
            "title": (page or {}).get("title") or title,
            "url": (page or {}).get("url") or request.path,
        },
        "display": display.preferences(request),
        "editor": editor_of(request),
        "current_path": request.get_full_path(),
    }


def fixed_route_context(
    request: HttpRequest,
    data: dict[str, Any] | None,
    path: str,
    title: str,
    parent: dict[str, str] | None = None,
) -> dict[str, Any]:
    """`base_context` for a page the frontend routes itself at /<lang>/<path> (the enquiry
    form, the feedback step): the language switch leads to the same route in the other
    language, and `parent` ({"title", "url"}), when given, is the crumb before this page."""
    language = current_language()
    context = base_context(
        request,
        data,
        None,
        title=title,
        switch_path=f"/{other_language(language)}/{path}",
        canonical_path=f"/{language}/{path}",
    )
    if parent:
        context["breadcrumbs"] = [*context["breadcrumbs"], parent]
    return context


def shared_unless_editor(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The same for every visitor until content changes, so a cache may keep it; not for an
    editor, whose pages carry their name (theirs alone)."""
    return mark_public(response) if editor_of(request) is None else response


def with_security_headers(response: HttpResponse) -> HttpResponse:
    """The fallback CSP (see CSP_MIDDLEWARE) and a few headers every page should carry."""
    if "Content-Security-Policy" not in response and CSP_MIDDLEWARE not in settings.MIDDLEWARE:
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.setdefault("X-Content-Type-Options", "nosniff")
    return response


def render_html(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Content-Language"] = context.get("language") or current_language()
    # The display tools' cookies change the page (classes on <html>).
    patch_vary_headers(response, ["Cookie"])
    return with_security_headers(response)
