"""What an uploaded publication file is: format, size, page count and its text, read at upload.

PDF text comes from `pypdf`; the text is stored on the file's row and searched with the page
(the page's prepared body, search.indexing), through the same normalisation as everything else.
A file that cannot be read as what its extension says is refused with a message, never a 500.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("mizan.publications")

FORMATS = ("pdf", "xlsx", "csv")
# Enough for search: the first pages of a long report hold its words.
MAX_TEXT_CHARS = 200_000
MAX_PAGES_READ = 200


@dataclass(frozen=True)
class Inspection:
    file_format: str
    size_bytes: int
    page_count: int | None
    text: str


def file_format(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def inspect_file(name: str, data: bytes) -> Inspection:
    """Read the file's facts, or raise ValidationError saying why it cannot be published."""
    kind = file_format(name)
    if kind not in FORMATS:
        raise ValidationError(
            _("A publication file must be a PDF, XLSX or CSV file."), code="unsupported_format"
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="empty_file")
    if kind == "pdf":
        pages, text = _read_pdf(data)
        return Inspection(kind, len(data), pages, text)
    if kind == "xlsx":
        _check_xlsx(data)
        return Inspection(kind, len(data), None, "")
    return Inspection(kind, len(data), None, _read_csv(data))


def _broken(kind: str) -> ValidationError:
    return ValidationError(
        _("The file is damaged or is not a real %(format)s file; export it again and upload it."),
        params={"format": kind.upper()},
        code="broken_file",
    )


def _read_pdf(data: bytes) -> tuple[int, str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not data.startswith(b"%PDF-"):
        raise _broken("pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("The PDF is password-protected; upload a copy without a password."),
                code="encrypted_pdf",
            )
        count = len(reader.pages)
        texts, size = [], 0
        for page in reader.pages[:MAX_PAGES_READ]:
            text = page.extract_text() or ""
            texts.append(text)
            size += len(text)
            if size > MAX_TEXT_CHARS:
                break
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        logger.info("Refused a PDF that pypdf could not read: %s", exc)
        raise _broken("pdf") from None
    if count == 0:
        raise _broken("pdf")
    return count, "\n".join(texts)[:MAX_TEXT_CHARS]


def _check_xlsx(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise _broken("xlsx") from None
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise _broken("xlsx")


def _read_csv(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("Save the CSV file as UTF-8 and upload it again."), code="csv_encoding"
        ) from None
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise _broken("csv") from None
    return "\n".join(" ".join(row) for row in rows)[:MAX_TEXT_CHARS]
