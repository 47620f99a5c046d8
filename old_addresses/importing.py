"""Import the old site's address map (CSV, TSV or XLSX) into Wagtail's redirects.

Wraps Wagtail's redirect import (its file formats and `Redirect.normalise_path`) with what an
old government site's map needs:
- old addresses as they were published: full URLs or paths, percent-encoded Arabic or not, any
  letter case, with query strings (`/ar/News/Pages/NewsDetails.aspx?NewsID=12`);
- new addresses as a page of this site (found by its address, so the redirect follows the page
  when it moves) or any other address;
- permanent redirects (301) unless asked otherwise;
- chains collapsed: a row whose new address is another row's old address gets that row's
  target, and existing redirects that led to a now-imported old address are pointed past it;
- loops refused, with the rows that make them; then nothing is imported. The same old
  address given two targets is refused too. A second import of the same file changes nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.base_formats import CSV, TSV, XLSX
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import Page, Site

from old_addresses.lookup import lookup_key, split_path
from old_addresses.models import MissingPath

OLD_HEADERS = {"old", "old_path", "old address", "from", "source", "old_url"}
NEW_HEADERS = {"new", "new_path", "new address", "to", "target", "new_url", "destination"}
FORMATS = {"csv": CSV, "tsv": TSV, "xlsx": XLSX}
MAX_ROWS = 20000
MAX_OLD_PATH = 255  # Redirect.old_path


class ImportRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class Row:
    line: int
    old: str
    new: str


@dataclass
class Target:
    page_id: int | None = None
    link: str = ""
    key: str | None = None  # the comparison key of a local address, for chains and loops

    def same_as(self, other: Target) -> bool:
        return (self.page_id, self.link) == (other.page_id, other.link)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    collapsed: int = 0
    rows: int = 0
    messages: list[str] = field(default_factory=list)


def read_rows(data: bytes, extension: str) -> list[Row]:
    """The rows of an uploaded file; the first row is headers (named columns are found by name,
    otherwise the first two columns are old and new)."""
    fmt = FORMATS.get(extension.lower().lstrip("."))
    if fmt is None:
        raise ImportRefused([_("Use a CSV, TSV or XLSX file.")])
    reader = fmt()
    try:
        if reader.is_binary():
            dataset = reader.create_dataset(data)
        else:
            dataset = reader.create_dataset(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportRefused([_("The file is not UTF-8 text. Save it as CSV UTF-8.")]) from None
    except Exception:  # openpyxl and csv raise many kinds on a damaged file
        raise ImportRefused(
            [_("The file could not be read as %(format)s.") % {"format": extension.upper()}]
        ) from None
    headers = [str(h or "").strip().lower() for h in dataset.headers]
    old_index = next((i for i, h in enumerate(headers) if h in OLD_HEADERS), 0)
    new_index = next((i for i, h in enumerate(headers) if h in NEW_HEADERS), 1)
    rows = []
    for number, values in enumerate(dataset, start=2):
        values = list(values) + [None, None]
        old = str(values[old_index] or "").strip()
        new = str(values[new_index] or "").strip()
        if old or new:
            rows.append(Row(number, old, new))
    if len(rows) > MAX_ROWS:
        raise ImportRefused([_("At most %(count)d rows at a time.") % {"count": MAX_ROWS}])
    return rows


def read_file(path: str | Path) -> list[Row]:
    path = Path(path)
    return read_rows(path.read_bytes(), path.suffix)


class _Site:
    """The site's pages by address, and its host names (a full URL to one is a local path)."""

    def __init__(self, site: Site | None):
        self.site = site or Site.objects.filter(is_default_site=True).first()
        self.hosts = {s.hostname.lower() for s in Site.objects.all()}
        self.pages: dict[str, int] = {}
        self.urls: dict[int, str] = {}
        for page in Page.objects.filter(depth__gt=1).specific(defer=True):
            url = page.get_url()
            if url:
                self.pages.setdefault(lookup_key(url), page.pk)
                self.urls[page.pk] = url

    def local_path(self, value: str) -> str | None:
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.hostname:
            if parts.hostname.lower() in self.hosts:
                return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            return None
        if value.startswith("/") and not value.startswith("//"):
            return value
        return None

    def target(self, value: str) -> Target | None:
        local = self.local_path(value)
        if local is None:
            parts = urlsplit(value)
            return (
                Target(link=value) if parts.scheme in ("http", "https") and parts.netloc else None
            )
        key = lookup_key(local)
        page_id = self.pages.get(key)
        if page_id is not None:
            return Target(page_id=page_id, key=key)
        return Target(link=local, key=key)


def _existing(site: Site | None) -> dict[str, Redirect]:
    found: dict[str, Redirect] = {}
    for redirect in Redirect.objects.filter(site=site).order_by("pk"):
        found.setdefault(lookup_key(redirect.old_path), redirect)
    return found


