"""The one visibility policy: what content may leave the API.

Every resolver that returns pages, snippets or links goes through these functions. Visible
means: live, public (no view restriction on the page or an ancestor), not past its expiry, in
the requested locale, and not an alias (the tree sync's untranslated placeholder). A draft is
visible only as the single page a valid preview token names.

"Live" is kept truthful for translations: a page in one language's tree is public only once a
version of it in that language has been published. wagtail-localize's "Translate this page"
turns the tree sync's alias (live, holding the source's text) into a real page; left as it is,
that page would stay live with the other language's text. `keep_started_translation_private`
makes it a draft at that moment (the admin then says "Draft", and every list, search, sitemap,
feed, open-data file and GraphQL field, all of which filter on `live` here, agree), and
`WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False` stops wagtail-localize from publishing
the untranslated copy on the editor's behalf. Publishing the translation makes it public.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.signing import BadSignature, SignatureExpired, TimestampSigner
from django.db.models import Q, QuerySet
from django.utils import timezone
from graphql import GraphQLError
from wagtail.models import Locale, Page, PageViewRestriction

from cms.graphql.read_once import read_once

PREVIEW_TOKEN_MAX_AGE_SECONDS = 60 * 60
SUPPORTED_LOCALES = ("ar", "en")
DEFAULT_LOCALE = "ar"

PageQS = TypeVar("PageQS", bound=QuerySet)


UNKNOWN_LOCALE = "UNKNOWN_LOCALE"


def unknown_locale_error(code: str) -> GraphQLError:
    return GraphQLError(
        f"Unknown locale '{code[:10]}'. Use one of: {', '.join(SUPPORTED_LOCALES)}.",
        extensions={"code": UNKNOWN_LOCALE},
    )


def resolve_locale(language_code: str | None) -> Locale:
    """The Locale for a language code from the API, or a client error naming the choices."""
    code = (language_code or DEFAULT_LOCALE).strip().lower()
    if code not in SUPPORTED_LOCALES:
        raise unknown_locale_error(code)
    for locale in all_locales():
        if locale.language_code == code:
            return locale
    raise GraphQLError(
        f"Locale '{code}' is not set up on this site.", extensions={"code": UNKNOWN_LOCALE}
    )


def all_locales() -> list[Locale]:
    """Every locale (there are two), read once per response: the requested one, the active one
    and the language of each page listed all come from this one query."""
    return read_once("locales", lambda: list(Locale.objects.all()))


def restricted_paths() -> list[str]:
    """Paths of the pages under a view restriction: they and all below them are private.

    Read once per request: every list of pages in a response asks.
    """
    return read_once(
        "restricted_paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def visible_pages(
    queryset: PageQS | None = None,
    locale: Locale | None = None,
) -> PageQS:
    """Narrow a page queryset to what the public may see, optionally in one locale."""
    qs = Page.objects.all() if queryset is None else queryset
    now = timezone.now()
    qs = qs.filter(live=True, expired=False).filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=now)
    )
    # wagtail-localize's tree sync places untranslated pages in the other language's tree as
    # aliases of the source: they hold text in the wrong language, so they stay private until
    # an editor translates them. (Aliases in the same language are not served either: the
    # original page is; a plain column filter keeps the rule usable by the search backends.)
    qs = qs.filter(alias_of__isnull=True)
    restricted = restricted_paths()
    if restricted:
        under_restriction = Q()
        for path in restricted:
            under_restriction |= Q(path__startswith=path)
        qs = qs.exclude(under_restriction)
    if locale is not None:
        qs = qs.filter(locale=locale)
    return qs


def keep_started_translation_private(sender, instance, update_fields=None, **kwargs) -> None:
    """`pre_save` of pages: an alias of a page in another language becoming a page of its own
    (wagtail-localize's "Translate this page", or Wagtail's "convert alias") becomes a draft.

    Both save only `alias_of_id` first, on the instance they then save again and revise, so the
    draft state set on the instance here is what they keep. An alias in the same language keeps
    its state: its text is already in the right language.
    """
    if not update_fields or "alias_of_id" not in update_fields or instance.alias_of_id is not None:
        return
    if not instance.pk or not instance.live:
        return
    source_locale = (
        Page.objects.filter(pk=instance.pk, alias_of__isnull=False)
        .values_list("alias_of__locale_id", flat=True)
        .first()
    )
    if source_locale is None or source_locale == instance.locale_id:
        return
    instance.live = False
    instance.live_revision = None
    instance.has_unpublished_changes = True
    Page.objects.filter(pk=instance.pk).update(
        live=False, live_revision=None, has_unpublished_changes=True
    )


def visible_pages_of_type(model: type[Page], locale: Locale | int | None = None) -> QuerySet:
    """`visible_pages` for a page type with few pages (news articles, index pages).

    The type's own ids as a sub-query let SQLite start from the type's small table instead of
    walking every visible page of the language, services included: over 10,000 services the
    home page's latest news went from 4.5 ms to 0.5 ms, the catalogue's look-up from 1.3 ms to
    0.3 ms. (Not for services: a sub-query of 20,000 ids costs more than it saves.)
    """
    pages = model.objects.filter(id__in=model.objects.values("pk"))
    return visible_pages(pages, locale)


def unique_match(queryset: QuerySet) -> Any:
    """The row of a look-up by a unique key (id, path, service code in a locale), or None.

    Not `.first()`: its ORDER BY the primary key makes the database walk Wagtail's page table in
    key order instead of using the look-up's index (38 ms against 2.6 ms for a service code over
    20,000 pages on SQLite).
    """
    return next(iter(queryset.order_by()[:1]), None)


def visible_page_ids(page_ids: Iterable[int], locale: Locale | None = None) -> set[int]:
    """Which of these page ids may be shown (one query): for links and chooser blocks."""
    ids = {int(pk) for pk in page_ids if pk is not None}
    if not ids:
        return set()
    return set(visible_pages(Page.objects.filter(pk__in=ids), locale).values_list("pk", flat=True))


def visible_snippets(queryset: QuerySet, locale: Locale) -> QuerySet:
    """Translatable snippets in one locale; snippets with a `live` flag must be live."""
    qs = queryset.filter(locale=locale)
    if any(f.name == "live" for f in queryset.model._meta.get_fields()):
        qs = qs.filter(live=True)
    return qs


def preview_page(token: str | None) -> Page | None:
    """The draft a wagtail-headless-preview token names, or None if the token is invalid or stale."""
    if not token or len(token) > 512:
        return None
    from wagtail_headless_preview.models import PagePreview

    signer = TimestampSigner(salt="headlesspreview.token")
    try:
        signer.unsign(token, max_age=PREVIEW_TOKEN_MAX_AGE_SECONDS)
    except (BadSignature, SignatureExpired):
        return None
    preview = PagePreview.objects.filter(token=token).first()
    if preview is None:
        return None
    page = preview.as_page()
    if page.pk is None:
        stand_in_for_unsaved(page)
    return page


# The id an unsaved page shows in its preview: no saved page has it (ids start at 1), so a
# look-up by it finds nothing, while the schema's `id: ID!` keeps its promise.
UNSAVED_PREVIEW_ID = 0


def stand_in_for_unsaved(page: Page) -> None:
    """Make a page never saved (Add page > Preview) resolvable as a preview: a stand-in id and
    the language of the place it is being added (Wagtail's create view takes the parent's)."""
    page.pk = page.id = UNSAVED_PREVIEW_ID
    if page.locale_id is None:
        parent = page.get_parent() if page.path else None
        if parent is not None and parent.depth > 1:
            page.locale_id = parent.locale_id
        else:
            page.locale_id = Locale.get_default().pk
