"""Institutional pages: organisation structure and leadership, related government entities,
the right-to-information topic and page (issue 23, item 4)."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.blocks import StructBlockValidationError

from institution.models import GovernmentEntity, OrganisationPage, PersonBlock
from institution.testing import INSTITUTION_URLS, build_institution

ORGANISATION = """query($path: String!, $locale: String) { page(path: $path, locale: $locale) {
  __typename title
  ... on OrganisationPage {
    intro
    leadership { name role photoAlt photo { rendition(spec: THUMBNAIL) { url width } } }
    units { id code parentId depth name description people { name role photo { id } photoAlt } }
  }
  ... on GovernmentEntitiesPage { intro entities { name url order } }
} }"""

ENTITIES = """query($locale: String) { governmentEntities(locale: $locale) {
  name url description order } }"""


@pytest.fixture
def institution(site_tree):
    return build_institution(site_tree[0])


@pytest.fixture
def photo(db):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    return Image.objects.create(title="صورة", file=get_test_image_file())


# -- the organisation page ---------------------------------------------------------------------


def test_a_person_with_a_photo_needs_alternative_text(photo):
    block = PersonBlock()
    with pytest.raises(StructBlockValidationError) as missing:
        block.clean(
            block.to_python({"name": "س", "role": "ر", "photo": photo.pk, "photo_alt": " "})
        )
    assert "photo_alt" in missing.value.block_errors
    with pytest.raises(StructBlockValidationError) as file_name:
        block.clean(
            block.to_python(
                {"name": "س", "role": "ر", "photo": photo.pk, "photo_alt": "IMG_0042.jpg"}
            )
        )
    assert "photo_alt" in file_name.value.block_errors
    # Without a photo nothing is asked; with a description it passes.
    block.clean(block.to_python({"name": "س", "role": "ر", "photo": None, "photo_alt": ""}))
    block.clean(
        block.to_python(
            {"name": "س", "role": "ر", "photo": photo.pk, "photo_alt": "الوزير أمام شعار الوزارة"}
        )
    )


def test_the_page_editor_refuses_a_photo_without_alt_text_in_leaders_and_units(photo):
    # The StreamFields' own blocks are what the admin form cleans before saving or publishing.
    person = {"name": "س", "role": "ر", "photo": photo.pk, "photo_alt": ""}
    leadership = OrganisationPage._meta.get_field("leadership").stream_block
    with pytest.raises(ValidationError):
        leadership.clean(leadership.to_python([{"type": "person", "value": person}]))
    units = OrganisationPage._meta.get_field("units").stream_block
    unit = {"name": "وحدة", "description": "", "people": [person]}
    with pytest.raises(ValidationError):
        units.clean(units.to_python([{"type": "unit", "value": unit}]))
    unit["people"] = [{**person, "photo_alt": "موظفة تبتسم في مكتبها"}]
    units.clean(units.to_python([{"type": "unit", "value": unit}]))


def test_the_organisation_page_over_graphql_in_both_languages(gql, institution):
    ar = gql(ORGANISATION, {"path": "/organisation/", "locale": "ar"})["page"]
    assert ar["__typename"] == "OrganisationPage"
    (leader,) = ar["leadership"]
    assert leader["name"] == "محمد الجدعان" and leader["role"] == "وزير المالية"
    assert leader["photoAlt"].startswith("صورة الوزير")
    assert leader["photo"]["rendition"]["width"] == 160
    # In the order of the structure: each unit followed by the units under it.
    assert [(u["name"], u["depth"]) for u in ar["units"]] == [
        ("وكالة المالية العامة", 0),
        ("الإدارة العامة للميزانية", 1),
        ("إدارة إعداد الميزانية", 2),
        ("الخدمات المشتركة", 0),
    ]
    finance, budget, preparation, shared = ar["units"]
    assert [u["parentId"] for u in ar["units"]] == [None, finance["id"], budget["id"], None]
    assert [u["code"] for u in ar["units"]] == ["public-finance", "budget", "", ""]
    assert finance["people"] == [
        {"name": "سارة العتيبي", "role": "وكيلة الوزارة", "photo": None, "photoAlt": ""}
    ]

    en = gql(ORGANISATION, {"path": "/organisation/", "locale": "en"})["page"]
    assert en["leadership"][0]["name"] == "Mohammed Al-Jadaan"
    assert en["leadership"][0]["photoAlt"].startswith("The minister")
    assert [unit["name"] for unit in en["units"]] == [
        "Deputyship for Public Finance",
        "General Directorate of the Budget",
        "Budget Preparation Department",
        "Shared services",
    ]
    # A unit keeps its id in translation, so a link to it (#unit-<id>) works in both languages,
    # and so does the tree: codes and parents are the Arabic page's.
    for key in ("id", "code", "parentId", "depth"):
        assert [u[key] for u in en["units"]] == [u[key] for u in ar["units"]], key


# -- the units' tree ----------------------------------------------------------------------------


def _units(*units: tuple[str, str, str]) -> list[dict]:
    """(name, code, parent) -> the units StreamField's raw value."""
    return [
        {
            "type": "unit",
            "value": {
                "name": name,
                "code": code,
                "parent": parent,
                "description": "",
                "people": [],
            },
        }
        for name, code, parent in units
    ]


