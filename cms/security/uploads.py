"""Uploaded documents must be what their name says.

Wagtail already limits documents by extension (WAGTAILDOCS_EXTENSIONS) and size
(WAGTAILDOCS_MAX_UPLOAD_SIZE), and images by extension (no SVG), real format, size and pixel
count. It does not look inside a document: an HTML page renamed `report.pdf` would be accepted
and served to visitors. This form base (WAGTAILDOCS_DOCUMENT_FORM_BASE) checks the first bytes
against the extension.
"""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

SNIFF_BYTES = 8192
ZIP_MAGIC = b"PK\x03\x04"
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": (ZIP_MAGIC,),
    "xlsx": (ZIP_MAGIC,),
    "pptx": (ZIP_MAGIC,),
    "odt": (ZIP_MAGIC,),
    "ods": (ZIP_MAGIC,),
}
TEXT_EXTENSIONS = {"csv", "txt"}
# Text that a browser might treat as a page or a script if it were ever sniffed.
MARKUP_STARTS = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<head", b"<body")


def _head(upload) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(position)
    return head


def content_problem(name: str, head: bytes) -> str | None:
    """Why these first bytes do not fit the file's extension, or None when they do."""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension in SIGNATURES:
        if not head.startswith(SIGNATURES[extension]):
            return _("This file's content is not a %(extension)s document.") % {
                "extension": extension.upper()
            }
        return None
    if extension in TEXT_EXTENSIONS:
        if b"\x00" in head:
            return _("A text file must not contain binary data.")
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as error:
            # The sniffed block may cut a multi-byte character at its end.
            if error.start < len(head) - 4:
                return _("Save the text file as UTF-8 and upload it again.")
            text = head[: error.start].decode("utf-8")
        if text.lstrip("\ufeff \t\r\n").encode("utf-8").lower().startswith(MARKUP_STARTS):
            return _("A text file must not contain a web page or a script.")
    return None


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):  # a new upload, not the stored file on edit
            problem = content_problem(upload.name, _head(upload))
            if problem:
                raise ValidationError(problem, code="content_mismatch")
        return upload
