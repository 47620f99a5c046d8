"""Public consultations: status from the dates, the API in both languages, the comment form
(stored, refused when not open), the outcome only after closing, nothing hidden leaking."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from consultations.models import ConsultationComment, ConsultationPage, Moderation, Status
from consultations.testing import make_consultation
from tests.test_visibility_walk import ECHOES, MARK_HIDDEN, root_queries, run

pytest_plugins = ["consultations.testing"]

LIST = """query($locale: String, $status: ConsultationStatus) {
  consultations(locale: $locale, status: $status) {
    totalCount items { title consultationStatus }
  }
}"""

DETAIL = """query($path: String!, $locale: String) { page(path: $path, locale: $locale) {
  id title
  ... on ConsultationPage {
    summary affects draftHtml opensOn opensOnHijri { formatted } closesOn
    closesOnHijri { formatted } consultationStatus consultationStatusLabel acceptsComments
    istitlaaUrl
    outcome { publishedOn whatWeHeardHtml whatChangedHtml totalComments
      themes { code name commentCount } }
    publishedComments { text organisation language }
  }
} }"""

SUBMIT = """mutation($locale: String, $consultation: ID!, $comment: String!, $email: String,
  $honeypot: String, $consent: Boolean) {
  submitConsultationComment(locale: $locale, consultation: $consultation, comment: $comment,
    email: $email, honeypot: $honeypot, consentToPublish: $consent) {
    ok reference errors { field message }
  }
}"""


def _page(gql, path, locale):
    return gql(DETAIL, {"path": path, "locale": locale})["page"]


def test_status_follows_the_dates_in_riyadh(db):
    page = ConsultationPage(
        opens_on=datetime.date(2026, 5, 1),
        closes_on=datetime.date(2026, 5, 31),
        outcome_published_on=datetime.date(2026, 7, 1),
    )
    assert page.status_on(datetime.date(2026, 4, 30)) == Status.UPCOMING
    assert page.status_on(datetime.date(2026, 5, 1)) == Status.OPEN
    assert page.status_on(datetime.date(2026, 5, 31)) == Status.OPEN
    assert page.status_on(datetime.date(2026, 6, 1)) == Status.CLOSED
    assert page.status_on(datetime.date(2026, 7, 1)) == Status.OUTCOME_PUBLISHED
    page.outcome_published_on = None
    assert page.status_on(datetime.date(2027, 1, 1)) == Status.CLOSED


def test_the_day_is_riyadhs_not_the_servers():
    from consultations.models import riyadh_today

    # 21:30 UTC on 31 May is already 1 June in Riyadh (UTC+3).
    late = datetime.datetime(2026, 5, 31, 21, 30, tzinfo=datetime.UTC)
    assert riyadh_today(late) == datetime.date(2026, 6, 1)


def test_each_status_in_both_languages(gql, consultations):
    expected = {
        "/consultations/upcoming/": "UPCOMING",
        "/consultations/open/": "OPEN",
        "/consultations/closed/": "CLOSED",
        "/consultations/outcome/": "OUTCOME_PUBLISHED",
    }
    for path, status in expected.items():
        ar, en = _page(gql, path, "ar"), _page(gql, path, "en")
        assert ar["consultationStatus"] == en["consultationStatus"] == status
        assert ar["acceptsComments"] is en["acceptsComments"] is (status == "OPEN")
    open_ar, open_en = (
        _page(gql, "/consultations/open/", "ar"),
        _page(gql, "/consultations/open/", "en"),
    )
    assert open_ar["title"] == "مسودة مفتوحة" and open_en["title"] == "Open draft"
    assert open_ar["consultationStatusLabel"] == "مفتوحة لإبداء الملاحظات"
    assert open_en["consultationStatusLabel"] == "Open for comments"
    assert open_en["draftHtml"] == "<p>Text of the draft.</p>"
    assert open_ar["closesOnHijri"]["formatted"].endswith("هـ")
    assert open_en["closesOnHijri"]["formatted"].endswith("AH")


def test_the_list_filters_by_status(gql, consultations):
    every = gql(LIST, {"locale": "en"})["consultations"]
    assert every["totalCount"] == 4
    for status, title in [
        ("UPCOMING", "Upcoming draft"),
        ("OPEN", "Open draft"),
        ("CLOSED", "Closed draft"),
        ("OUTCOME_PUBLISHED", "Draft with outcome"),
    ]:
        found = gql(LIST, {"locale": "en", "status": status})["consultations"]["items"]
        assert found == [{"title": title, "consultationStatus": status}]


def test_the_outcome_shows_only_after_closing(gql, consultations):
    for path in ("/consultations/upcoming/", "/consultations/open/", "/consultations/closed/"):
        assert _page(gql, path, "en")["outcome"] is None
    outcome = _page(gql, "/consultations/outcome/", "en")["outcome"]
    assert outcome["whatWeHeardHtml"] == "<p>We heard the deadlines were short.</p>"
    assert outcome["whatChangedHtml"] == "<p>We extended the deadlines.</p>"
    assert outcome["totalComments"] == 15
    assert outcome["themes"] == [
        {"code": "deadlines", "name": "Deadlines", "commentCount": 12},
        {"code": "fees", "name": "Fees", "commentCount": 3},
    ]
    assert _page(gql, "/consultations/outcome/", "ar")["outcome"]["themes"][0]["name"] == "المهل"


def test_an_outcome_before_the_close_is_refused_in_the_admin(consultations):
    from django.core.exceptions import ValidationError

    page = consultations["open"]
    page.outcome_published_on = page.closes_on
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "outcome_published_on" in refused.value.message_dict


def _submit(gql, page, locale="ar", **extra):
    variables = {
        "locale": locale,
        "consultation": str(page.pk),
        "comment": "The deadline in article 4 is too short for small firms.",
        **extra,
    }
    return gql(SUBMIT, variables)["submitConsultationComment"]


def test_a_comment_on_an_open_consultation_is_stored_with_a_reference(gql, consultations):
    from wagtail.models import Locale

    english = consultations["open"].get_translation(Locale.objects.get(language_code="en"))
    result = _submit(gql, english, locale="en", email="firm@example.com", consent=True)
    assert result["ok"] and result["errors"] == []
    stored = ConsultationComment.objects.get(reference=result["reference"])
    assert stored.reference.startswith("CON-")
    assert stored.consultation_key == consultations["open"].translation_key
    assert stored.language == "en" and stored.email == "firm@example.com"
    assert stored.consent_to_publish and not stored.published
    assert stored.moderation == Moderation.NEW


def test_a_comment_after_the_close_is_refused_with_a_clear_message(gql, consultations):
    result = _submit(gql, consultations["closed"], locale="ar")
    assert not result["ok"] and result["reference"] is None
    [error] = result["errors"]
    assert error["field"] == "__all__"
    assert "أُغلقت هذه الاستشارة" in error["message"]
    english = _submit(gql, consultations["outcome"].get_translations().get(), locale="en")[
        "errors"
    ][0]["message"]
    assert "closed at the end of" in english and "no longer accepted" in english
    upcoming = _submit(gql, consultations["upcoming"], locale="ar")
    assert not upcoming["ok"] and "ليست مفتوحة بعد" in upcoming["errors"][0]["message"]
    assert not ConsultationComment.objects.exists()


def test_the_close_is_the_end_of_the_day_in_riyadh(gql, consultations, monkeypatch):
    page = consultations["open"]  # closes today
    from consultations import models

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr(models.timezone, "now", lambda: tomorrow)
    result = _submit(gql, page)
    assert not result["ok"] and "أُغلقت" in result["errors"][0]["message"]


def test_bad_comments_get_messages_not_errors(gql, consultations):
    result = _submit(gql, consultations["open"], comment="short", email="not an address")
    fields = {error["field"] for error in result["errors"]}
    assert not result["ok"] and fields == {"comment", "email"}
    unknown = gql(SUBMIT, {"consultation": "abc", "comment": "x" * 20})
    assert unknown["submitConsultationComment"]["errors"][0]["field"] == "__all__"
    assert not ConsultationComment.objects.exists()


def test_the_honeypot_keeps_nothing(gql, consultations):
    result = _submit(gql, consultations["open"], honeypot="http://spam.example")
    assert not result["ok"] and not ConsultationComment.objects.exists()


def test_a_draft_consultation_takes_no_comment_and_is_not_listed(gql, consultations, home_en):
    draft = make_consultation(
        consultations["index"],
        None,
        "secret-draft",
        {"title": "secret draft consultation"},
        opens_on=datetime.date(2020, 1, 1),
        closes_on=datetime.date(2099, 1, 1),
        publish=False,
    )
    assert "secret" not in str(gql(LIST, {"locale": "ar"}))
    result = _submit(gql, draft, locale="ar")
    assert not result["ok"] and not ConsultationComment.objects.exists()


def test_only_published_comments_with_consent_are_shown(gql, consultations):
    page = consultations["outcome"]
    common = {
        "consultation_key": page.translation_key,
        "page": page,
        "consultation_title": page.title,
        "language": "ar",
    }
    ConsultationComment.objects.create(
        comment="تعليق منشور",
        consent_to_publish=True,
        moderation="accepted",
        published=True,
        organisation="غرفة الرياض",
        **common,
    )
    ConsultationComment.objects.create(
        comment="secret unpublished", consent_to_publish=True, **common
    )
    ConsultationComment.objects.create(comment="secret no consent", moderation="accepted", **common)
    shown = _page(gql, "/consultations/outcome/", "en")["publishedComments"]
    assert shown == [{"text": "تعليق منشور", "organisation": "غرفة الرياض", "language": "ar"}]


def test_a_comment_without_consent_cannot_be_published(consultations):
    from django.core.exceptions import ValidationError

    page = consultations["open"]
    comment = ConsultationComment(
        consultation_key=page.translation_key,
        consultation_title=page.title,
        language="ar",
        comment="لا أوافق على النشر.",
        moderation="accepted",
        published=True,
    )
    with pytest.raises(ValidationError):
        comment.full_clean()


@pytest.fixture
def hidden_consultations(hidden_pages, consultations):
    """Hidden pages plus a draft consultation and comments nobody agreed to show."""
    index = consultations["index"]
    draft = make_consultation(
        index,
        None,
        "secret-consultation",
        {"title": "secret consultation"},
        opens_on=datetime.date(2020, 1, 1),
        closes_on=datetime.date(2099, 1, 1),
        publish=False,
    )
    page = consultations["outcome"]
    ConsultationComment.objects.create(
        consultation_key=page.translation_key,
        consultation_title=page.title,
        language="en",
        comment="secret comment not published",
        email="secret@example.com",
        consent_to_publish=True,
        moderation="accepted",
    )
    return {
        **hidden_pages,
        "ids": hidden_pages["ids"] + [draft.pk],
        "paths": hidden_pages["paths"] + ["/consultations/secret-consultation/"],
    }


def test_the_leak_walk_finds_no_hidden_consultation(rf, hidden_consultations):
    seen = set()
    for name, _locale, query, variables in root_queries(hidden_consultations, skip=ECHOES):
        assert MARK_HIDDEN not in run(query, rf, variables), (name, variables)
        seen.add(name)
    assert "consultations" in seen
    listed = run('{ consultations(locale: "en") { items { title } } }', rf)
    assert "draft with outcome" in listed  # the walk does see the public consultations


# -- The public pages -------------------------------------------------------------------------

COMMENT_POST = {
    "comment": "المهلة في المادة الرابعة قصيرة على المنشآت الصغيرة.",
    "email": "firm@example.com",
    "consent": "on",
    "website": "",
}


def _form_post(client, page, language="ar", **extra):
    path = "/consultations/open/" if "path" not in extra else extra.pop("path")
    return client.post(
        f"/{language}{path}comment/", {**COMMENT_POST, "consultation": str(page.pk), **extra}
    )


def test_the_list_groups_consultations_by_status_in_both_languages(client, consultations):
    arabic = client.get("/ar/consultations/").content.decode()
    assert '<html lang="ar" dir="rtl"' in arabic
    assert "مسودة مفتوحة" in arabic and "مسودة صدرت نتيجتها" in arabic
    english = client.get("/en/consultations/").content.decode()
    order = [english.index(t) for t in ("Open draft", "Upcoming draft", "Draft with outcome")]
    assert order == sorted(order)
    assert 'id="group-open"' in english and "Closed draft" in english


def test_an_open_consultation_shows_the_form_and_stores_a_comment(client, consultations):
    html = client.get("/ar/consultations/open/").content.decode()
    form = html.split('<form class="enquiry-form consultation-form"', 1)[1].split("</form>")[0]
    assert 'action="/ar/consultations/open/comment/"' in form
    assert f'name="consultation" value="{consultations["open"].pk}"' in form
    assert 'name="website"' in form and 'name="csrfmiddlewaretoken"' in form
    response = _form_post(client, consultations["open"])
    assert response.status_code == 302
    stored = ConsultationComment.objects.get()
    assert response["Location"] == (
        f"/ar/consultations/open/comment/sent/?reference={stored.reference}"
    )
    assert stored.comment == COMMENT_POST["comment"] and stored.consent_to_publish
    sent = client.get(response["Location"])
    assert sent.status_code == 200 and f"<bdi>{stored.reference}</bdi>" in sent.content.decode()
    assert "no-cache" in sent["Cache-Control"] and sent["X-Robots-Tag"].startswith("noindex")
    # A made-up reference is not shown.
    assert client.get("/ar/consultations/open/comment/sent/?reference=x").status_code == 302


def test_the_form_refuses_a_comment_after_the_close_with_a_clear_message(client, consultations):
    html = client.get("/en/consultations/closed/").content.decode()
    assert "consultation-form" not in html and "comments are no longer accepted" in html
    response = _form_post(client, consultations["closed"], path="/consultations/closed/")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-summary" role="alert"' in page
    assert "أُغلقت هذه الاستشارة" in page and "لم يُسجَّل ما كتبته" in page
    assert not ConsultationComment.objects.exists()


def test_form_errors_come_back_next_to_their_fields(client, consultations):
    response = _form_post(client, consultations["open"], comment="قصير", email="nope")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#comment-comment"' in html and 'href="#comment-email"' in html
    assert ">قصير</textarea>" in html and "no-cache" in response["Cache-Control"]
    assert not ConsultationComment.objects.exists()


def test_the_outcome_page_shows_what_we_heard_and_the_counts(client, consultations):
    html = client.get("/en/consultations/outcome/").content.decode()
    assert "Outcome of the consultation" in html
    assert "We heard the deadlines were short." in html and "We extended the deadlines." in html
    assert '<th scope="row">Deadlines</th><td>12</td>' in html and "15 in all" in html
    closed = client.get("/en/consultations/closed/").content.decode()
    assert "Outcome of the consultation" not in closed and "Not published yet" not in closed
    assert "The outcome will be published on this page." in closed


@pytest.mark.django_db(transaction=True)
def test_a_comment_the_database_cannot_store_is_never_thanked(client, transactional_db):
    from django.db import connection
    from django.utils import translation

    from consultations.testing import make_consultations
    from frontend.submissions import NOT_STORED_MESSAGE
    from site_pages.testing import make_site_tree

    home_ar, home_en = make_site_tree()
    found = make_consultations(home_ar, home_en.locale)
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"
            if postgres
            else "PRAGMA query_only = ON"
        )
    try:
        response = _form_post(client, found["open"])
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"
                if postgres
                else "PRAGMA query_only = OFF"
            )
    assert response.status_code == 503, response.content.decode()[-3000:]
    assert response["Retry-After"].isdigit()
    html = response.content.decode()
    with translation.override("ar"):
        assert str(NOT_STORED_MESSAGE) in html and COMMENT_POST["comment"] in html
    assert "reference" not in response.get("Location", "")
    assert not ConsultationComment.objects.exists()


def test_search_finds_a_consultation_and_says_so(gql, client, consultations):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    query = """query($q: String!) { search(query: $q, locale: "en") {
      hits { ... on SearchHitBase { title type } } } }"""
    found = gql(query, {"q": "open draft"})["search"]["hits"]
    assert {"title": "Open draft", "type": "CONSULTATION"} in found
    html = client.get("/en/search/", {"q": "open draft"}).content.decode()
    assert "Public consultation · Open for comments" in html


# -- Moderation in the admin ------------------------------------------------------------------


def test_moderators_accept_publish_and_export_comments(client, consultations, django_user_model):
    import csv
    import io

    from wagtail.users.models import UserProfile

    moderator = django_user_model.objects.create_superuser("mod", "mod@example.com", "x-Pass-12345")
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "en"
    profile.save()
    page = consultations["outcome"]
    comment = ConsultationComment.objects.create(
        consultation_key=page.translation_key,
        page=page,
        consultation_title=page.title,
        language="ar",
        comment="نقترح تمديد المهلة إلى ستين يومًا.",
        organisation="غرفة الرياض",
        consent_to_publish=True,
    )
    client.force_login(moderator)
    listing = client.get("/admin/consultation-comments/").content.decode()
    assert comment.reference in listing
    assert client.get("/admin/consultation-comments/?moderation=new").status_code == 200
    response = client.post(
        f"/admin/consultation-comments/edit/{comment.pk}/",
        {"moderation": "accepted", "theme": "deadlines", "published": "on", "moderator_notes": ""},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.published and comment.comment.startswith("نقترح")  # the text is untouched
    shown = client.get("/en/consultations/outcome/").content.decode()
    assert "نقترح تمديد المهلة إلى ستين يومًا." in shown and "Published comments" in shown
    exported = client.get("/admin/consultation-comments/?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8"))))
    assert any(comment.reference in row and "deadlines" in row for row in rows[1:])
    assert client.get("/admin/consultation-comments/new/").status_code in (302, 403)


def test_a_moderator_cannot_publish_without_consent(client, consultations, django_user_model):
    moderator = django_user_model.objects.create_superuser("mod", "mod@example.com", "x-Pass-12345")
    page = consultations["open"]
    comment = ConsultationComment.objects.create(
        consultation_key=page.translation_key,
        consultation_title=page.title,
        language="en",
        comment="Please do not publish this.",
    )
    client.force_login(moderator)
    response = client.post(
        f"/admin/consultation-comments/edit/{comment.pk}/",
        {"moderation": "accepted", "theme": "", "published": "on", "moderator_notes": ""},
    )
    assert response.status_code == 200  # the form again, with the error
    comment.refresh_from_db()
    assert not comment.published


# -- Demo content -----------------------------------------------------------------------------


def test_the_demo_has_three_illustrative_consultations_in_three_states(
    gql, site_tree, django_capture_on_commit_callbacks
):
    from consultations.demo import load_demo_consultations

    home_ar, _home_en = site_tree
    with django_capture_on_commit_callbacks(execute=True):
        assert load_demo_consultations(home_ar) == 4
    with django_capture_on_commit_callbacks(execute=True):
        assert load_demo_consultations(home_ar) == 0  # idempotent
    for locale, mark in (("ar", "توضيحية"), ("en", "illustrative")):
        items = gql(LIST, {"locale": locale})["consultations"]["items"]
        assert {item["consultationStatus"] for item in items} == {
            "OPEN",
            "UPCOMING",
            "OUTCOME_PUBLISHED",
        }
        assert all(mark in item["title"] for item in items)
    outcome = _page(gql, "/consultations/expropriation-compensation-draft/", "en")["outcome"]
    assert outcome["totalComments"] == 95 and outcome["themes"][0]["name"] == (
        "How compensation is valued"
    )