def _existing_target(redirect: Redirect, site: _Site) -> Target:
    if redirect.redirect_page_id:
        url = site.urls.get(redirect.redirect_page_id)
        return Target(page_id=redirect.redirect_page_id, key=lookup_key(url) if url else None)
    return site.target(redirect.redirect_link) or Target(link=redirect.redirect_link)


def plan(rows: list[Row], site: Site | None = None):
    """Check every row; (old key -> (row, normalised old path, final target)) or ImportRefused."""
    pages = _Site(site)
    errors: list[str] = []
    wanted: dict[str, tuple[Row, str, Target]] = {}
    for row in rows:
        if not row.old or not row.new:
            errors.append(
                _("Row %(line)d: give both the old and the new address.") % {"line": row.line}
            )
            continue
        # A full address of the old site counts by its path and query (the host may differ).
        path, query = split_path(row.old)
        normalised = Redirect.normalise_path(path + (f"?{query}" if query else ""))
        if len(normalised) > MAX_OLD_PATH:
            errors.append(
                _("Row %(line)d: the old address is longer than %(max)d characters.")
                % {"line": row.line, "max": MAX_OLD_PATH}
            )
            continue
        target = pages.target(row.new)
        if target is None:
            errors.append(
                _(
                    "Row %(line)d: the new address %(new)s is neither a path of this site "
                    "(starting with /) nor a web address (https://...)."
                )
                % {"line": row.line, "new": row.new}
            )
            continue
        key = lookup_key(normalised)
        if key in wanted and not wanted[key][2].same_as(target):
            errors.append(
                _(
                    "Rows %(first)d and %(line)d give the old address %(old)s two different "
                    "new addresses."
                )
                % {"first": wanted[key][0].line, "line": row.line, "old": row.old}
            )
            continue
        if target.key == key and target.page_id is None:
            errors.append(
                _("Row %(line)d: %(old)s would redirect to itself.")
                % {"line": row.line, "old": row.old}
            )
            continue
        wanted[key] = (row, normalised, target)

    # Every redirect after the import: the existing ones, replaced by the file's where they meet.
    existing = _existing(site)
    graph: dict[str, Target] = {k: _existing_target(r, pages) for k, r in existing.items()}
    graph.update({k: t for k, (_row, _old, t) in wanted.items()})

    def end_of_chain(start: str) -> tuple[Target | None, list[str]]:
        chain = [start]
        target = graph[start]
        while target.page_id is None and target.key in graph and target.key != chain[-1]:
            if target.key in chain:
                return None, chain + [target.key]
            chain.append(target.key)
            target = graph[target.key]
        return target, chain

    final: dict[str, tuple[Row, str, Target]] = {}
    for key, (row, normalised, _target) in wanted.items():
        target, chain = end_of_chain(key)
        if target is None:
            errors.append(
                _(
                    "Row %(line)d makes a loop: %(chain)s. Nothing was imported; give one of "
                    "these addresses a page or an outside address as its target."
                )
                % {"line": row.line, "chain": " → ".join(chain)}
            )
            continue
        final[key] = (row, normalised, target)
    if errors:
        raise ImportRefused(errors)
    # Existing redirects that lead into the imported ones are pointed at the end of the chain.
    repoint: dict[int, Target] = {}
    for key, redirect in existing.items():
        if key in wanted:
            continue
        target, _chain = end_of_chain(key)
        if target is not None and not target.same_as(graph[key]):
            repoint[redirect.pk] = target
    return final, repoint


def import_rows(
    rows: list[Row], site: Site | None = None, permanent: bool = True, user=None
) -> ImportResult:
    final, repoint = plan(rows, site)
    result = ImportResult(rows=len(rows), collapsed=len(repoint))
    existing = _existing(site)
    with transaction.atomic():
        for key, (_row, normalised, target) in final.items():
            redirect = existing.get(key)
            values = {
                "redirect_page_id": target.page_id,
                "redirect_link": "" if target.page_id else target.link,
                "is_permanent": permanent,
            }
            if redirect is None:
                redirect = Redirect.objects.create(old_path=normalised, site=site, **values)
                log(instance=redirect, action="wagtail.create", user=user)
                result.created += 1
            elif any(getattr(redirect, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(redirect, name, value)
                redirect.save()
                log(instance=redirect, action="wagtail.edit", user=user)
                result.updated += 1
            else:
                result.unchanged += 1
        for pk, target in repoint.items():
            redirect = Redirect.objects.get(pk=pk)
            redirect.redirect_page_id = target.page_id
            redirect.redirect_link = "" if target.page_id else target.link
            redirect.save()
            log(instance=redirect, action="wagtail.edit", user=user)
        # The addresses now answer: they leave the "not found" report.
        MissingPath.objects.filter(key__in=list(final)).delete()
    return result


def import_bytes(data: bytes, extension: str, **kwargs) -> ImportResult:
    return import_rows(read_rows(data, extension), **kwargs)


def as_csv(rows: list[tuple[str, str]]) -> bytes:
    """A CSV map from (old, new) pairs: used by tests and the demo data."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["old_path", "new_path"])
    writer.writerows(rows)
    return out.getvalue().encode()
