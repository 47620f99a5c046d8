"""Accessibility rules enforced when an editor saves or publishes, in the editor's language.

Headings in order (no skipped level, no h1 in the body), link text that names its target (also
inside rich text: "click here", "اضغط هنا", "المزيد", bare web addresses), alternative text that
describes the image. The rules live in cms/accessibility.py.
"""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms import accessibility
from services_catalog.models import ServicePage
from site_pages.blocks import BodyStreamBlock, ParagraphBlock
from site_pages.models import StandardPage
from tests.admin_forms import blank_form_data

pytest_plugins = ["services_catalog.testing"]


def body(*headings: str, paragraph: str | None = None) -> StreamValue:
    block = BodyStreamBlock()
    data = [
        {"type": "heading", "value": {"text": f"قسم {level}", "level": level}} for level in headings
    ]
    if paragraph is not None:
        data.append({"type": "paragraph", "value": paragraph})
    return block.to_python(data)


def errors_of(block, value) -> list[str]:
    try:
        block.clean(value)
    except ValidationError as error:
        return [str(message) for message in _flatten(error)]
    return []


def _flatten(error) -> list[str]:
    found = []
    for attr in ("block_errors", "non_block_errors"):
        children = getattr(error, attr, None)
        if not children:
            continue
        items = children.values() if isinstance(children, dict) else children
        for child in items:
            found += _flatten(child)
    if not found and hasattr(error, "messages"):
        found = list(error.messages)
    return found


@pytest.mark.parametrize(
    ("levels", "bad"),
    [
        (["h2", "h3", "h4", "h2", "h3"], []),
        (["h4"], [0]),  # the page whose only heading is h4
        (["h2", "h4"], [1]),
        (["h3", "h4"], [0]),
        (["h2", "h3", "h2", "h4"], [3]),
    ],
)
def test_headings_must_run_in_order(levels, bad):
    problems = accessibility.heading_problems([int(level[1]) for level in levels])
    assert sorted(problems) == bad
    assert bool(errors_of(BodyStreamBlock(), body(*levels))) == bool(bad)


def test_h1_in_rich_text_is_refused():
    assert accessibility.rich_text_problems("<h1>عنوان</h1><p>نص</p>")


@pytest.mark.parametrize(
    "text",
    [
        "click here",
        "Click here.",
        "اضغط هنا",
        "المزيد",
        "here",
        "هنا",
        "https://mof.gov.sa/x",
        "www.mof.gov.sa",
    ],
)
def test_vague_link_text_in_rich_text_is_refused(text):
    html = f'<p>للتفاصيل <a href="https://mof.gov.sa/loans">{text}</a></p>'
    assert errors_of(ParagraphBlock(), RichText(html))
    internal = f'<p><a linktype="page" id="3">{text}</a></p>'
    assert accessibility.rich_text_problems(internal)


def test_descriptive_link_text_is_accepted():
    html = '<p><a href="https://mof.gov.sa/loans">التقديم على إعفاء من القرض</a></p>'
    assert errors_of(ParagraphBlock(), RichText(html)) == []
    assert accessibility.rich_text_problems(html) == []


@pytest.mark.parametrize("alt", ["image", "صورة", "IMG_2041.JPG", "photo.png"])
def test_alt_text_must_describe_the_image(alt):
    assert accessibility.alt_text_problem(alt)
    assert accessibility.rich_text_problems(f'<embed embedtype="image" id="1" alt="{alt}"/>')


def test_alt_text_that_describes_is_accepted():
    assert accessibility.alt_text_problem("مبنى وزارة المالية في الرياض") is None


def test_messages_are_in_the_editors_language():
    with translation.override("ar"):
        arabic = accessibility.link_text_problem("اضغط هنا")
        heading = accessibility.heading_problems([4])[0]
    with translation.override("en"):
        english = accessibility.link_text_problem("click here")
    assert "لا يوضّح" in arabic and "المستوى 1" in heading
    assert "does not say where the link goes" in english


@pytest.mark.django_db
def test_service_description_with_a_vague_link_is_refused(catalogue):
    from services_catalog.testing import make_service

    page, _ = make_service(catalogue, "MOF-IND-801", english=False)
    page.description = '<p>قدّم الطلب <a href="https://mof.gov.sa/apply">اضغط هنا</a></p>'
    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "description" in refused.value.message_dict
    assert "لا يوضّح" in refused.value.message_dict["description"][0]
    assert isinstance(page, ServicePage)


@pytest.mark.django_db
def test_the_editor_refuses_to_publish_a_skipped_heading_in_arabic(editor_client, site_tree):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor_client.user)
    profile.preferred_language = "ar"
    profile.save()
    home_ar = site_tree[0]
    data = blank_form_data(StandardPage, home_ar, editor_client.user)
    data.update(
        nested_form_data(
            {
                "title": "عن الوزارة",
                "slug": "about-ministry",
                "body": streamfield(
                    [
                        ("heading", {"text": "الرؤية", "level": "h4"}),
                        (
                            "paragraph",
                            rich_text('<p><a href="https://mof.gov.sa">اضغط هنا</a></p>'),
                        ),
                    ]
                ),
                "action-publish": "action-publish",
            }
        )
    )
    response = editor_client.post(f"/admin/pages/add/site_pages/standardpage/{home_ar.pk}/", data)
    html = response.content.decode()
    assert response.status_code == 200  # the form again, with its messages
    assert not StandardPage.objects.filter(slug="about-ministry").exists()
    # StreamField errors travel to the editor's script as JSON in the page.
    for message in ("يجب أن يكون أول عنوان في المحتوى من المستوى 2", "لا يوضّح إلى أين يؤدي الرابط"):
        assert message in html or json.dumps(message)[1:-1] in html, message
