"""Rich text leaves the API as HTML with links resolved, links to hidden pages dropped, and
Latin runs in Arabic text isolated (`cms.bidi`), so every portal shows "@MofCare" in order."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from cms import bidi
from cms.graphql.batching import active_locale, page_url
from cms.graphql.visibility import visible_page_ids, visible_pages

_PAGE_LINK = re.compile(r'<a\b[^>]*\blinktype="page"[^>]*>(.*?)</a>', re.DOTALL)
_ID_ATTR = re.compile(r'\bid="(\d+)"')


def page_link_ids(html: str) -> set[int]:
    ids = set()
    for match in _PAGE_LINK.finditer(html or ""):
        found = _ID_ATTR.search(match.group(0))
        if found:
            ids.add(int(found.group(1)))
    return ids


def page_link_urls(page_ids: Iterable[int], context: Any = None) -> dict[int, str]:
    """The URL of each visible page among `page_ids`, for links in rich text, in at most two
    queries however many links there are.

    As Wagtail's own link handler does (`page.localized`), a link points at the page's version
    in the active language where one exists; here that version must also be visible.
    """
    ids = {int(pk) for pk in page_ids if pk is not None}
    if not ids:
        return {}
    pages = list(visible_pages(Page.objects.filter(pk__in=ids)))
    locale = active_locale()
    elsewhere = {page.translation_key for page in pages if page.locale_id != locale.pk}
    translated = {}
    if elsewhere:
        versions = visible_pages(Page.objects.filter(translation_key__in=elsewhere), locale)
        translated = {version.translation_key: version for version in versions}
    urls = {}
    for page in pages:
        url = page_url(translated.get(page.translation_key, page), context)
        if url:
            urls[page.pk] = url
    return urls


def render_rich_text(
    html: str, visible_ids: set[int] | None = None, link_urls: dict[int, str] | None = None
) -> str:
    """Expand Wagtail's stored rich text into public HTML.

    A link to a page that is not visible (draft, private, expired, deleted) is replaced by its
    text, so the API never reveals that such a page exists. With `link_urls` (from
    `page_link_urls`, read once for many texts) page links cost no query here. Text with
    Arabic in it has its Latin runs in `<bdi>`, for portals that show it as it comes.
    """
    if not html:
        return ""
    return _isolated_if_arabic(_expand_links(html, visible_ids, link_urls))


def _isolated_if_arabic(html: str) -> str:
    return bidi.isolate_html(html) if bidi.has_arabic(html) else html


def _expand_links(html: str, visible_ids: set[int] | None, link_urls: dict[int, str] | None) -> str:
    if link_urls is not None:

        def link_or_unwrap(match: re.Match) -> str:
            found = _ID_ATTR.search(match.group(0))
            url = link_urls.get(int(found.group(1))) if found else None
            if not url:
                return match.group(1)
            return f'<a href="{escape(url)}">{match.group(1)}</a>'

        return expand_db_html(_PAGE_LINK.sub(link_or_unwrap, html))

    if visible_ids is None:
        visible_ids = visible_page_ids(page_link_ids(html))

    def keep_or_unwrap(match: re.Match) -> str:
        found = _ID_ATTR.search(match.group(0))
        if found and int(found.group(1)) in visible_ids:
            return match.group(0)
        return match.group(1)

    return expand_db_html(_PAGE_LINK.sub(keep_or_unwrap, html))
