"""The admin account `make serve` creates can use every account setting (issue 17, item 6)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from wagtail.users.models import UserProfile

PASSWORD = "a-long-enough-password-42"


class _AccountForm(HTMLParser):
    """The values the account page's form would send as a browser sends them."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in ("file", "submit"):
            if attributes.get("type") in ("checkbox", "radio") and "checked" not in attributes:
                return
            self.values[name] = attributes.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attributes:
            self.values[self._select] = attributes.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


@pytest.fixture
def admin_from_environment(monkeypatch, django_user_model):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "minister-admin")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    for variable in ("FIRST_NAME", "LAST_NAME", "EMAIL"):
        monkeypatch.delenv(f"DJANGO_SUPERUSER_{variable}", raising=False)
    call_command("ensure_superuser")
    return django_user_model.objects.get(username="minister-admin")


@pytest.mark.django_db
def test_the_created_admin_has_a_name_and_an_email(admin_from_environment):
    assert admin_from_environment.is_superuser
    assert admin_from_environment.first_name == "Site"
    assert admin_from_environment.last_name == "Administrator"
    assert admin_from_environment.email == "admin@localhost"


@pytest.mark.django_db
def test_the_created_admin_can_change_the_admin_language(client, admin_from_environment):
    client.force_login(admin_from_environment)
    page = client.get("/admin/account/")
    assert page.status_code == 200
    form = _AccountForm()
    form.feed(page.content.decode())
    assert "locale-preferred_language" in form.values
    form.values["locale-preferred_language"] = "ar"

    answer = client.post("/admin/account/", form.values)

    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert UserProfile.get_for_user(admin_from_environment).preferred_language == "ar"


@pytest.mark.django_db
def test_a_run_fills_in_a_missing_name_but_keeps_what_the_editor_set(
    monkeypatch, django_user_model
):
    django_user_model.objects.create_superuser(
        "minister-admin", email="", password=PASSWORD, first_name="Noura"
    )
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "minister-admin")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "care@mof.example")

    call_command("ensure_superuser")

    user = django_user_model.objects.get(username="minister-admin")
    assert (user.first_name, user.last_name, user.email) == (
        "Noura",
        "Administrator",
        "care@mof.example",
    )


@pytest.mark.django_db
def test_the_admin_asks_no_other_host_for_avatars(client, admin_from_environment):
    client.force_login(admin_from_environment)
    for address in ("/admin/", "/admin/account/", "/admin/users/"):
        page = client.get(address)
        assert page.status_code == 200
        assert "gravatar" not in page.content.decode().lower(), address
