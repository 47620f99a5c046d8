"""Rich text leaves the API as HTML with links resolved, and links to hidden pages dropped."""

from __future__ import annotations

import re

from wagtail.rich_text import expand_db_html

from cms.graphql.visibility import visible_page_ids

_PAGE_LINK = re.compile(r'<a\b[^>]*\blinktype="page"[^>]*>(.*?)</a>', re.DOTALL)
_ID_ATTR = re.compile(r'\bid="(\d+)"')


def page_link_ids(html: str) -> set[int]:
    ids = set()
    for match in _PAGE_LINK.finditer(html or ""):
        found = _ID_ATTR.search(match.group(0))
        if found:
            ids.add(int(found.group(1)))
    return ids


def render_rich_text(html: str, visible_ids: set[int] | None = None) -> str:
    """Expand Wagtail's stored rich text into public HTML.

    A link to a page that is not visible (draft, private, expired, deleted) is replaced by its
    text, so the API never reveals that such a page exists.
    """
    if not html:
        return ""
    if visible_ids is None:
        visible_ids = visible_page_ids(page_link_ids(html))

    def keep_or_unwrap(match: re.Match) -> str:
        found = _ID_ATTR.search(match.group(0))
        if found and int(found.group(1)) in visible_ids:
            return match.group(0)
        return match.group(1)

    return expand_db_html(_PAGE_LINK.sub(keep_or_unwrap, html))
