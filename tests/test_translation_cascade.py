"""Unpublishing or deleting the Arabic source says so and takes its English translation along."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import ngettext

from services_catalog.models import ServicePage
from services_catalog.testing import make_service

pytestmark = pytest.mark.django_db
pytest_plugins = ["services_catalog.testing"]


def test_unpublishing_the_source_unpublishes_its_translation(catalogue, editor_client):
    arabic, english = make_service(catalogue, "MOF-IND-951")
    url = f"/admin/pages/{arabic.pk}/unpublish/"
    confirm = editor_client.get(url)
    with translation.override(confirm["Content-Language"]):
        says = ngettext(
            "This will also unpublish one translation of the page.",
            "This will also unpublish all %(translation_count)s translations of the page.",
            1,
        )
    assert says in confirm.content.decode()
    assert editor_client.post(url).status_code == 302
    assert not ServicePage.objects.get(pk=arabic.pk).live
    assert not ServicePage.objects.get(pk=english.pk).live


def test_unpublishing_a_translation_leaves_the_source(catalogue, editor_client):
    arabic, english = make_service(catalogue, "MOF-IND-952")
    assert editor_client.post(f"/admin/pages/{english.pk}/unpublish/").status_code == 302
    assert ServicePage.objects.get(pk=arabic.pk).live


def test_deleting_the_source_deletes_its_translation(catalogue, editor_client):
    arabic, english = make_service(catalogue, "MOF-IND-953")
    url = f"/admin/pages/{arabic.pk}/delete/"
    confirm = editor_client.get(url).content.decode()
    assert "translation" in confirm
    assert editor_client.post(url).status_code == 302
    assert not ServicePage.objects.filter(pk__in=[arabic.pk, english.pk]).exists()
