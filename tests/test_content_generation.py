"""Every change the public can see bumps the content generation; drafts and KPIs do not."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from cms.content_generation import current_generation
from site_pages.models import Menu, SiteSettings, StandardPage
from site_pages.testing import add_page


@pytest.fixture
def bumps(django_capture_on_commit_callbacks):
    def measure(change) -> int:
        before = current_generation()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return current_generation() - before

    return measure


def test_publish_unpublish_move_and_delete_bump(bumps, home_ar):
    page = add_page(home_ar, StandardPage(title="صفحة", slug="p"))
    other = add_page(home_ar, StandardPage(title="أخرى", slug="o"))
    assert bumps(lambda: page.save_revision().publish()) >= 1
    assert bumps(lambda: page.unpublish()) >= 1
    assert bumps(lambda: page.move(other, pos="last-child")) >= 1
    assert bumps(lambda: other.delete()) >= 1


def test_a_draft_changes_nothing_public(bumps, home_ar):
    page = add_page(home_ar, StandardPage(title="صفحة", slug="p"))

    def save_draft():
        page.title = "مسودة"
        page.save_revision()

    assert bumps(save_draft) == 0


def test_view_restrictions_menus_and_settings_bump(bumps, home_ar):
    page = add_page(home_ar, StandardPage(title="صفحة", slug="p"))
    assert (
        bumps(lambda: PageViewRestriction.objects.create(page=page, restriction_type="login")) >= 1
    )
    assert bumps(lambda: Menu.objects.create(slot="main", title="ق", locale=home_ar.locale)) >= 1
    settings = SiteSettings.load()
    settings.ministry_name_ar = "وزارة المالية"
    assert bumps(settings.save) >= 1
