"""Discovery: sitemap.xml (both languages, with alternates), robots.txt and an RSS feed per language."""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from cms.page_cache import mark_public
from frontend import client
from frontend.rendering import LANGUAGES, current_language
from frontend.views import friendly_on_api_failure

MAX_SITEMAP_URLS = 50_000  # the sitemap protocol's limit for one file
BATCH = 50
# Page types whose children are listed by their own paginated query rather than `children`
# (which stops at 50): news and services can be many.
PAGINATED_PARENTS = {"NewsIndexPage", "ServiceIndexPage"}
PAGINATED_LISTS = (("SitemapNews", "news", "first"), ("SitemapServices", "services", "limit"))


def _entry(request: HttpRequest, page: dict[str, Any]) -> dict[str, Any]:
    alternates = {t["locale"]: t["url"] for t in page.get("translations") or [] if t.get("url")}
    return {
        "loc": request.build_absolute_uri(page["url"]),
        "lastmod": page.get("lastPublishedAt"),
        "alternates": [
            {"locale": code, "href": request.build_absolute_uri(alternates[code])}
            for code in LANGUAGES
            if code in alternates
        ],
    }


def _with_self(entry: dict[str, Any], locale: str) -> dict[str, Any]:
    """A sitemap alternate set lists the page itself too."""
    if not any(alt["locale"] == locale for alt in entry["alternates"]):
        entry["alternates"] = sorted(
            [*entry["alternates"], {"locale": locale, "href": entry["loc"]}],
            key=lambda alt: LANGUAGES.index(alt["locale"]),
        )
    if len(entry["alternates"]) < 2:
        entry["alternates"] = []
    return entry


def sitemap_entries(request: HttpRequest) -> list[dict[str, Any]]:
    """Walk each language's public page tree through GraphQL, one level per query."""
    entries: dict[str, dict[str, Any]] = {}
    for locale in LANGUAGES:
        home = client.run("SitemapRoot", {"locale": locale}, request).get("page")
        if not home:
            continue
        entries[home["url"]] = _with_self(_entry(request, home), locale)
        queue: deque[str] = deque([home["id"]])
        while queue and len(entries) < MAX_SITEMAP_URLS:
            parent_id = queue.popleft()
            data = client.run("SitemapChildren", {"id": parent_id, "locale": locale}, request)
            for child in (data.get("pageById") or {}).get("children") or []:
                if child.get("url") and child["url"] not in entries:
                    entries[child["url"]] = _with_self(_entry(request, child), locale)
                    if child["__typename"] not in PAGINATED_PARENTS:
                        queue.append(child["id"])
        for operation, field, size_argument in PAGINATED_LISTS:
            offset = 0
            while len(entries) < MAX_SITEMAP_URLS:
                variables = {"locale": locale, size_argument: BATCH, "offset": offset}
                listing = client.run(operation, variables, request)[field]
                for item in listing["items"]:
                    if item.get("url") and item["url"] not in entries:
                        entries[item["url"]] = _with_self(_entry(request, item), locale)
                offset += BATCH
                if offset >= listing["totalCount"] or not listing["items"]:
                    break
    return list(entries.values())[:MAX_SITEMAP_URLS]


@require_GET
@friendly_on_api_failure
def sitemap(request: HttpRequest) -> HttpResponse:
    xml = render_to_string("discovery/sitemap.xml", {"entries": sitemap_entries(request)})
    return mark_public(HttpResponse(xml, content_type="application/xml; charset=utf-8"))


@require_GET
def robots(request: HttpRequest) -> HttpResponse:
    text = render_to_string(
        "discovery/robots.txt", {"sitemap_url": request.build_absolute_uri("/sitemap.xml")}
    )
    return mark_public(HttpResponse(text, content_type="text/plain; charset=utf-8"))


@require_GET
@friendly_on_api_failure
def security_txt(request: HttpRequest) -> HttpResponse:
    """/.well-known/security.txt (RFC 9116) from the site settings; 404 until they name a
    contact and an expiry."""
    found = (client.run("SecurityTxt", {}, request).get("siteSettings") or {}).get("securityTxt")
    if not found:
        raise Http404("No security contact is set.")
    expires = parse_datetime(found["expires"])
    # One field per line whatever was stored: a line break would forge another field.
    context = {
        **{name: " ".join(str(value).split()) for name, value in found.items()},
        "expires": expires.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "canonical": request.build_absolute_uri("/.well-known/security.txt"),
    }
    text = render_to_string("discovery/security.txt", context)
    return mark_public(HttpResponse(text, content_type="text/plain; charset=utf-8"))


