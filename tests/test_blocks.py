"""Accessibility rules of the content blocks reach editors as validation messages."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from site_pages import blocks


@pytest.fixture(autouse=True)
def english_messages():
    """The messages are asserted in English; Arabic is the site's default language."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def image(db):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    return Image.objects.create(title="صورة", file=get_test_image_file())


def test_image_needs_alt_text_unless_decorative(image):
    block = blocks.AccessibleImageBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": " ", "decorative": False}))
    assert "alternative text" in str(error.value.block_errors["alt_text"])
    decorative = block.to_python({"image": image.pk, "alt_text": "", "decorative": True})
    assert block.clean(decorative)["decorative"] is True


def test_table_needs_caption_and_header_row():
    block = blocks.AccessibleTableBlock()
    value = {
        "data": [["a", "b"], ["1", "2"]],
        "table_caption": "",
        "table_header_choice": "neither",
    }
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    messages = " ".join(error.value.messages)
    assert "caption" in messages and "header row" in messages
    ok = {"data": [["a"], ["1"]], "table_caption": "Fees", "table_header_choice": "row"}
    assert block.clean(ok)["first_row_is_table_header"] is True


@pytest.mark.parametrize("text", ["Click here", "اضغط هنا", "المزيد", " read more. "])
def test_call_to_action_refuses_vague_link_text(text):
    block = blocks.CallToActionBlock()
    value = block.to_python({"text": text, "url": "https://mof.gov.sa", "page": None})
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "text" in error.value.block_errors


def test_call_to_action_needs_exactly_one_target():
    block = blocks.CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({"text": "Apply for a loan exemption", "url": "", "page": None})
        )
    value = block.to_python({"text": "Apply for a loan exemption", "url": "https://mof.gov.sa"})
    assert block.clean(value)["url"] == "https://mof.gov.sa"


def test_heading_levels_are_h2_to_h4_only():
    block = blocks.HeadingBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "Title", "level": "h1"}))
    assert block.clean(block.to_python({"text": "Title", "level": "h3"}))["level"] == "h3"


def test_embed_requires_a_title():
    block = blocks.AccessibleEmbedBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"embed": None, "title": ""}))


def test_paragraph_has_no_h1_or_images():
    features = blocks.ParagraphBlock().features
    assert "h1" not in features and "image" not in features and "embed" not in features