def _structure_errors(raw: list[dict], language: str = "en") -> dict[int, dict[str, str]]:
    """What the page editor says of these units: {unit index: {field: message}}; {} if none."""
    from django.utils import translation
    from wagtail.blocks import StreamBlockValidationError

    block = OrganisationPage._meta.get_field("units").stream_block
    with translation.override(language):
        try:
            block.clean(block.to_python(raw))
        except StreamBlockValidationError as error:
            return {
                index: {name: " ".join(e.messages) for name, e in unit.block_errors.items()}
                for index, unit in error.block_errors.items()
            }
    return {}


def test_a_tree_of_units_is_accepted_in_any_order():
    assert (
        _structure_errors(
            _units(
                ("قسم", "", "directorate"),
                ("وكالة", "deputy", ""),
                ("إدارة عامة", "directorate", "deputy"),
                ("وحدة مستقلة", "", ""),
            )
        )
        == {}
    )


def test_a_parent_must_be_a_unit_of_the_same_page(institution):
    # "public-finance" is a unit of the organisation page, not of this one.
    assert institution["organisation"].units[0].value["code"] == "public-finance"
    errors = _structure_errors(_units(("وحدة", "unit", ""), ("قسم", "", "public-finance")))
    assert list(errors) == [1] and list(errors[1]) == ["parent"]
    assert "public-finance" in errors[1]["parent"]


def test_loops_self_parents_duplicate_codes_and_deep_trees_are_refused():
    own = _structure_errors(_units(("وحدة", "unit", "unit")))
    assert list(own[0]) == ["parent"]
    loop = _structure_errors(
        _units(("أ", "a", "c"), ("ب", "b", "a"), ("ج", "c", "b"), ("د", "", ""))
    )
    assert sorted(loop) == [0, 1, 2] and all("loop" in e["parent"] for e in loop.values())
    twice = _structure_errors(_units(("أ", "same", ""), ("ب", "same", "")))
    assert list(twice) == [1] and list(twice[1]) == ["code"]
    levels = [("1", "l1", ""), ("2", "l2", "l1"), ("3", "l3", "l2"), ("4", "l4", "l3")]
    assert _structure_errors(_units(*levels)) == {}
    deep = _structure_errors(_units(*levels, ("5", "l5", "l4")))
    assert list(deep) == [4] and "5" in deep[4]["parent"]


def test_a_code_is_small_latin_letters_digits_and_hyphens():
    for bad in ("Public Finance", "مالية", "a--b", "-a", "a_b"):
        errors = _structure_errors(_units((bad, bad, "")))
        assert list(errors.get(0, {})) == ["code"], bad
    assert _structure_errors(_units(("وحدة", "deputy-2", ""))) == {}


def test_the_messages_speak_the_editors_language():
    errors = _structure_errors(_units(("قسم", "", "elsewhere")), language="ar")
    assert "لا توجد في هذه الصفحة وحدة رمزها" in errors[0]["parent"]


