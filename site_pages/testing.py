"""Pytest fixtures for the page tree, shared by every app's tests (loaded from tests/conftest.py)."""

from __future__ import annotations

import pytest
from wagtail.models import Collection, Locale, Page, Site

from site_pages.models import HomePage


def make_locales() -> tuple[Locale, Locale]:
    arabic, _ = Locale.objects.get_or_create(language_code="ar")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return arabic, english


def ensure_root_page() -> Page:
    """Wagtail's root page (and root collection, which documents and images default to),
    re-created if a transactional test's flush took them away."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    return root


def make_site_tree() -> tuple[HomePage, HomePage]:
    """An Arabic home page as the site root and its English translation, both live."""
    arabic, english = make_locales()
    root = ensure_root_page()
    # Wagtail's initial migration leaves a placeholder "Welcome" page at the top.
    Page.objects.filter(depth=2).delete()
    home_ar = HomePage(
        title="الصفحة الرئيسية", slug="home", hero_title="وزارة المالية", locale=arabic
    )
    root.add_child(instance=home_ar)
    home_ar.save_revision().publish()
    home_en = home_ar.copy_for_translation(english)
    home_en.title = "Home"
    home_en.hero_title = "Ministry of Finance"
    home_en.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home_ar, is_default_site=True)
    return HomePage.objects.get(pk=home_ar.pk), HomePage.objects.get(pk=home_en.pk)


def add_page(parent: Page, page: Page, publish: bool = True) -> Page:
    """Add `page` under `parent`: published, or a draft that was never live (as the admin makes)."""
    if not publish:
        page.live = False
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_live_children(parent, make, count: int) -> None:
    """`count` live pages under `parent`, without revisions (quicker than publishing each)."""
    for number in range(count):
        page = make(number)
        page.live = True
        parent.add_child(instance=page)


@pytest.fixture
def locales(db) -> tuple[Locale, Locale]:
    return make_locales()


@pytest.fixture
def site_tree(db) -> tuple[HomePage, HomePage]:
    return make_site_tree()


@pytest.fixture
def home_ar(site_tree) -> HomePage:
    return site_tree[0]


@pytest.fixture
def home_en(site_tree) -> HomePage:
    return site_tree[1]


def _stale_preview_token(identifier: str) -> str:
    """A correctly signed preview token issued two hours ago."""
    import time

    from django.core.signing import TimestampSigner, b62_encode

    class IssuedEarlier(TimestampSigner):
        def timestamp(self):
            return b62_encode(int(time.time()) - 2 * 3600)

    return IssuedEarlier(salt="headlesspreview.token").sign(identifier)


@pytest.fixture
def hidden_pages(site_tree) -> dict:
    """Pages the public must never see, each titled and slugged with 'secret', plus public pages
    that link to them; and one page per locale that the other locale must never list."""
    import datetime

    from django.utils import timezone
    from wagtail.models import PageViewRestriction
    from wagtail_headless_preview.models import PagePreview

    from site_pages.models import (
        ContactCentrePage,
        Menu,
        MenuItem,
        NewsArticlePage,
        NewsIndexPage,
        StandardPage,
    )

    home_ar, home_en = site_tree
    arabic, english = home_ar.locale, home_en.locale

    def standard(parent, slug, title, publish=True, **fields):
        return add_page(parent, StandardPage(title=title, slug=slug, **fields), publish=publish)

    draft = standard(home_ar, "secret-draft", "Secret draft", publish=False)
    unpublished = standard(home_ar, "secret-unpublished", "Secret unpublished")
    unpublished.unpublish()
    private = standard(home_ar, "secret-private", "Secret private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    private_child = standard(private, "secret-private-child", "Secret private child")
    expired = standard(home_ar, "secret-expired", "Secret expired")
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(days=1))
    with_draft = standard(home_ar, "public-with-draft", "Public title")
    with_draft.title = "Secret revision title"
    with_draft.save_revision()
    stale_token = _stale_preview_token(f"id={with_draft.pk}")
    # A preview token older than the policy allows must not open the draft.
    PagePreview.objects.create(
        token=stale_token, content_type=with_draft.content_type, content_json=with_draft.to_json()
    )

    news_index = add_page(home_ar, NewsIndexPage(title="الأخبار", slug="news"))
    add_page(news_index, NewsArticlePage(title="Public news", slug="public-news", summary="x"))
    add_page(
        news_index,
        NewsArticlePage(title="Secret news", slug="secret-news", summary="x"),
        publish=False,
    )
    centre = add_page(
        home_ar,
        ContactCentrePage(title="Secret centre", slug="secret-centre", email="care@mof.gov.sa"),
        publish=False,
    )
    home_ar.contact_centre_page = centre
    home_ar.save_revision().publish()

    link = f'<p><a linktype="page" id="{draft.pk}">hidden link text</a></p>'
    standard(
        home_ar,
        "public-links",
        "Public links",
        body=[
            {"type": "paragraph", "value": link},
            {
                "type": "call_to_action",
                "value": {"text": "Apply now", "page": private.pk, "url": "", "description": ""},
            },
            {
                "type": "accordion",
                "value": {"title": "", "items": [{"question": "q", "answer": link}]},
            },
        ],
    )
    menu = Menu(slot="main", title="Main", locale=arabic)
    menu.items = [MenuItem(page=private, locale=arabic), MenuItem(page=draft, locale=arabic)]
    menu.save()

    standard(home_ar, "onlyar", "onlyar page")
    standard(home_en, "onlyen", "onlyen page", locale=english)

    # Other apps' page types and snippets, seeded beside these (institution/testing.py).
    from institution.testing import seed_hidden_institution

    hidden_institution = seed_hidden_institution(home_ar, home_en)

    hidden_list = [draft, unpublished, private, private_child, expired, centre, *hidden_institution]
    paths = ["/", "/public-links/", "/public-with-draft/", "/news/"] + [
        "/" + "/".join(p.url_path.strip("/").split("/")[1:]) + "/" for p in hidden_list
    ]
    return {
        "ids": [p.pk for p in hidden_list] + [home_ar.pk, with_draft.pk],
        "paths": paths + ["/onlyar/", "/onlyen/"],
        "stale_token": stale_token,
    }
