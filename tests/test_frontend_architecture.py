"""The frontend reads content only through GraphQL: no model, no ORM, valid named queries."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from graphql import parse, specified_rules, validate

from cms.graphql.limits import extra_validation_rules
from cms.graphql.schema import schema
from frontend.client import OPERATIONS, load_operations
from frontend.rendering import PAGE_TEMPLATES

FRONTEND = Path(__file__).resolve().parent.parent / "frontend"
# Test support builds content with models; it is never imported by the running site.
EXEMPT = {"testing.py"}
FORBIDDEN_PREFIXES = (
    "django.db",
    "django.contrib.auth.models",
    "django.contrib.contenttypes",
    "wagtail",
    "modelcluster",
    "taggit",
    "site_pages",
    "services_catalog",
    "search",
    "graphene",
    "graphene_django",
)
# The in-process transport, the page cache's two marks a view puts on its response, and the
# text-only isolation of Latin runs that the API's rich text uses too.
ALLOWED_CMS_IMPORTS = {"cms.graphql.execute", "cms.page_cache", "cms.bidi", "cms.outages"}


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _frontend_modules() -> list[Path]:
    return [
        path
        for path in FRONTEND.rglob("*.py")
        if path.name not in EXEMPT and "migrations" not in path.parts
    ]


def _forbidden(name: str) -> bool:
    if name == "cms" or any(name.startswith(allowed) for allowed in ALLOWED_CMS_IMPORTS):
        return False
    return (
        name.startswith("cms.")
        or name.startswith(FORBIDDEN_PREFIXES)
        or name.endswith(".models")
        or ".models." in name
    )


def test_frontend_imports_no_model_or_orm_code():
    offenders = [
        f"{path.relative_to(FRONTEND.parent)}: {name}"
        for path in _frontend_modules()
        for name in _imports(path)
        if _forbidden(name)
    ]
    assert not offenders, "frontend/ must read content through GraphQL only:\n" + "\n".join(
        offenders
    )


def test_the_import_check_catches_a_model_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from site_pages.models import HomePage\nfrom django.db.models import Q\n")
    assert [name for name in _imports(bad) if _forbidden(name)]
    assert _forbidden("django.db.models.Q") and _forbidden("site_pages.models.HomePage")
    assert not _forbidden("cms.graphql.execute") and not _forbidden("django.http")


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_named_query_is_valid_against_the_schema(name):
    document = parse(OPERATIONS[name].document)
    errors = validate(
        schema.graphql_schema, document, [*specified_rules, *extra_validation_rules()]
    )
    assert not errors, f"{name}: {errors}"


def test_operations_carry_only_the_fragments_they_use(tmp_path):
    (tmp_path / "_fragments.graphql").write_text(
        "fragment A on Page { title ...B }\nfragment B on Page { url }\n"
        "fragment Unused on Page { id }\n"
    )
    (tmp_path / "q.graphql").write_text(
        'query One { page(path: "/") { ...A } }\nmutation Two { __typename }\n'
    )
    operations = load_operations(tmp_path)
    assert set(operations) == {"One", "Two"}
    assert "fragment A" in operations["One"].document
    assert "fragment B" in operations["One"].document
    assert "Unused" not in operations["One"].document
    assert operations["Two"].is_mutation and not operations["One"].is_mutation


def test_unnamed_operations_are_refused(tmp_path):
    (tmp_path / "q.graphql").write_text("{ __typename }")
    with pytest.raises(ValueError, match="named"):
        load_operations(tmp_path)


def test_every_registered_page_template_exists():
    from django.template.loader import get_template

    for template in PAGE_TEMPLATES.values():
        get_template(template)