def test_codes_and_parents_are_not_offered_for_translation(institution):
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    texts = [
        s.string.data
        for s in extract_segments(institution["organisation"])
        if isinstance(s, StringSegmentValue)
    ]
    assert "الإدارة العامة للميزانية" in texts
    assert not {"public-finance", "budget"} & set(texts)


def test_units_that_break_the_rules_are_still_all_shown():
    """Content saved without the editor's checks (an import): a unit in a loop or under a
    missing parent goes to the top, and nothing is lost or shown twice."""
    from institution.structure import in_structure

    block = OrganisationPage._meta.get_field("units").stream_block
    raw = _units(("أ", "a", "b"), ("ب", "b", "a"), ("ج", "c", "missing"), ("د", "", "c"))
    placed = in_structure(block.to_python(raw))
    assert [(p.child.value["name"], p.depth) for p in placed] == [
        ("ج", 0),
        ("د", 1),
        ("أ", 0),
        ("ب", 1),
    ]


def test_an_unpublished_organisation_page_does_not_leave_the_api(gql, institution):
    page = institution["organisation"]
    page.unpublish()
    assert gql(ORGANISATION, {"path": "/organisation/", "locale": "ar"})["page"] is None


# -- government entities -----------------------------------------------------------------------


def test_an_entity_address_must_be_https(locales):
    arabic = locales[0]
    for bad in ("http://dga.gov.sa/", "ftp://dga.gov.sa/", "javascript:alert(1)", "dga.gov.sa"):
        entity = GovernmentEntity(name="هيئة", url=bad, locale=arabic)
        with pytest.raises(ValidationError) as error:
            entity.full_clean()
        assert "url" in error.value.message_dict, bad
    GovernmentEntity(name="هيئة", url="https://dga.gov.sa/", locale=arabic).full_clean()


def test_entities_are_listed_in_order_in_the_requested_language(
    gql, institution, django_capture_on_commit_callbacks
):
    ar = gql(ENTITIES, {"locale": "ar"})["governmentEntities"]
    assert [e["name"] for e in ar] == ["هيئة الحكومة الرقمية", "هيئة الزكاة والضريبة والجمارك"]
    assert [e["order"] for e in ar] == [0, 1]
    en = gql(ENTITIES, {"locale": "en"})["governmentEntities"]
    assert [e["name"] for e in en] == ["Digital Government Authority", "ZATCA"]
    assert [e["url"] for e in en] == ["https://dga.gov.sa/", "https://zatca.gov.sa/"]
    # Reordering in the admin reorders the list (the order is synchronised to translations).
    with django_capture_on_commit_callbacks(execute=True):  # the save bumps the generation
        for entity in GovernmentEntity.objects.filter(url="https://dga.gov.sa/"):
            entity.sort_order = 5
            entity.save()
    en = gql(ENTITIES, {"locale": "en"})["governmentEntities"]
    assert en[0]["name"] == "ZATCA"
    page = gql(ORGANISATION, {"path": "/government-entities/", "locale": "en"})["page"]
    assert [e["name"] for e in page["entities"]] == ["ZATCA", "Digital Government Authority"]


def test_an_unknown_locale_is_a_client_error(gql, institution):
    response = gql.post(ENTITIES, {"locale": "fr"})
    payload = response.json()
    assert payload["errors"][0]["extensions"]["code"] == "UNKNOWN_LOCALE"


def test_the_admin_refuses_an_http_address_with_a_message(admin_client, locales):
    from django.urls import reverse

    url = reverse("wagtailsnippets_institution_governmententity:add")
    response = admin_client.post(
        url + "?locale=ar",
        {"name": "هيئة", "url": "http://dga.gov.sa/", "description": "", "sort_order": "0"},
    )
    assert response.status_code == 200
    assert not GovernmentEntity.objects.exists()
    assert "https://" in response.content.decode()


# -- right to information ----------------------------------------------------------------------

TOPICS = "query($locale: String) { enquiryTopics(locale: $locale) { code label } }"


def test_the_enquiry_form_offers_a_right_to_information_topic(gql, site_tree):
    ar = {t["code"]: t["label"] for t in gql(TOPICS, {"locale": "ar"})["enquiryTopics"]}
    en = {t["code"]: t["label"] for t in gql(TOPICS, {"locale": "en"})["enquiryTopics"]}
    assert ar["right_to_information"] == "طلب حصول على معلومات"
    assert en["right_to_information"] == "Right to information request"


