"""Top-level pages cannot take the slugs the frontend routes itself."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from frontend import i18n_urls, urls
from frontend.testing import build_site
from services_catalog.testing import editor_client  # noqa: F401 (a fixture)
from site_pages.models import StandardPage
from site_pages.models.base import RESERVED_TOP_LEVEL_SLUGS


def _first_segments() -> set[str]:
    segments = set()
    for pattern in [*i18n_urls.urlpatterns, *urls.urlpatterns]:
        first = str(pattern.pattern).lstrip("^").split("/")[0].replace("\\", "").rstrip("$")
        if re.fullmatch(r"[a-z][a-z0-9.\-]*", first):  # not the catch-all's group
            segments.add(first)
    return segments


def test_every_fixed_route_of_the_frontend_is_reserved():
    segments = _first_segments()
    assert {"search", "service-start", "enquiry", "feeds", "preview"} <= segments
    assert segments <= RESERVED_TOP_LEVEL_SLUGS, segments - RESERVED_TOP_LEVEL_SLUGS


@pytest.mark.parametrize("slug", sorted(RESERVED_TOP_LEVEL_SLUGS))
def test_a_top_level_page_cannot_take_a_reserved_slug(db, slug):
    site = build_site()
    homes = [site["home"], *site["home"].get_translations()]
    assert len(homes) == 2
    for home in homes:
        with pytest.raises(ValidationError) as error:
            home.add_child(instance=StandardPage(title="Taken", slug=slug))
        assert "slug" in error.value.message_dict


def test_the_same_slug_is_fine_deeper_in_the_tree(db):
    site = build_site()
    about = site["about"]
    page = about.add_child(instance=StandardPage(title="How search works", slug="search"))
    assert page.url == "/ar/about/search/"


def test_the_message_is_translated(db):
    site = build_site()
    with translation.override("ar"):
        with pytest.raises(ValidationError) as error:
            site["home"].add_child(instance=StandardPage(title="x", slug="enquiry"))
        message = error.value.message_dict["slug"][0]  # lazy: read in the language
    assert "enquiry" in message and "العنوان" in message


def test_the_admin_shows_the_error_next_to_the_slug(db, editor_client):  # noqa: F811
    site = build_site()
    home = site["home"]
    response = editor_client.post(
        f"/admin/pages/add/site_pages/standardpage/{home.pk}/",
        {
            "title": "Feeds",
            "slug": "feeds",
            "intro": "",
            "body-count": "0",
            "action-publish": "publish",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200  # the form again, not a redirect
    assert "is used by the site itself" in response.content.decode()
    assert not StandardPage.objects.filter(slug="feeds").exists()
