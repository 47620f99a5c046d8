"""StreamField blocks as typed GraphQL objects in one `Block` union.

Links inside blocks (rich text, page choosers) go through the visibility policy: a link to a
page the public may not see is dropped.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import graphene
from wagtail.blocks import StreamValue
from wagtail.models import Page

from cms.graphql.batching import get_rendition, link_images, page_url
from cms.graphql.richtext import page_link_ids, page_link_urls, render_rich_text
from cms.graphql.visibility import visible_pages, visible_pages_of_type

RENDITION_SPECS = {
    "THUMBNAIL": "fill-160x160",
    "CARD": "fill-640x360",
    "CONTENT": "width-960",
    "HERO": "fill-1600x600",
}
RenditionSpec = graphene.Enum("RenditionSpec", [(name, name) for name in RENDITION_SPECS])


class Rendition(graphene.ObjectType):
    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


class Image(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    rendition = graphene.Field(
        Rendition,
        spec=graphene.Argument(RenditionSpec, required=True),
        description="A resized copy; only the listed sizes can be asked for.",
    )

    @staticmethod
    def resolve_rendition(image, info, spec):
        name = spec.value if hasattr(spec, "value") else spec
        rendition = get_rendition(image, RENDITION_SPECS[name])
        return Rendition(url=rendition.url, width=rendition.width, height=rendition.height)


class HeadingBlock(graphene.ObjectType):
    id = graphene.ID()
    level = graphene.String(required=True, description="h2, h3 or h4")
    text = graphene.String(required=True)


class ParagraphBlock(graphene.ObjectType):
    id = graphene.ID()
    html = graphene.String(required=True)


class ImageBlock(graphene.ObjectType):
    id = graphene.ID()
    image = graphene.Field(Image)
    alt_text = graphene.String(required=True, description="Empty when decorative")
    decorative = graphene.Boolean(required=True)
    caption = graphene.String(required=True)


class TableBlock(graphene.ObjectType):
    id = graphene.ID()
    caption = graphene.String(required=True)
    headers = graphene.List(graphene.NonNull(graphene.String), required=True)
    rows = graphene.List(
        graphene.NonNull(graphene.List(graphene.NonNull(graphene.String))), required=True
    )
    first_column_is_header = graphene.Boolean(required=True)


class AccordionItem(graphene.ObjectType):
    question = graphene.String(required=True)
    answer_html = graphene.String(required=True)


class AccordionBlock(graphene.ObjectType):
    id = graphene.ID()
    title = graphene.String(required=True)
    items = graphene.List(graphene.NonNull(AccordionItem), required=True)


class CallToActionBlock(graphene.ObjectType):
    id = graphene.ID()
    text = graphene.String(required=True)
    url = graphene.String()
    description = graphene.String(required=True)
    is_external = graphene.Boolean(required=True)


class DocumentLinkBlock(graphene.ObjectType):
    id = graphene.ID()
    title = graphene.String(required=True)
    url = graphene.String()
    file_extension = graphene.String(required=True)
    file_size = graphene.Int(description="Bytes; null when unknown")


class QuoteBlock(graphene.ObjectType):
    id = graphene.ID()
    quote = graphene.String(required=True)
    attribution = graphene.String(required=True)


class EmbedBlock(graphene.ObjectType):
    id = graphene.ID()
    url = graphene.String()
    title = graphene.String(required=True)


class ServiceFamilyBlock(graphene.ObjectType):
    id = graphene.ID()
    title = graphene.String(required=True)
    description = graphene.String(required=True)
    url = graphene.String(
        description=(
            "The chosen page; without one, the catalogue filtered by the family's category "
            "(`?category=<slug>`). Null when neither is public."
        )
    )


BLOCK_TYPES = (
    HeadingBlock,
    ParagraphBlock,
    ImageBlock,
    TableBlock,
    AccordionBlock,
    CallToActionBlock,
    DocumentLinkBlock,
    QuoteBlock,
    EmbedBlock,
    ServiceFamilyBlock,
)


# Fields that share a name across block types share a type too (every `url` is a nullable
# String), so a client can select them side by side in one union selection.
class Block(graphene.Union):
    class Meta:
        types = BLOCK_TYPES


def _collect_page_ids(stream: StreamValue) -> set[int]:
    """Every page a stream links to (choosers and rich text), to check visibility in one query."""
    ids: set[int] = set()
    for child in stream:
        value = child.value
        name = child.block_type
        if name == "paragraph":
            ids |= page_link_ids(value.source)
        elif name == "accordion":
            for item in value["items"]:
                ids |= page_link_ids(item["answer"].source)
        elif name in ("call_to_action", "service_family") and value.get("page"):
            ids.add(value["page"].pk)
    return ids


def _page_url(page, visible: dict[int, str], context: Any) -> str | None:
    """A chooser's page, as chosen (rich-text links follow the active language instead)."""
    if page is None or page.pk not in visible:
        return None
    return page_url(page, context)