def test_a_right_to_information_request_is_stored(gql, site_tree):
    from site_pages.models import Enquiry

    mutation = """mutation($topic: String!, $message: String!) {
      submitEnquiry(topic: $topic, message: $message, email: "a@example.com", locale: "ar") {
        ok reference errors { field message } } }"""
    message = "أطلب نسخة من إحصاءات طلبات إعفاء القروض لعام 1445هـ لأغراض بحثية."
    result = gql(mutation, {"topic": "right_to_information", "message": message})["submitEnquiry"]
    assert result["ok"], result
    assert Enquiry.objects.get(reference=result["reference"]).topic == "right_to_information"


RTI_LINK = """query($path: String!, $locale: String) { page(path: $path, locale: $locale) {
  ... on StandardPage { body { __typename ... on CallToActionBlock { text url isExternal } } } } }"""


def test_a_call_to_action_can_open_the_contact_centres_form_with_a_topic(db, client, gql):
    """The right-to-information page's link: the contact centre's form, the topic chosen, in
    the reader's language."""
    from cms.localize import publish_translation
    from frontend.testing import build_site
    from site_pages.models import StandardPage
    from site_pages.testing import add_page

    site = build_site()
    centre = site["home"].specific.contact_centre_page

    def rti(text: str) -> StandardPage:
        link = {"text": text, "page": centre.pk, "url": "", "enquiry_topic": "right_to_information"}
        body = [{"type": "call_to_action", "value": {**link, "description": ""}}]
        return StandardPage(title="حق الحصول على المعلومات", slug="rti", body=body)

    page = add_page(site["home"], rti("قدّم طلب حصول على معلومات"))
    publish_translation(page, rti("Make a right-to-information request"))
    for language, text in (
        ("ar", "قدّم طلب حصول على معلومات"),
        ("en", "Make a right-to-information request"),
    ):
        (block,) = gql(RTI_LINK, {"path": "/rti/", "locale": language})["page"]["body"]
        url = f"/{language}/contact-centre/?topic=right_to_information#enquiry"
        assert block == {
            "__typename": "CallToActionBlock",
            "text": text,
            "url": url,
            "isExternal": False,
        }
        html = client.get(f"/{language}/rti/").content.decode()
        assert f'href="{url.replace("&", "&amp;")}"' in html
        form = client.get(url.split("#")[0]).content.decode()
        assert '<option value="right_to_information" selected>' in form


def test_a_topic_is_only_for_a_link_to_the_contact_centre(site_tree):
    from site_pages.blocks import CallToActionBlock

    home_ar = site_tree[0]
    block = CallToActionBlock()

    def errors(**value) -> list[str]:
        value = {"text": "قدّم طلبك", "page": None, "url": "", "description": "", **value}
        try:
            block.clean(block.to_python(value))
        except StructBlockValidationError as error:
            return sorted(error.block_errors)
        return []

    assert errors(page=home_ar.pk, enquiry_topic="right_to_information") == ["enquiry_topic"]
    assert errors(url="https://dga.gov.sa/", enquiry_topic="general") == ["enquiry_topic"]
    assert errors(page=home_ar.pk, enquiry_topic="no-such-topic") == ["enquiry_topic"]
    assert errors(page=home_ar.pk) == []


# -- the public pages --------------------------------------------------------------------------


def test_the_organisation_page_renders_people_as_lists_with_headings(client, institution):
    html = client.get(INSTITUTION_URLS["OrganisationPage"]["ar"]).content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert '<h2 id="leadership-title">' in html
    assert '<h3 class="person-name"><bdi' in html or '<h3 class="person-name">محمد' in html
    assert 'alt="صورة الوزير مبتسمًا أمام شعار الوزارة"' in html
    assert '<h4 class="person-name">' in html  # people inside a unit (h3) are one level down
    assert '<ul class="people"' in html
    english = client.get(INSTITUTION_URLS["OrganisationPage"]["en"]).content.decode()
    assert 'lang="en" dir="ltr"' in english
    assert "Mohammed Al-Jadaan" in english and "Leadership" in english