class NewsFeed(Feed):
    """The latest news of the visitor's language (RSS 2.0)."""

    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest, *args, **kwargs) -> dict[str, Any]:
        try:
            data = client.run("NewsFeed", {"locale": current_language()}, request)
        except (client.ApiUnavailable, client.ApiError) as exc:
            raise Http404("The news feed is unavailable.") from exc
        data["language"] = current_language()
        return data

    def title(self, obj: dict[str, Any]) -> str:
        name = (obj.get("siteSettings") or {}).get("ministryName") or ""
        return f"{gettext('News')} - {name}" if name else gettext("News")

    def link(self, obj: dict[str, Any]) -> str:
        return (obj.get("home") or {}).get("url") or f"/{obj['language']}/"

    def description(self, obj: dict[str, Any]) -> str:
        return gettext("The latest news of the Ministry of Finance.")

    def items(self, obj: dict[str, Any]) -> list[dict[str, Any]]:
        return [item for item in obj["news"]["items"] if item.get("url")]

    def item_title(self, item: dict[str, Any]) -> str:
        return item["title"]

    def item_description(self, item: dict[str, Any]) -> str:
        return item.get("summary") or ""

    def item_link(self, item: dict[str, Any]) -> str:
        return item["url"]

    def item_pubdate(self, item: dict[str, Any]):
        published = parse_datetime(item.get("firstPublishedAt") or "")
        if published is None:
            day = parse_date(item.get("date") or "")
            if day is None:
                return None
            published = timezone.make_aware(datetime.combine(day, time(12, 0)))
        return published


def news_feed(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return mark_public(_news_feed(request, *args, **kwargs))


_news_feed = NewsFeed()


class PublicationsFeed(NewsFeed):
    """The newest publications of the visitor's language (RSS 2.0)."""

    def get_object(self, request: HttpRequest, *args, **kwargs) -> dict[str, Any]:
        try:
            data = client.run("PublicationsFeed", {"locale": current_language()}, request)
        except (client.ApiUnavailable, client.ApiError) as exc:
            raise Http404("The publications feed is unavailable.") from exc
        data["language"] = current_language()
        return data

    def title(self, obj: dict[str, Any]) -> str:
        name = (obj.get("siteSettings") or {}).get("ministryName") or ""
        label = gettext("New publications")
        return f"{label} - {name}" if name else label

    def description(self, obj: dict[str, Any]) -> str:
        return gettext("Budget documents, reports and other publications of the ministry.")

    def items(self, obj: dict[str, Any]) -> list[dict[str, Any]]:
        return [item for item in obj["publications"]["items"] if item.get("url")]

    def item_title(self, item: dict[str, Any]) -> str:
        return f"{item['title']} ({item['publicationTypeLabel']})"

    def item_pubdate(self, item: dict[str, Any]):
        return super().item_pubdate({**item, "date": item.get("publicationDate")})


def publications_feed(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return mark_public(_publications_feed(request, *args, **kwargs))


_publications_feed = PublicationsFeed()


class ProcurementFeed(NewsFeed):
    """The newest procurement notices of the visitor's language (RSS 2.0)."""

    def get_object(self, request: HttpRequest, *args, **kwargs) -> dict[str, Any]:
        try:
            data = client.run("ProcurementFeed", {"locale": current_language()}, request)
        except (client.ApiUnavailable, client.ApiError) as exc:
            raise Http404("The procurement feed is unavailable.") from exc
        data["language"] = current_language()
        return data

    def title(self, obj: dict[str, Any]) -> str:
        name = (obj.get("siteSettings") or {}).get("ministryName") or ""
        label = gettext("Tenders and awards")
        return f"{label} - {name}" if name else label

    def description(self, obj: dict[str, Any]) -> str:
        return gettext("The ministry's procurement notices, tenders and their awards.")

    def items(self, obj: dict[str, Any]) -> list[dict[str, Any]]:
        return [item for item in obj["procurementNotices"]["items"] if item.get("url")]

    def item_title(self, item: dict[str, Any]) -> str:
        return f"{item['title']} ({item['noticeStatusLabel']})"

    def item_pubdate(self, item: dict[str, Any]):
        return super().item_pubdate({**item, "date": item.get("publicationDate")})


def procurement_feed(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return mark_public(_procurement_feed(request, *args, **kwargs))


_procurement_feed = ProcurementFeed()
