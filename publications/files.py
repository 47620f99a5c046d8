"""Make small real PDF and CSV files for demo content and tests (fpdf2, Arabic shaped by HarfBuzz)."""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
)


def arabic_font() -> str | None:
    """A font with Arabic glyphs on this machine (Debian's fonts-dejavu-core), or None."""
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return None


def make_pdf(title: str, paragraphs: list[str], language: str) -> bytes:
    """A PDF with a title and paragraphs; Arabic is shaped and right-aligned."""
    return _make_pdf(title, tuple(paragraphs), language)


@lru_cache(maxsize=64)  # the test suite builds the demo library more than once
def _make_pdf(title: str, paragraphs: tuple[str, ...], language: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_lang(language)
    pdf.add_page()
    font = arabic_font()
    if font is not None:
        pdf.add_font("Body", fname=font)
        pdf.set_font("Body", size=16)
        if find_spec("uharfbuzz") is not None:  # shaping: joined letters in reading order
            pdf.set_text_shaping(True)
    else:  # no Unicode font: Latin only
        pdf.set_font("Helvetica", size=16)
    align = "R" if language == "ar" else "L"
    pdf.multi_cell(0, 10, title, align=align)
    pdf.set_font_size(11)
    for paragraph in paragraphs:
        pdf.ln(4)
        pdf.multi_cell(0, 7, paragraph, align=align)
    return bytes(pdf.output())


def make_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")