def test_the_units_are_nested_lists_with_headings_one_level_down_each(client, institution):
    html = client.get(INSTITUTION_URLS["OrganisationPage"]["ar"]).content.decode()
    section = html[html.index('<section aria-labelledby="units-title">') :]
    section = section[: section.index("</section>")]
    tags = re.findall(r"<(/?ul|/?li|h[2-6])[ >]", section)
    headings = [t for t in tags if t.startswith("h")]
    assert headings == ["h2", "h3", "h4", "h4", "h5", "h5", "h3"]  # units and people, in order

    # The tree as lists: a unit's sub-units are a list inside its item.
    def names(level: str) -> list[str]:
        return re.findall(rf'<{level} id="unit-[^"]+">(.*?)</{level}>', section)

    assert names("h3") == ["وكالة المالية العامة", "الخدمات المشتركة"]
    assert names("h4") == ["الإدارة العامة للميزانية"] and names("h5") == ["إدارة إعداد الميزانية"]
    assert '<h5 class="person-name">خالد الحربي</h5>' in section
    nested = section.index(
        '<ul class="units" aria-label="الوحدات التابعة لـ«وكالة المالية العامة»">'
    )
    assert (
        section.index("وكالة المالية العامة") < nested < section.index("الإدارة العامة للميزانية")
    )
    assert tags.count("ul") == tags.count("/ul") and tags.count("li") == tags.count("/li")
    english = client.get(INSTITUTION_URLS["OrganisationPage"]["en"]).content.decode()
    assert 'aria-label="Units under General Directorate of the Budget"' in english


def test_the_entities_page_links_each_entity(client, institution):
    html = client.get(INSTITUTION_URLS["GovernmentEntitiesPage"]["en"]).content.decode()
    assert 'href="https://dga.gov.sa/"' in html
    assert html.index("Digital Government Authority") < html.index("ZATCA")


# -- demo content ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_loads_institutional_pages_once(django_capture_on_commit_callbacks, gql):
    def load() -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("load_demo_content", "--no-index", stdout=out)
        return out.getvalue()

    load()
    entities = GovernmentEntity.objects.count()
    assert "nothing changed" in load()
    assert GovernmentEntity.objects.count() == entities >= 10  # five in each language

    ar = gql(ORGANISATION, {"path": "/about/organisation/", "locale": "ar"})["page"]
    assert ar["leadership"][0]["role"] == "وزير المالية"
    en = gql(ORGANISATION, {"path": "/about/government-entities/", "locale": "en"})["page"]
    assert all(e["url"].startswith("https://") for e in en["entities"])
    rti = """query($locale: String) { page(path: "/right-to-information/", locale: $locale) {
      title ... on StandardPage { body { __typename ... on ParagraphBlock { html } } } } }"""
    for locale, topic in (("ar", "طلب حصول على معلومات"), ("en", "Right to information request")):
        page = gql(rti, {"locale": locale})["page"]
        text = " ".join(b.get("html", "") for b in page["body"])
        assert topic in text
        # The link to the contact centre's form, the right-to-information topic chosen.
        (link,) = gql(RTI_LINK, {"path": "/right-to-information/", "locale": locale})["page"][
            "body"
        ][4:5]
        assert link["__typename"] == "CallToActionBlock" and link["url"] == (
            f"/{locale}/contact-centre/?topic=right_to_information#enquiry"
        )
        # No time limit or fee the ministry's sources do not give: where the request goes,
        # and the period of the applicable rules.
        rules, goes = {
            "ar": ("خلال المدة التي تحددها القواعد المعمول بها", "عبر مركز الاتصال الموحد"),
            "en": ("within the period set by the applicable rules", "through the unified contact"),
        }[locale]
        assert rules in text and goes in text
        assert not re.search(r"[0-9٠-٩]+ (?:يوم|أيام|working days|days)", text)
        assert not re.search(r"مجان|free of charge|is free|illustrative|مثال توضيحي", text)
    strategy = gql(ORGANISATION, {"path": "/about/strategy/", "locale": "en"})["page"]
    assert strategy["__typename"] == "StandardPage"