def _enquiry_form_url(page, topic: str, context: Any, locale_id: int | None) -> str | None:
    """The contact centre's enquiry form opened with `topic` chosen, in the language of the
    page holding the link: wagtail-localize leaves a translated page's chooser on the source's
    page, which would send the English right-to-information page's readers to the Arabic form.
    The chosen page itself when it has no public version in that language."""
    versions = {
        version.locale_id: version
        for version in visible_pages(Page.objects.filter(translation_key=page.translation_key))
    }
    target = versions.get(locale_id) or versions.get(page.locale_id)
    url = page_url(target, context) if target is not None else None
    return f"{url}?{urlencode({'topic': topic})}#enquiry" if url else None


def _family_url(value, visible_urls: dict[int, str], context: Any, catalogues: dict) -> str | None:
    """A service family's link: its page, else the catalogue filtered by its category."""
    url = _page_url(value.get("page"), visible_urls, context)
    category = value.get("category")
    if url or category is None:
        return url
    # The category's language is the card's (wagtail-localize swaps a translated page's
    # snippets for their translations), whatever language the request came in.
    if category.locale_id not in catalogues:  # looked up once per stream and language
        catalogues[category.locale_id] = _catalogue_url(context, category.locale)
    catalogue = catalogues[category.locale_id]
    return f"{catalogue}?{urlencode({'category': category.slug})}" if catalogue else None


def _catalogue_url(context: Any, locale) -> str | None:
    from services_catalog.models import ServiceIndexPage  # services_catalog builds on site_pages

    page = visible_pages_of_type(ServiceIndexPage, locale).order_by("path").first()
    return page_url(page, context) if page else None


def _table(child) -> TableBlock:
    value = child.value or {}
    data = [[cell or "" for cell in row] for row in value.get("data") or []]
    has_header = bool(value.get("first_row_is_table_header"))
    return TableBlock(
        id=child.id,
        caption=value.get("table_caption") or "",
        headers=data[0] if has_header and data else [],
        rows=data[1:] if has_header else data,
        first_column_is_header=bool(value.get("first_col_is_header")),
    )


def stream_to_blocks(
    stream: StreamValue | None, context: Any = None, locale_id: int | None = None
) -> list[graphene.ObjectType]:
    """The stream's blocks; `context` is the GraphQL context (the request), which lets page
    URLs and the active locale be read once per response; `locale_id` is the language of the
    page the stream belongs to."""
    if not stream:
        return []
    # Visibility and URLs of every linked page in one go, so links cost nothing per block.
    visible = page_link_urls(_collect_page_ids(stream), context)
    link_images(child.value.get("image") for child in stream if child.block_type == "image")
    blocks: list[graphene.ObjectType] = []
    catalogues: dict[int, str | None] = {}
    for child in stream:
        name, value, block_id = child.block_type, child.value, child.id
        if name == "heading":
            blocks.append(HeadingBlock(id=block_id, level=value["level"], text=value["text"]))
        elif name == "paragraph":
            blocks.append(
                ParagraphBlock(id=block_id, html=render_rich_text(value.source, link_urls=visible))
            )
        elif name == "image":
            decorative = bool(value.get("decorative"))
            blocks.append(
                ImageBlock(
                    id=block_id,
                    image=value.get("image"),
                    alt_text="" if decorative else value.get("alt_text") or "",
                    decorative=decorative,
                    caption=value.get("caption") or "",
                )
            )
        elif name == "table":
            blocks.append(_table(child))
        elif name == "accordion":
            items = [
                AccordionItem(
                    question=item["question"],
                    answer_html=render_rich_text(item["answer"].source, link_urls=visible),
                )
                for item in value["items"]
            ]
            blocks.append(AccordionBlock(id=block_id, title=value.get("title") or "", items=items))
        elif name == "call_to_action":
            page = value.get("page")
            if page and value.get("enquiry_topic"):
                url = _enquiry_form_url(page, value["enquiry_topic"], context, locale_id)
            else:
                url = _page_url(page, visible, context) if page else value.get("url")
            if not url:
                continue  # its page is not public: the call to action is dropped
            blocks.append(
                CallToActionBlock(
                    id=block_id,
                    text=value["text"],
                    url=url,
                    description=value.get("description") or "",
                    is_external=not page,
                )
            )
        elif name == "document_link":
            document = value.get("document")
            if document is None:
                continue
            blocks.append(
                DocumentLinkBlock(
                    id=block_id,
                    title=value.get("title") or document.title,
                    url=document.url,
                    file_extension=(document.file_extension or "").upper(),
                    file_size=document.get_file_size(),
                )
            )
        elif name == "quote":
            blocks.append(
                QuoteBlock(
                    id=block_id, quote=value["quote"], attribution=value.get("attribution") or ""
                )
            )
        elif name == "embed":
            embed = value.get("embed")
            blocks.append(
                EmbedBlock(id=block_id, url=getattr(embed, "url", "") or "", title=value["title"])
            )
        elif name == "service_family":
            blocks.append(
                ServiceFamilyBlock(
                    id=block_id,
                    title=value["title"],
                    description=value["description"],
                    url=_family_url(value, visible, context, catalogues),
                )
            )
    return blocks
