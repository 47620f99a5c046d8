"""The words an editor reads on an admin page: visible text only, with content values removed.

Used by tests/test_admin_arabic.py to find English left in the Arabic admin. Attributes,
scripts, styles and icons are not read; what the editor typed (titles, names, codes, addresses)
is removed before looking for English, because it is content, not the admin's own words.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content an editor never reads as text; <kbd> names keys as printed on them.
_UNREAD = {"script", "style", "svg", "noscript", "textarea", "code", "pre", "kbd"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
}  # fmt: skip

# Values, not words: addresses, e-mails, file names, codes such as MOF-IND-601, P5D or 640x480.
_ADDRESSES = re.compile(r"https?://\S+|\S+@\S+|\S+\.(?:png|jpe?g|gif|pdf|svg|txt|csv|json)\b")
_CODES = re.compile(r"\S*/\S*|\b[A-Z]+(?:-[A-Z0-9]+)+\b|\b\w*\d\w*\b")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]")


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unread_depth = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _UNREAD:
            self.unread_depth += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in _UNREAD and self.unread_depth:
            self.unread_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.unread_depth and data.strip():
            self.chunks.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    """The page's text nodes outside scripts, styles, icons and code, whitespace collapsed."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser.chunks


def english_words(
    chunks: list[str],
    content_values: set[str],
    allowed: set[str],
    whole_values: frozenset[str] = frozenset(),
) -> dict[str, list[str]]:
    """English words left once content values and allowed words are removed: word → the text
    nodes it was found in (a few, to say where). `whole_values` are dropped only as a whole
    text node (time-zone names in a list of choices)."""
    found: dict[str, list[str]] = {}
    values = sorted((v for v in content_values if v), key=len, reverse=True)
    for chunk in chunks:
        if chunk in whole_values:
            continue
        text = _ADDRESSES.sub(" ", chunk)
        for value in values:
            text = text.replace(value, " ")
        text = _CODES.sub(" ", text)
        for word in _ENGLISH_WORD.findall(text):
            if word in allowed:
                continue
            places = found.setdefault(word, [])
            if len(places) < 3 and chunk not in places:
                places.append(chunk)
    return found
