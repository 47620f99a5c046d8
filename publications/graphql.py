"""GraphQL types and root fields for the publications library and the budget years.

Every root field reads pages through the visibility policy (cms.graphql.visibility): only live,
public, unexpired pages in the requested language leave the API.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

import graphene
from django.db.models import QuerySet
from django.utils import translation
from hijridate import Hijri

from cms.graphql.batching import language_code
from cms.graphql.hijri import hijri_beside, hijri_field
from cms.graphql.page_registry import register_page_type
from cms.graphql.paging import PageInfo, cursor_arguments, paginate
from cms.graphql.visibility import resolve_locale, visible_pages_of_type
from publications import models
from site_pages.graphql import PageInterface
from site_pages.graphql_blocks import Block, stream_to_blocks

DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 50

PublicationTypeEnum = graphene.Enum(
    "PublicationType",
    [(value.upper(), value) for value, _label in models.PUBLICATION_TYPES],
    description="The eight budget documents of the Open Budget Survey, then other kinds.",
)
FileLanguage = graphene.Enum("FileLanguage", [("AR", "ar"), ("EN", "en")])


def _value(enum_or_str):
    return getattr(enum_or_str, "value", enum_or_str)


class FiscalYear(graphene.ObjectType):
    """A fiscal year (1 January to 31 December) with the Hijri years it spans."""

    year = graphene.Int(required=True, description="Gregorian year, e.g. 2025")
    hijri_start = graphene.Int(description="Hijri year of its first day")
    hijri_end = graphene.Int(description="Hijri year of its last day")
    label = graphene.String(required=True, description="e.g. 2025 (1446–1447 AH)")

    @staticmethod
    def of(year: int, language: str) -> FiscalYear:
        span = models.hijri_years(year)
        era = Hijri.notation("ar" if language == "ar" else "en")  # as cms.hijri writes dates
        label = f"{year} ({span[0]}–{span[1]} {era})" if span else str(year)
        return FiscalYear(
            year=year,
            hijri_start=span[0] if span else None,
            hijri_end=span[1] if span else None,
            label=label,
        )


class PublicationFile(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    url = graphene.String(required=True, description="The file itself")
    download_url = graphene.String(
        required=True, description="Counted download: redirects to the file"
    )
    language = graphene.Field(FileLanguage, required=True)
    format = graphene.String(required=True, description="pdf, xlsx or csv")
    size_bytes = graphene.Int(required=True)
    page_count = graphene.Int(description="Pages of a PDF")

    @staticmethod
    def resolve_title(item, info):
        return item.document.title

    @staticmethod
    def resolve_url(item, info):
        return item.document.url

    @staticmethod
    def resolve_download_url(item, info):
        language = language_code(item.page.locale_id)
        return f"/{language}/publications-download/{item.page.pk}/{item.pk}/"

    @staticmethod
    def resolve_format(item, info):
        return item.file_format


class PublicationPage(graphene.ObjectType):
    publication_type = graphene.Field(PublicationTypeEnum, required=True)
    publication_type_label = graphene.String(required=True)
    publication_type_slug = graphene.String(
        required=True, description="As in /publications/type/<slug>/"
    )
    is_budget_document = graphene.Boolean(required=True)
    fiscal_year = graphene.Field(FiscalYear, required=True)
    publication_date = graphene.Date(required=True)
    publication_date_hijri = hijri_field("publicationDate")
    summary = graphene.String(required=True)
    files = graphene.List(graphene.NonNull(PublicationFile), required=True)
    html_version = graphene.List(
        graphene.NonNull(Block), required=True, description="The accessible HTML version"
    )

    class Meta:
        interfaces = (PageInterface,)

    @staticmethod
    def resolve_publication_type(page, info):
        return page.publication_type

    @staticmethod
    def resolve_publication_type_label(page, info):
        with translation.override(language_code(page.locale_id)):
            return models.type_label(page.publication_type)

    @staticmethod
    def resolve_publication_type_slug(page, info):
        return models.type_slug(page.publication_type)

    @staticmethod
    def resolve_fiscal_year(page, info):
        return FiscalYear.of(page.fiscal_year, language_code(page.locale_id))

    @staticmethod
    def resolve_publication_date_hijri(page, info):
        return hijri_beside(page.publication_date, language_code(page.locale_id))

    @staticmethod
    def resolve_files(page, info):
        prefetched = "files" in getattr(page, "_prefetched_objects_cache", {})
        files = list(page.files.all() if prefetched else page.files.select_related("document"))
        for item in files:
            item.page = page
        return files

    @staticmethod
    def resolve_html_version(page, info):
        return stream_to_blocks(page.html_version, info.context, page.locale_id)


class PublicationIndexPage(graphene.ObjectType):
    intro = graphene.String(required=True)

    class Meta:
        interfaces = (PageInterface,)


class BudgetLine(graphene.ObjectType):
    kind = graphene.String(required=True, description="revenue or expenditure")
    label = graphene.String(required=True)
    amount = graphene.Float(required=True, description="Millions of riyals")


class BudgetYearPage(graphene.ObjectType):
    fiscal_year = graphene.Field(FiscalYear, required=True)
    intro = graphene.String(required=True)
    unit_note = graphene.String(required=True)
    is_sample_data = graphene.Boolean(required=True)
    revenue = graphene.Float(required=True, description="Total revenue, millions of riyals")
    expenditure = graphene.Float(required=True, description="Total expenditure")
    balance = graphene.Float(
        required=True, description="Revenue less expenditure: negative is a deficit"
    )
    lines = graphene.List(graphene.NonNull(BudgetLine), required=True)

    class Meta:
        interfaces = (PageInterface,)

    @staticmethod
    def resolve_fiscal_year(page, info):
        return FiscalYear.of(page.fiscal_year, language_code(page.locale_id))

    @staticmethod
    def resolve_lines(page, info):
        return list(page.lines.all())

    @staticmethod
    def resolve_revenue(page, info):
        return float(budget_totals(page)[0])

    @staticmethod
    def resolve_expenditure(page, info):
        return float(budget_totals(page)[1])

    @staticmethod
    def resolve_balance(page, info):
        revenue, expenditure = budget_totals(page)
        return float(revenue - expenditure)


def budget_totals(page) -> tuple[Decimal, Decimal]:
    revenue = sum((x.amount for x in page.lines.all() if x.kind == "revenue"), Decimal(0))
    expenditure = sum((x.amount for x in page.lines.all() if x.kind == "expenditure"), Decimal(0))
    return revenue, expenditure


for _model, _type, _detail in [
    (models.PublicationIndexPage, PublicationIndexPage, None),
    (
        models.PublicationPage,
        PublicationPage,
        lambda qs: qs.prefetch_related("files__document"),
    ),
    (models.BudgetYearPage, BudgetYearPage, lambda qs: qs.prefetch_related("lines")),
]:
    register_page_type(_model, _type, _detail)


# -- the list, cursor-paged -------------------------------------------------------------------


class PublicationConnection(graphene.ObjectType):
    total_count = graphene.Int(required=True)
    items = graphene.List(graphene.NonNull(PublicationPage), required=True)
    page_info = graphene.Field(PageInfo, required=True)


@dataclass
class PublicationList:
    """What `publications` resolves to: the total is counted only when asked for."""

    items: list
    page_info: PageInfo
    count: Callable[[], int]

    @cached_property
    def total_count(self) -> int:
        return self.count()


def filtered_publications(
    language, publication_type=None, year=None, file_language=None
) -> QuerySet:
    pages = visible_pages_of_type(models.PublicationPage, language)
    if publication_type:
        pages = pages.filter(publication_type=_value(publication_type))
    if year is not None:
        pages = pages.filter(fiscal_year=year)
    if file_language:
        with_file = models.PublicationFile.objects.filter(language=_value(file_language))
        pages = pages.filter(pk__in=with_file.values("page_id"))
    return pages


class FacetCount(graphene.ObjectType):
    value = graphene.String(required=True)
    label = graphene.String(required=True)
    count = graphene.Int(required=True)

    class Meta:
        name = "PublicationFacet"


class PublicationFacets(graphene.ObjectType):
    types = graphene.List(graphene.NonNull(FacetCount), required=True)
    years = graphene.List(graphene.NonNull(FacetCount), required=True)


def _locale_arg():
    return graphene.String(default_value="ar", description="Language code: ar (default) or en")


class Query:
    publications = graphene.Field(
        PublicationConnection,
        required=True,
        locale=_locale_arg(),
        type=graphene.Argument(PublicationTypeEnum),
        year=graphene.Int(description="Fiscal year (Gregorian), e.g. 2025"),
        file_language=graphene.Argument(FileLanguage, description="Has a file in this language"),
        **cursor_arguments(MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
    )
    publication_facets = graphene.Field(
        PublicationFacets,
        required=True,
        locale=_locale_arg(),
        description="Types and fiscal years with how many publications each has.",
    )
    budget_years = graphene.List(
        graphene.NonNull(BudgetYearPage),
        required=True,
        locale=_locale_arg(),
        description="Every published budget year, newest first.",
    )

    @staticmethod
    def resolve_publications(
        root, info, locale="ar", type=None, year=None, file_language=None, first=None, after=None
    ):
        language = resolve_locale(locale)
        pages = filtered_publications(language, type, year, file_language)
        found = paginate(
            pages.prefetch_related("files__document"),
            ("-publication_date", "pk"),
            first=first,
            after=after,
            max_size=MAX_PAGE_SIZE,
            default_size=DEFAULT_PAGE_SIZE,
            tag="publications",
        )
        return PublicationList(found.items, found.page_info, pages.count)

    @staticmethod
    def resolve_publication_facets(root, info, locale="ar"):
        language = resolve_locale(locale)
        rows = list(
            visible_pages_of_type(models.PublicationPage, language).values_list(
                "publication_type", "fiscal_year"
            )
        )
        type_counts: dict[str, int] = {}
        year_counts: dict[int, int] = {}
        for kind, year in rows:
            type_counts[kind] = type_counts.get(kind, 0) + 1
            year_counts[year] = year_counts.get(year, 0) + 1
        with translation.override(language.language_code):
            types = [
                FacetCount(value=models.type_slug(v), label=str(label), count=type_counts[v])
                for v, label in models.PUBLICATION_TYPES
                if v in type_counts
            ]
        years = [
            FacetCount(
                value=str(y),
                label=FiscalYear.of(y, language.language_code).label,
                count=year_counts[y],
            )
            for y in sorted(year_counts, reverse=True)
        ]
        return PublicationFacets(types=types, years=years)

    @staticmethod
    def resolve_budget_years(root, info, locale="ar"):
        language = resolve_locale(locale)
        pages = visible_pages_of_type(models.BudgetYearPage, language)
        return list(pages.order_by("-fiscal_year").prefetch_related("lines"))


types = [PublicationIndexPage, PublicationPage, BudgetYearPage]
