"""Old addresses (issue 21, item 4): the old site's map imported, matched in any letter case and
encoding, honoured by our frontend over both transports and by GraphQL; loops refused; missing
paths counted through the count buffer into the "not found" report."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from io import StringIO
from urllib.parse import quote, unquote

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from old_addresses import importing, lookup, missing
from old_addresses.demo import DEMO_MAP
from old_addresses.models import MissingPath

pytestmark = pytest.mark.django_db
pytest_plugins = ["services_catalog.testing"]

REDIRECT_QUERY = "query($p: String!) { redirect(path: $p) { location statusCode permanent } }"


def demo_rows() -> list[tuple[str, str]]:
    with DEMO_MAP.open(encoding="utf-8") as handle:
        return [(row["old_path"], row["new_path"]) for row in csv.DictReader(handle)]


def final_target(new: str, rows: dict[str, str]) -> str:
    """Where a row's new address ends up once chains are followed."""
    while new in rows:
        new = rows[new]
    return new


def path_of(old: str) -> str:
    return old.split("mof.gov.sa", 1)[-1]


def spellings(old: str) -> set[str]:
    """The old address as links to it spread: as given, upper and lower case, encoded and not."""
    path = path_of(old)
    decoded = unquote(path)
    encoded = quote(decoded, safe="/?=&")
    return {path, decoded, encoded, decoded.upper(), decoded.lower(), encoded.lower()}


@pytest.fixture(scope="module")
def demo_database(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo loaded once for the module's tests (about 30 s a load), in a transaction rolled
    back after them: each test's own transaction (pytest-django's `db`) is a savepoint inside
    it, so what one test changes is gone before the next. The test that needs committed rows
    (`transaction=True`) is in test_old_addresses_http.py: it cannot run inside this one."""
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo_content", "--no-index", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_database, db) -> dict[str, str]:
    return {path_of(old): new for old, new in demo_rows()}


def test_each_old_address_redirects_in_any_spelling(client, demo, gql):
    assert Redirect.objects.count() == len(demo)
    for old, new in demo.items():
        expected = final_target(new, demo)
        for spelling in spellings(old):
            response = client.get(spelling)
            assert response.status_code == 301, (spelling, response.status_code)
            assert response["Location"] == expected, spelling
            answer = gql(REDIRECT_QUERY, {"p": spelling})["redirect"]
            assert answer == {"location": expected, "statusCode": 301, "permanent": True}
    # The chain /ar/Pages/Home.aspx -> /ar/Pages/default.aspx -> /ar/ answers at once.
    assert client.get("/ar/pages/HOME.aspx")["Location"] == "/ar/"
    # And the target pages answer.
    assert client.get("/ar/services/follow-payment-order/").status_code == 200
    assert gql(REDIRECT_QUERY, {"p": "/ar/no-such-old-page.aspx"})["redirect"] is None


def test_old_addresses_redirect_under_debug_as_make_serve_runs(client, demo, settings):
    """With DEBUG on, Django answers a path no route matches with its technical 404 and skips
    handler404; the old addresses must redirect there too (frontend/middleware.py)."""
    settings.DEBUG = True
    for old, new in list(demo.items())[:6]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, final_target(new, demo))
    assert client.get("/ar/no-such-old-page.aspx").status_code == 404


@pytest.mark.parametrize("debug", [False, True])
def test_slash_and_language_redirects_are_not_counted_as_missing(client, demo, settings, debug):
    """A link without its trailing slash or language prefix is redirected by Django's own
    middleware: it is not a missing address for the editors' report."""
    settings.DEBUG = debug
    missing.buffer.flush()
    assert client.get("/ar/about")["Location"] == "/ar/about/"
    assert client.get("/about/")["Location"] == "/ar/about/"
    missing.buffer.flush()
    assert not MissingPath.objects.exists()
    assert client.get("/ar/no-such-old-page.aspx").status_code == 404
    missing.buffer.flush()
    assert list(MissingPath.objects.values_list("path", flat=True)) == ["/ar/no-such-old-page.aspx"]


def test_the_demo_import_is_idempotent(demo):
    result = importing.import_rows(importing.read_file(DEMO_MAP))
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(demo))


