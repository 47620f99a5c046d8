"""Editors: the services listing with its filters and search, categories, and moderation."""

from __future__ import annotations

import pytest
from wagtail.models import Workflow

from services_catalog.models import ServicePage
from services_catalog.testing import make_service

pytestmark = pytest.mark.django_db
pytest_plugins = ["services_catalog.testing"]


@pytest.fixture
def services(catalogue):
    make_service(catalogue, "MOF-IND-601", category="payment-orders", audiences=["citizen"])
    make_service(catalogue, "MOF-IND-602", category="expropriation", audiences=["business"])
    make_service(
        catalogue,
        "MOF-IND-603",
        category="expropriation",
        audiences=["citizen"],
        status="suspended",
        fields={"status_note": "متوقفة مؤقتًا."},
        english_fields={"status_note": "Paused."},
    )
    return catalogue


def listed(response) -> set[str]:
    html = response.content.decode()
    return {code for code in ("MOF-IND-601", "MOF-IND-602", "MOF-IND-603") if code in html}


def test_listing_filters_by_category_audience_status_and_language(editor_client, services):
    url = "/admin/services/"
    assert editor_client.get(url).status_code == 200
    assert listed(editor_client.get(url)) == {"MOF-IND-601", "MOF-IND-602", "MOF-IND-603"}
    assert listed(editor_client.get(url, {"category": "expropriation"})) == {
        "MOF-IND-602",
        "MOF-IND-603",
    }
    assert listed(editor_client.get(url, {"audience": "citizen"})) == {"MOF-IND-601", "MOF-IND-603"}
    assert listed(editor_client.get(url, {"service_status": "suspended"})) == {"MOF-IND-603"}
    response = editor_client.get(url, {"language": "en", "category": "payment-orders"})
    assert listed(response) == {"MOF-IND-601"}
    assert editor_client.get(url, {"category": "<bad>"}).status_code == 200


def test_listing_search_finds_by_name(editor_client, services):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    response = editor_client.get("/admin/services/", {"q": "MOF-IND-602"})
    assert response.status_code == 200 and "MOF-IND-602" in response.content.decode()


def test_categories_are_translatable_snippets(editor_client, services):
    response = editor_client.get("/admin/snippets/services_catalog/servicecategory/")
    assert response.status_code == 200
    assert (
        "Payment orders" in response.content.decode() or "أوامر الدفع" in response.content.decode()
    )


def test_service_edit_form_opens(editor_client, services):
    page = ServicePage.objects.get(code="MOF-IND-601", locale__language_code="ar")
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()
    assert 'name="audiences"' in response.content.decode()


def test_services_go_through_moderation(editor_client, services):
    page = ServicePage.objects.get(code="MOF-IND-601", locale__language_code="ar")
    workflow = page.get_workflow()
    assert isinstance(workflow, Workflow) and workflow.active
    user = editor_client.user
    page.title = "عنوان معدل"
    revision = page.save_revision(user=user)
    workflow.start(page, user)
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert page.live_revision_id != revision.pk  # the change waits for approval
