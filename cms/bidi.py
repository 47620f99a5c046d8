"""Latin runs inside Arabic text keep their order: they are isolated in `<bdi>`.

Without isolation the Unicode bidirectional algorithm lets neutral characters at the edge of a
Latin run take the Arabic direction around it: "حساب @MofCare" shows as "MofCare@ حساب",
"+966" as "966+", "-5" as "5-". Wrapped in `<bdi>`, each run is laid out on its own, left to right.

Used by the API's rich text (`cms.graphql.richtext`, when the text is Arabic) and by the
frontend's `isolate` filters (on right-to-left pages). Text only: tags, attributes, comments and
character references are never changed, and runs already inside `<bdi>`, `<bdo>`, code or an
element with a `dir` attribute are left alone, so isolating twice changes nothing.
"""

from __future__ import annotations

import html
import re

# One Latin "word": a handle, code, e-mail address, URL, or a number with its sign (+966, -5,
# 15%). It starts with a letter, digit, @ or #, or a sign before a digit, and ends on a
# character that cannot take the surrounding direction (not a full stop or a comma).
_WORD = r"(?:[+\-−]?[0-9]|[A-Za-z@#])(?:[A-Za-z0-9@#._+\-/:?=&%~]*[A-Za-z0-9/%])?"
# Several such words separated by spaces ("Citizen and Resident", "+966 11 401 4444") are one run.
LTR_RUN = re.compile(rf"{_WORD}(?:[ ]+{_WORD})*")

# Arabic script letters (Arabic, Supplement, Extended-A, presentation forms), not its digits.
_ARABIC_LETTER = re.compile(
    "[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"
)

# A tag (attribute values may hold ">"), a comment or a doctype: markup, copied as it is.
_MARKUP = re.compile(
    r"""<!--.*?-->|<![^>]*>|</?[A-Za-z][^\s/>]*(?:"[^"]*"|'[^']*'|[^'">])*>""", re.S
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
_DIR_ATTRIBUTE = re.compile(r"""\sdir\s*=""", re.I)
# Text inside these is already isolated, is code, or is not text.
_LEAVE_ALONE = frozenset(
    {"bdi", "bdo", "code", "kbd", "samp", "pre", "script", "style", "textarea"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def has_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text or ""))


def isolate_text(text: str) -> str:
    """Plain text as HTML: escaped, with each Latin run in `<bdi>`."""
    pieces: list[str] = []
    position = 0
    for match in LTR_RUN.finditer(text):
        pieces.append(html.escape(text[position : match.start()]))
        pieces.append(f"<bdi>{html.escape(match.group(0))}</bdi>")
        position = match.end()
    pieces.append(html.escape(text[position:]))
    return "".join(pieces)


def isolate_html(fragment: str) -> str:
    """HTML with each Latin run in its text wrapped in `<bdi>`; markup is kept as it is.

    A text node without a Latin run is copied byte for byte; one with a run is decoded, wrapped
    and re-encoded (`&amp;` stays `&amp;`, `&nbsp;` becomes the character it stands for).
    """
    pieces: list[str] = []
    open_elements: list[tuple[str, bool]] = []  # (name, leaves its text alone)
    position = 0
    for markup in _MARKUP.finditer(fragment):
        pieces.append(_isolate_text_node(fragment[position : markup.start()], open_elements))
        pieces.append(markup.group(0))
        _track(markup.group(0), open_elements)
        position = markup.end()
    pieces.append(_isolate_text_node(fragment[position:], open_elements))
    return "".join(pieces)


def _isolate_text_node(raw: str, open_elements: list[tuple[str, bool]]) -> str:
    if not raw or any(leave for _name, leave in open_elements):
        return raw
    text = html.unescape(raw)
    if not LTR_RUN.search(text):
        return raw
    return isolate_text(text)


def _track(markup: str, open_elements: list[tuple[str, bool]]) -> None:
    """Keep the stack of open elements that matter for `_isolate_text_node` up to date."""
    tag = _TAG.match(markup)
    if tag is None:  # a comment or a doctype
        return
    closing, name = tag.group(1) == "/", tag.group(2).lower()
    if closing:
        for index in range(len(open_elements) - 1, -1, -1):
            if open_elements[index][0] == name:
                del open_elements[index:]
                break
        return
    if name in _VOID or markup.endswith("/>"):
        return
    open_elements.append((name, name in _LEAVE_ALONE or bool(_DIR_ATTRIBUTE.search(markup))))