def test_loops_are_refused_with_the_rows_that_make_them(demo):
    rows = [
        importing.Row(2, "/ar/Old/A.aspx", "/ar/Old/B.aspx"),
        importing.Row(3, "/ar/Old/B.aspx", "/ar/Old/A.aspx"),
        importing.Row(4, "/ar/Old/C.aspx", "/ar/about/"),
    ]
    before = Redirect.objects.count()
    with pytest.raises(importing.ImportRefused) as refused:
        importing.import_rows(rows)
    message = " ".join(refused.value.errors)
    assert "Row 2" in message or "الصف 2" in message
    assert "/ar/old/a.aspx → /ar/old/b.aspx → /ar/old/a.aspx" in message
    assert Redirect.objects.count() == before  # nothing imported, not even the good row
    # A loop through an existing redirect is refused too.
    importing.import_rows([importing.Row(2, "/ar/Old/D.aspx", "/ar/Old/E.aspx")])
    with pytest.raises(importing.ImportRefused) as refused:
        importing.import_rows([importing.Row(2, "/ar/old/e.ASPX", "/ar/Old/D.aspx")])
    assert "/ar/old/e.aspx → /ar/old/d.aspx → /ar/old/e.aspx" in refused.value.errors[0]
    # The same old address twice with two targets, and an address to itself.
    with pytest.raises(importing.ImportRefused) as refused:
        importing.import_rows(
            [
                importing.Row(2, "/ar/X.aspx", "/ar/about/"),
                importing.Row(3, "/AR/x.ASPX", "/ar/news/"),
                importing.Row(4, "/ar/Y.aspx", "/ar/y.ASPX"),
            ]
        )
    assert len(refused.value.errors) == 2


def test_the_import_page_takes_csv_and_xlsx_and_says_why_it_refuses(
    editor_client, demo, django_capture_on_commit_callbacks
):
    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    book = openpyxl.Workbook()
    book.active.append(["old_path", "new_path"])
    book.active.append(["/en/Pages/Terms.aspx", "/en/terms/"])
    buffer = __import__("io").BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("map.xlsx", buffer.getvalue())
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/old-addresses/import/", {"file": upload, "permanent": "on"}
        )
    assert response.status_code == 302
    assert editor_client.get("/en/PAGES/terms.aspx")["Location"] == "/en/terms/"

    loop = SimpleUploadedFile("loop.csv", importing.as_csv([("/a.aspx", "/b"), ("/b", "/a.aspx")]))
    response = editor_client.post("/admin/old-addresses/import/", {"file": loop})
    assert response.status_code == 400
    assert "/a.aspx → /b → /a.aspx" in response.content.decode()
    bad = SimpleUploadedFile("map.pdf", b"%PDF")
    assert editor_client.post("/admin/old-addresses/import/", {"file": bad}).status_code == 400
    broken = SimpleUploadedFile("map.xlsx", b"not a workbook")
    assert editor_client.post("/admin/old-addresses/import/", {"file": broken}).status_code == 400


def test_a_redirect_to_a_hidden_page_reveals_nothing(demo, gql, django_capture_on_commit_callbacks):
    page = Page.objects.get(url_path="/home/about/")
    with django_capture_on_commit_callbacks(execute=True):
        Redirect.objects.create(old_path="/ar/secret.aspx", redirect_page=page)
    assert gql(REDIRECT_QUERY, {"p": "/ar/secret.aspx"})["redirect"]["location"] == "/ar/about/"
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert gql(REDIRECT_QUERY, {"p": "/ar/secret.aspx"})["redirect"] is None


def test_missing_paths_are_counted_without_a_write_per_request(
    client, editor_client, demo, settings, django_capture_on_commit_callbacks
):
    settings.COUNTS_FLUSH_SECONDS = 3600
    missing.buffer.flush()
    path = "/ar/MediaCenter/Pages/OldReport2019.aspx"
    for _visit in range(3):
        assert client.get(path, HTTP_REFERER="https://www.google.com/").status_code == 404
    client.get(path.lower())
    assert not MissingPath.objects.exists()  # summed in memory, not written per request
    missing.buffer.flush()
    row = MissingPath.objects.get()
    assert row.hits == 4
    assert {(r.referrer, r.hits) for r in row.referrers.all()} == {
        ("https://www.google.com/", 3),
        ("", 1),
    }

    report = editor_client.get("/admin/old-address-reports/missing/").content.decode()
    assert "OldReport2019.aspx" in report and "https://www.google.com/ (3)" in report
    create = f"/admin/old-addresses/missing/{row.pk}/redirect/"
    assert editor_client.get(create).status_code == 200
    about = Page.objects.get(url_path="/home/about/")
    with django_capture_on_commit_callbacks(execute=True):  # the editor's request commits
        response = editor_client.post(
            create, {"old_path": row.path, "redirect_page": about.pk, "is_permanent": "on"}
        )
    assert response.status_code == 302
    assert client.get(path)["Location"] == "/ar/about/"
    assert not MissingPath.objects.exists()


def test_lookup_keys_ignore_case_encoding_and_trailing_slash():
    arabic = "/ar/الخدمات/Pages/أوامر-الصرف.aspx"
    assert lookup.lookup_key(quote(arabic)) == lookup.lookup_key(arabic.upper() + "/")
    assert lookup.lookup_key("/A.aspx?b=2&A=1") == lookup.lookup_key("/a.ASPX?a=1&B=2")
    assert lookup.lookup_key("https://www.mof.gov.sa/ar/X.aspx") == "/ar/x.aspx"
