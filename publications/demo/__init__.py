"""Load the demo library: the library page, budget years and 15 publications with real files.

Called by site_pages' `load_demo_content` inside its transaction. Idempotent: what exists (by
slug) is left alone. English versions are real wagtail-localize translations.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from publications.demo import content
from publications.files import make_csv, make_pdf
from publications.models import (
    BudgetLine,
    BudgetYearPage,
    PublicationFile,
    PublicationIndexPage,
    PublicationPage,
)
from site_pages.models import StandardPage


def _publish(page: Page) -> Page:
    page.save_revision(log_action=True).publish()
    page.refresh_from_db()
    return page


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _document(title: str, filename: str, data: bytes):
    Document = get_document_model()
    found = Document.objects.filter(title=title).first()
    if found is not None:
        return found
    document = Document(title=title)
    document.file.save(filename, ContentFile(data), save=False)
    document.file_size = len(data)
    document._set_file_hash()
    document.save()
    return document


def _files(spec: dict) -> list[PublicationFile]:
    files = []
    for language in spec["files"]:
        text = spec[language]
        paragraphs = [text["summary"]]
        if spec["publication_type"] in ("enacted_budget", "citizens_budget"):
            revenue, expenditure = content.totals(spec["fiscal_year"])
            paragraphs.append(
                f"الإيرادات {revenue:,} والمصروفات {expenditure:,} مليون ريال (بيانات تجريبية)."
                if language == "ar"
                else f"Revenue {revenue:,} and expenditure {expenditure:,} million riyals "
                "(sample data)."
            )
        data = make_pdf(text["title"], paragraphs, language)
        document = _document(text["title"] + " (PDF)", f"{spec['slug']}-{language}.pdf", data)
        files.append(PublicationFile(document=document, language=language))
    if spec["csv"]:
        rows = [["year", "revenue", "expenditure"]]
        for year in content.YEARS:
            rows.append([str(year), *map(str, content.totals(year))])
        title = spec["en"]["title"] + " (CSV)"
        document = _document(title, f"{spec['slug']}.csv", make_csv(rows))
        files.append(PublicationFile(document=document, language="en"))
    return files


def load_demo_publications(home_ar: Page, stdout=None, translate=None) -> int:
    """Create what is missing of the demo library; return how many objects were created."""
    if translate is None:
        from cms.localize import publish_translation as translate
    arabic = Locale.objects.get(language_code="ar")
    english = Locale.objects.get(language_code="en")
    created = 0
    with transaction.atomic():
        spec = content.LIBRARY
        library = PublicationIndexPage.objects.child_of(home_ar).filter(slug=spec["slug"]).first()
        if library is None:
            library = PublicationIndexPage(slug=spec["slug"], **spec["ar"])
            home_ar.add_child(instance=library)
            library = _publish(library)
            created += 1
            _say(stdout, f"  + {library}")
        if not library.has_translation(english):
            translate(library, PublicationIndexPage(**spec["en"]))

        for year in content.YEARS:
            spec = content.budget_year(year)
            page = BudgetYearPage.objects.child_of(library).filter(slug=spec["slug"]).first()
            if page is None:
                page = BudgetYearPage(
                    slug=spec["slug"], fiscal_year=year, is_sample_data=True, **spec["ar"]
                )
                page.lines = [
                    BudgetLine(
                        kind=kind, label=content.LABELS[key][0], amount=amount, locale=arabic
                    )
                    for kind, key, amount in spec["lines"]
                ]
                library.add_child(instance=page)
                page = _publish(page)
                created += 1
                _say(stdout, f"  + {page}")
            if not page.has_translation(english):
                shadow = BudgetYearPage(fiscal_year=year, is_sample_data=True, **spec["en"])
                shadow.lines = [
                    BudgetLine(kind=kind, label=content.LABELS[key][1], amount=amount)
                    for kind, key, amount in spec["lines"]
                ]
                translate(page, shadow)

        for kind, year, date in content.PUBLICATIONS:
            spec = content.publication(kind, year, date)
            fields = {
                "publication_type": kind,
                "fiscal_year": year,
                "publication_date": date,
            }
            page = PublicationPage.objects.child_of(library).filter(slug=spec["slug"]).first()
            if page is None:
                page = PublicationPage(slug=spec["slug"], **fields, **spec["ar"])
                page.files = _files(spec)
                library.add_child(instance=page)
                page = _publish(page)
                created += 1
                _say(stdout, f"  + {page}")
            if not page.has_translation(english):
                translate(page, PublicationPage(**fields, **spec["en"]))

        policy = content.OPEN_DATA_POLICY
        page = StandardPage.objects.child_of(home_ar).filter(slug=policy["slug"]).first()
        if page is None:
            page = StandardPage(slug=policy["slug"], **policy["ar"])
            home_ar.add_child(instance=page)
            page = _publish(page)
            created += 1
            _say(stdout, f"  + {page}")
        if not page.has_translation(english):
            translate(page, StandardPage(**policy["en"]))

        from services_catalog.demo import repair_child_counts

        parents = list(
            Page.objects.filter(
                translation_key__in=[library.translation_key, home_ar.translation_key]
            )
        )
        transaction.on_commit(lambda: repair_child_counts(parents))
    return created
