"""Wagtail's userbar, which carries the editor's content checks, is in previews for editors
only (issue 17, item 4; the browser test tests/browser/test_admin_checks_panel.py runs it)."""

from __future__ import annotations

import pytest

from site_pages.models import StandardPage
from site_pages.testing import add_page, make_site_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def preview_address():
    home_ar, _ = make_site_tree()
    page = add_page(home_ar, StandardPage(title="عن الوزارة", slug="about", intro="مقدمة"))
    preview = page.create_page_preview()
    preview.save()
    return f"/preview/?token={preview.token}&in_preview_panel=true"


def test_an_editor_s_preview_carries_the_checker(admin_client, preview_address):
    answer = admin_client.get(preview_address)
    assert answer.status_code == 200
    html = answer.content.decode()
    assert html.count('id="wagtail-userbar-template"') == 1
    # Inside the preview panel the userbar is there for the checks, not to be seen.
    assert "<aside hidden" in html


def test_nobody_else_gets_it(client, django_user_model, preview_address):
    # Someone holding a preview link who is not an editor, and a visitor on the public page.
    assert "wagtail-userbar" not in client.get(preview_address).content.decode()
    user = django_user_model.objects.create_user("reader", password="x-very-long-password")
    client.force_login(user)
    assert "wagtail-userbar" not in client.get(preview_address).content.decode()
    client.logout()
    public = client.get("/ar/about/")
    assert public.status_code == 200 and "wagtail-userbar" not in public.content.decode()
