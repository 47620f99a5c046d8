"""GraphQL types and root fields for pages, menus and site settings.

Every page that leaves the API comes through `cms.graphql.visibility`: root fields, `parent`,
`ancestors`, `children`, `translations`, chooser fields and links in rich text alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import graphene
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from graphql import GraphQLError
from wagtail.models import Page, Site

from cms.graphql.batching import (
    CHILDREN_KEYSET,
    PageBatch,
    asks_for_type_fields,
    language_code,
    page_url,
    url_request,
)
from cms.graphql.hijri import hijri_beside, hijri_field
from cms.graphql.page_registry import detail_queryset, graphql_type_for, register_page_type
from cms.graphql.paging import Keyset, PageInfo, cursor_arguments, page_size
from cms.graphql.read_once import read_once
from cms.graphql.visibility import (
    preview_page,
    resolve_locale,
    unique_match,
    visible_pages,
    visible_pages_of_type,
    visible_snippets,
)
from reviews.graphql import ReviewedContent
from site_pages import models
from site_pages.graphql_blocks import Block, Image, stream_to_blocks

MAX_PAGE_SIZE = 50
MAX_PATH_LENGTH = 500


def clamp_page_size(first: int | None, default: int = 10) -> int:
    if first is None:
        return default
    if first < 0:
        raise GraphQLError("'first' must not be negative.")
    return min(first, MAX_PAGE_SIZE)


def clamp_offset(offset: int | None) -> int:
    if offset is not None and offset < 0:
        raise GraphQLError("'offset' must not be negative.")
    return offset or 0


def path_in_locale(page: Page) -> str:
    """The page's path under its language's home page: '/' for the home page itself."""
    segments = [s for s in (page.url_path or "").strip("/").split("/") if s][1:]
    return "/" + "".join(f"{s}/" for s in segments)


def locale_home(locale, request: HttpRequest | None = None) -> Page | None:
    """The language's home page in the site serving the request (the default site without
    one). Wagtail keeps that site on the request, where page URLs look it up too."""
    if request is not None:
        site = Site.find_for_request(request)
    else:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    if site.root_page.locale_id == locale.pk:
        return site.root_page
    return unique_match(
        Page.objects.filter(translation_key=site.root_page.translation_key, locale=locale)
    )


def read_as_own_type(found: QuerySet) -> Page | None:
    """The page a look-up by a unique key finds, read whole as its own type with what its type
    shows joined in (`register_page_type(..., detail_queryset)`): the look-up reads only the
    id and type, then one query reads the page."""
    match = unique_match(found.only("id", "content_type_id"))
    if match is None:
        return None
    model = match.specific_class or Page  # a model gone from the code: shown as a plain page
    return unique_match(detail_queryset(model).filter(pk=match.pk))  # None: deleted in between


class PageInterface(graphene.Interface):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    seo_title = graphene.String(required=True)
    search_description = graphene.String(required=True)
    slug = graphene.String(required=True)
    locale = graphene.String(required=True, description="Language code: ar or en")
    url = graphene.String(description="Public URL path, e.g. /ar/about/")
    path = graphene.String(required=True, description="Path under the language's home page")
    first_published_at = graphene.DateTime()
    last_published_at = graphene.DateTime(description="Last updated: date and time")
    first_published_at_hijri = hijri_field("firstPublishedAt")
    last_published_at_hijri = hijri_field("lastPublishedAt")
    parent = graphene.Field(lambda: PageInterface)
    ancestors = graphene.List(graphene.NonNull(lambda: PageInterface), required=True)
    children = graphene.List(
        graphene.NonNull(lambda: PageInterface),
        required=True,
        first=graphene.Int(description=f"At most {MAX_PAGE_SIZE}"),
    )
    children_connection = graphene.Field(
        lambda: PageConnection,
        required=True,
        description="The children with cursors, for reading them all: `children` stops at "
        f"{MAX_PAGE_SIZE}.",
        **cursor_arguments(MAX_PAGE_SIZE, default_size=MAX_PAGE_SIZE),
    )
    translations = graphene.List(graphene.NonNull(lambda: PageInterface), required=True)

    class Meta:
        name = "Page"

    @classmethod
    def resolve_type(cls, instance, info):
        return graphql_type_for(instance) or GenericPage

    @staticmethod
    def resolve_id(page, info):
        return page.pk

    @staticmethod
    def resolve_locale(page, info):
        return language_code(page.locale_id)

    @staticmethod
    def resolve_url(page, info):
        return page_url(page, info.context)

    @staticmethod
    def resolve_path(page, info):
        return path_in_locale(page)

    @staticmethod
    def resolve_last_published_at(page, info):
        return page.last_published_at or page.latest_revision_created_at

    @staticmethod
    def resolve_first_published_at_hijri(page, info):
        return hijri_beside(page.first_published_at, language_code(page.locale_id))

    @staticmethod
    def resolve_last_published_at_hijri(page, info):
        updated = page.last_published_at or page.latest_revision_created_at
        return hijri_beside(updated, language_code(page.locale_id))

    @staticmethod
    def resolve_parent(page, info):
        return PageBatch.of(page, info.context).parent(page, asks_for_type_fields(info))

    @staticmethod
    def resolve_ancestors(page, info):
        return PageBatch.of(page, info.context).ancestors(page, asks_for_type_fields(info))

    @staticmethod
    def resolve_children(page, info, first=None):
        return PageBatch.of(page, info.context).children(
            page, clamp_page_size(first, MAX_PAGE_SIZE), asks_for_type_fields(info)
        )

    @staticmethod
    def resolve_children_connection(page, info, first=None, after=None):
        size = page_size(first, MAX_PAGE_SIZE, MAX_PAGE_SIZE)
        if after:
            CHILDREN_KEYSET.decode(after)  # a bad cursor is refused, not read as "from the start"
        found = PageBatch.of(page, info.context).children(
            page, size + 1, asks_for_type_fields(info, within="items"), after
        )
        return CHILDREN_KEYSET.page(found, size, after)

    @staticmethod
    def resolve_translations(page, info):
        return PageBatch.of(page, info.context).translations(page, asks_for_type_fields(info))


class GenericPage(graphene.ObjectType):
    class Meta:
        interfaces = (PageInterface,)


class HomePage(graphene.ObjectType):
    hero_title = graphene.String(required=True)
    hero_text = graphene.String(required=True)
    hero_image = graphene.Field(Image)
    featured_title = graphene.String(required=True)
    featured = graphene.List(graphene.NonNull(Block), required=True)
    contact_centre = graphene.Field(lambda: ContactCentrePage)
    contact_centre_teaser = graphene.String(required=True)
    latest_news = graphene.List(graphene.NonNull(lambda: NewsArticlePage), required=True)

    class Meta:
        interfaces = (PageInterface,)

    @staticmethod
    def resolve_featured(page, info):
        return stream_to_blocks(page.featured, info.context, page.locale_id)

    @staticmethod
    def resolve_contact_centre(page, info):
        if not page.contact_centre_page_id:
            return None
        target = visible_pages(
            models.ContactCentrePage.objects.filter(pk=page.contact_centre_page_id)
        )
        # The chooser points at one language's page; show the visitor's language version.
        found = unique_match(target)
        if found is None:
            return None
        if found.locale_id != page.locale_id:
            found = unique_match(
                visible_pages(
                    models.ContactCentrePage.objects.filter(translation_key=found.translation_key),
                ).filter(locale_id=page.locale_id)
            )
        return found

    @staticmethod
    def resolve_latest_news(page, info):
        news = visible_pages_of_type(models.NewsArticlePage, page.locale_id)
        return list(
            news.descendant_of(page)
            .order_by("-date", "-pk")
            .select_related("image", "locale")[: page.news_count]
        )


class StandardPage(graphene.ObjectType):
    intro = graphene.String(required=True)
    body = graphene.List(graphene.NonNull(Block), required=True)

    class Meta:
        interfaces = (PageInterface, ReviewedContent)

    @staticmethod
    def resolve_body(page, info):
        return stream_to_blocks(page.body, info.context, page.locale_id)


class NewsArticlePage(graphene.ObjectType):
    date = graphene.Date(required=True)
    date_hijri = hijri_field("date")
    summary = graphene.String(required=True)
    image = graphene.Field(Image)
    image_alt = graphene.String(required=True)
    body = graphene.List(graphene.NonNull(Block), required=True)

    class Meta:
        interfaces = (PageInterface,)

    @staticmethod
    def resolve_date_hijri(page, info):
        return hijri_beside(page.date, language_code(page.locale_id))

    @staticmethod
    def resolve_image(page, info):
        return PageBatch.of(page, info.context).images(page, "image")

    @staticmethod
    def resolve_body(page, info):
        return stream_to_blocks(page.body, info.context, page.locale_id)


class PageConnection(graphene.ObjectType):
    items = graphene.List(graphene.NonNull(PageInterface), required=True)
    page_info = graphene.Field(PageInfo, required=True)


class NewsConnection(graphene.ObjectType):
    total_count = graphene.Int(required=True)
    items = graphene.List(graphene.NonNull(NewsArticlePage), required=True)
    page_info = graphene.Field(
        PageInfo, required=True, description="endCursor goes in 'after' for the next page"
    )


# Newest first; the cursor of an article is its (date, id).
NEWS_KEYSET = Keyset(models.NewsArticlePage, ("-date", "-pk"), tag="news")


@dataclass
class NewsList:
    """What a news list resolves to: counted only when `totalCount` is asked for."""

    items: list
    page_info: PageInfo
    count: Callable[[], int]

    @cached_property
    def total_count(self) -> int:
        return self.count()


def news_connection(queryset, first, offset, after=None) -> NewsList:
    if after is not None and offset is not None:
        raise GraphQLError("Use either 'after' or 'offset', not both.")
    limit, start = page_size(first, 10, MAX_PAGE_SIZE), clamp_offset(offset)
    listed = NEWS_KEYSET.filter_after(queryset, after)
    ordered = NEWS_KEYSET.order_by(listed).select_related("image", "locale")
    page = NEWS_KEYSET.page(list(ordered[start : start + limit + 1]), limit, after)
    page.page_info.has_previous_page = bool(after or start)
    return NewsList(items=page.items, page_info=page.page_info, count=queryset.count)


class NewsIndexPage(graphene.ObjectType):
    intro = graphene.String(required=True)
    articles = graphene.Field(
        NewsConnection,
        required=True,
        offset=graphene.Int(),
        **cursor_arguments(MAX_PAGE_SIZE, default_size=10),
    )

    class Meta:
        interfaces = (PageInterface,)

    @staticmethod
    def resolve_articles(page, info, first=None, offset=None, after=None):
        children = visible_pages_of_type(models.NewsArticlePage).child_of(page)
        return news_connection(children, first, offset, after)


class WorkingHours(graphene.ObjectType):
    days = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="schema.org day names"
    )
    first_day = graphene.Int(required=True, description="0 = Sunday")
    last_day = graphene.Int(required=True)
    opens = graphene.Time(required=True)
    closes = graphene.Time(required=True)

    @staticmethod
    def resolve_days(hours, info):
        return hours.day_names


class ContactCentrePage(graphene.ObjectType):
    intro = graphene.String(required=True)
    phone_number = graphene.String(required=True)
    email = graphene.String(required=True)
    social_account = graphene.String(required=True)
    social_url = graphene.String(required=True)
    audiences = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="individuals, public_bodies, private_bodies",
    )
    working_hours = graphene.List(graphene.NonNull(WorkingHours), required=True)
    body = graphene.List(graphene.NonNull(Block), required=True)

    class Meta:
        interfaces = (PageInterface, ReviewedContent)

    @staticmethod
    def resolve_working_hours(page, info):
        return list(page.working_hours.all())

    @staticmethod
    def resolve_body(page, info):
        return stream_to_blocks(page.body, info.context, page.locale_id)


for _model, _type in [
    (models.HomePage, HomePage),
    (models.StandardPage, StandardPage),
    (models.NewsIndexPage, NewsIndexPage),
    (models.NewsArticlePage, NewsArticlePage),
    (models.ContactCentrePage, ContactCentrePage),
]:
    register_page_type(_model, _type)


MenuSlot = graphene.Enum("MenuSlot", [("MAIN", "main"), ("FOOTER", "footer")])


class MenuItem(graphene.ObjectType):
    label = graphene.String(required=True)
    url = graphene.String(required=True)
    is_external = graphene.Boolean(required=True)


class Menu(graphene.ObjectType):
    title = graphene.String(required=True)
    slot = graphene.String(required=True)
    items = graphene.List(graphene.NonNull(MenuItem), required=True)

    @staticmethod
    def resolve_items(menu, info):
        items = list(menu.items.all())
        shown = getattr(menu, "_shown_pages", None)
        if shown is None:
            shown = _shown_pages([menu])
        resolved = []
        for item in items:
            if item.page_id:
                page = shown.get(item.page_id)
                if page is None:
                    continue
                resolved.append(
                    MenuItem(
                        label=item.label or page.title,
                        url=page_url(page, info.context),
                        is_external=False,
                    )
                )
            else:
                resolved.append(MenuItem(label=item.label, url=item.url, is_external=True))
        return resolved


def _shown_pages(menus: list) -> dict[int, Page]:
    """The pages linked from these menus' items that may be shown, by id (one query for all
    menus). Only what an item shows is read: its title, and the path its URL is made from."""
    linked = {item.page_id for menu in menus for item in menu.items.all() if item.page_id}
    if not linked:
        return {}
    pages = visible_pages(Page.objects.filter(pk__in=linked)).only("id", "title", "url_path")
    return {page.pk: page for page in pages}


def _menus_by_slot(language) -> dict:
    """Every menu of the language, by slot, read once per response: a page shows the main menu
    and the footer menu together."""
    return read_once(f"menus:{language.pk}", lambda: _load_menus(language))


def _load_menus(language) -> dict:
    menus = list(
        visible_snippets(models.Menu.objects.all(), language)
        .order_by("pk")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=models.MenuItem.objects.order_by("sort_order"),
            )
        )
    )
    shown = _shown_pages(menus)
    by_slot = {}
    for menu in menus:
        menu._shown_pages = shown
        by_slot.setdefault(menu.slot, menu)
    return by_slot


class SocialLink(graphene.ObjectType):
    network = graphene.String(required=True)
    url = graphene.String(required=True)


class SecurityTxt(graphene.ObjectType):
    """What /.well-known/security.txt says (RFC 9116)."""

    contact = graphene.String(required=True, description="mailto:, https: or tel: address")
    expires = graphene.DateTime(required=True)
    preferred_languages = graphene.String(required=True, description="e.g. ar, en")
    policy = graphene.String(required=True, description="Disclosure policy address; may be empty")


class SiteSettings(graphene.ObjectType):
    ministry_name = graphene.String(required=True)
    dga_registration_number = graphene.String(
        required=True,
        description="Registration with the Digital Government Authority, for the official "
        "website banner; empty when not set",
    )
    security_txt = graphene.Field(
        SecurityTxt, description="Null until a security contact and its expiry are set"
    )
    contact_phone = graphene.String(required=True)
    contact_email = graphene.String(required=True)
    social_account = graphene.String(required=True)
    social_links = graphene.List(graphene.NonNull(SocialLink), required=True)


def _locale_arg():
    return graphene.String(default_value="ar", description="Language code: ar (default) or en")


class Query:
    page = graphene.Field(
        PageInterface,
        path=graphene.String(
            required=True, description="Path under the language's home, e.g. /about/"
        ),
        locale=_locale_arg(),
    )
    page_by_id = graphene.Field(
        PageInterface, id=graphene.ID(required=True), locale=graphene.String()
    )
    page_preview = graphene.Field(
        PageInterface,
        token=graphene.String(required=True),
        description="The draft named by a preview token from the admin's Preview button.",
    )
    news = graphene.Field(
        NewsConnection,
        required=True,
        locale=_locale_arg(),
        offset=graphene.Int(),
        **cursor_arguments(MAX_PAGE_SIZE, default_size=10),
    )
    menu = graphene.Field(
        Menu, slot=graphene.Argument(MenuSlot, required=True), locale=_locale_arg()
    )
    site_settings = graphene.Field(SiteSettings, required=True, locale=_locale_arg())

    @staticmethod
    def resolve_page(root, info, path, locale="ar"):
        language = resolve_locale(locale)
        if len(path) > MAX_PATH_LENGTH:
            raise GraphQLError(f"'path' is too long: at most {MAX_PATH_LENGTH} characters.")
        home = locale_home(language, url_request(info.context))
        if home is None:
            return None
        segments = [s for s in path.split("/") if s]
        url_path = home.url_path + "".join(f"{s}/" for s in segments)
        page = read_as_own_type(visible_pages(Page.objects.filter(url_path=url_path), language))
        if page is not None:
            page.locale = language  # the filter chose it: page.locale then costs no query
        return page

    @staticmethod
    def resolve_page_by_id(root, info, id, locale=None):
        try:
            pk = int(id)
        except (TypeError, ValueError):
            raise GraphQLError("'id' must be a page number.") from None
        language = resolve_locale(locale) if locale else None
        return read_as_own_type(visible_pages(Page.objects.filter(pk=pk, depth__gte=2), language))

    @staticmethod
    def resolve_page_preview(root, info, token):
        return preview_page(token)

    @staticmethod
    def resolve_news(root, info, locale="ar", first=None, offset=None, after=None):
        language = resolve_locale(locale)
        return news_connection(
            visible_pages_of_type(models.NewsArticlePage, language), first, offset, after
        )

    @staticmethod
    def resolve_menu(root, info, slot, locale="ar"):
        language = resolve_locale(locale)
        slot_value = slot.value if hasattr(slot, "value") else slot
        return _menus_by_slot(language).get(slot_value)

    @staticmethod
    def resolve_site_settings(root, info, locale="ar"):
        language = resolve_locale(locale)
        # With the request, Wagtail keeps the settings on it for the rest of the response.
        settings = models.SiteSettings.load(request_or_site=url_request(info.context))
        return SiteSettings(
            ministry_name=settings.ministry_name(language.language_code),
            contact_phone=settings.contact_phone,
            contact_email=settings.contact_email,
            social_account=settings.social_account,
            social_links=[SocialLink(network=n, url=u) for n, u in settings.social_links()],
            dga_registration_number=settings.dga_registration_number,
            security_txt=SecurityTxt(
                contact=settings.security_contact.strip(),
                expires=settings.security_expires,
                preferred_languages=settings.security_languages,
                policy=settings.security_policy_url,
            )
            if settings.security_txt_ready()
            else None,
        )


types = [GenericPage, HomePage, StandardPage, NewsIndexPage, NewsArticlePage, ContactCentrePage]
