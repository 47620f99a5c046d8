"""Snippets of result text with the query's words marked.

The text is escaped first and only our own `<mark>` tags are added, so a snippet is safe to
insert as HTML whatever the page or the query contains.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.utils.html import escape

from search.normalize import clean, original_word_spans

SNIPPET_CHARS = 200
CONTEXT_BEFORE = 60
ELLIPSIS = "…"
# Only the start of a long body is read for a snippet.
MAX_SOURCE_CHARS = 5_000


def matched_spans(text: str, stems: Collection[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end, stem in original_word_spans(text):
        if stem in stems and (not spans or spans[-1] != (start, end)):
            spans.append((start, end))
    return spans


def _mark(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    out, position = [], 0
    for start, end in spans:
        start, end = start - offset, end - offset
        if start < position or end > len(text):
            continue
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight(text: str, stems: Collection[str]) -> str:
    """The whole (short) text, escaped, with matching words in <mark>."""
    text = clean(text)
    return _mark(text, matched_spans(text, stems))


def _window(text: str, spans: list[tuple[int, int]], length: int) -> str:
    """About `length` characters of `text` around its first span, escaped and marked."""
    if len(text) <= length:
        return _mark(text, spans)
    start = 0
    if spans and spans[0][1] > length:
        start = max(0, spans[0][0] - CONTEXT_BEFORE)
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    window = [(s, e) for s, e in spans if s >= start and e <= end]
    body = _mark(text[start:end], window, offset=start)
    return (ELLIPSIS if start else "") + body + (ELLIPSIS if end < len(text) else "")


def snippet(text: str, stems: Collection[str], length: int = SNIPPET_CHARS) -> str:
    """About `length` characters of `text` around its first match, escaped and marked."""
    text = clean(text)[:MAX_SOURCE_CHARS]
    return _window(text, matched_spans(text, stems), length)


def best_snippet(texts: Iterable[str], stems: Collection[str], length: int = SNIPPET_CHARS) -> str:
    """A snippet of the first text that mentions the query, else of the first non-empty text."""
    first = ""
    for raw in texts:
        text = clean(raw)[:MAX_SOURCE_CHARS]
        if not text:
            continue
        spans = matched_spans(text, stems)
        if spans:
            return _window(text, spans, length)
        first = first or text
    return _window(first, [], length)
