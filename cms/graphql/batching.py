"""Per-response batching for page fields, so a list of pages costs no query per page.

graphql-core resolves a list depth-first: every field of the first item, nested lists
included, before the second item is touched. A resolver of one item therefore cannot wait for
its siblings (that is what a DataLoader does, asynchronously); instead the execution context
below marks every list of pages it is about to complete as one `PageBatch`, and the first
item's `ancestors`, `parent`, `children`, `translations` or image look-up loads that field for
the whole list in one query. Pages loaded by a batch form a batch of their own, so nested
selections (`ancestors { translations }`) stay flat too.

Everything still goes through `cms.graphql.visibility.visible_pages`: a batch only changes
how many pages one query asks about, never which pages may leave the API.

Look-ups every response needs are read once per request: the locales and the view
restrictions through `cms.graphql.read_once`, Wagtail's site root paths by Wagtail itself; both
live on the request object that is the GraphQL context.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db.models import DEFERRED, F, QuerySet
from django.db.models.expressions import Window
from django.db.models.functions import Length, RowNumber, Substr
from django.http import HttpRequest
from django.utils import translation
from graphql import (
    ExecutionContext,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLResolveInfo,
    InlineFragmentNode,
    get_named_type,
)
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from cms.graphql.paging import Keyset
from cms.graphql.visibility import (
    all_locales,
    visible_pages,
)


def url_request(context: Any) -> HttpRequest | None:
    """The request to hand to `Page.get_url`: Wagtail caches the site root paths on it, so
    URLs cost no query per page even when the cache is a dummy."""
    return context if isinstance(context, HttpRequest) else None


def page_url(page: Page, context: Any) -> str | None:
    return page.get_url(request=url_request(context))


def language_code(locale_id: int) -> str:
    """A page's language code without a query per page."""
    for locale in all_locales():
        if locale.pk == locale_id:
            return locale.language_code
    return Locale.objects.get(pk=locale_id).language_code  # added during this request


def active_locale() -> Locale:
    """`Locale.get_active()` without a query per rich-text link."""
    try:
        wanted = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        wanted = None
    for locale in all_locales():
        if locale.language_code == wanted:
            return locale
    return Locale.get_active()


def link_images(images: Iterable[Any]) -> None:
    """Mark images shown side by side (a list's pictures, a stream's) so that the first
    rendition asked for reads that size for all of them in one query."""
    siblings = [image for image in images if image is not None]
    for image in siblings:
        image._rendition_siblings = siblings


def get_rendition(image: Any, spec: str) -> Any:
    """`image.get_rendition(spec)`, with the stored renditions of its siblings read at once.

    Wagtail's rendition cache hides the per-image query only when a cache is configured;
    prefetched renditions are looked at first, and a missing one is still generated.
    """
    siblings = getattr(image, "_rendition_siblings", None) or [image]
    if spec not in getattr(image, "_prefetched_specs", ()):
        rendition_model = get_image_model().get_rendition_model()
        found = defaultdict(list)
        for rendition in rendition_model.objects.filter(
            image_id__in={sibling.pk for sibling in siblings}, filter_spec=spec
        ):
            found[rendition.image_id].append(rendition)
        for sibling in siblings:
            specs = getattr(sibling, "_prefetched_specs", set())
            if spec in specs:
                continue
            known = getattr(sibling, "prefetched_renditions", None)
            if specs and known is not None:
                known.extend(found[sibling.pk])
            else:
                # Nothing we prefetched yet: Wagtail's own (possibly stale) list is replaced.
                sibling.prefetched_renditions = list(found[sibling.pk])
            sibling._prefetched_specs = specs | {spec}
    return image.get_rendition(spec)


def direct_fields(info: GraphQLResolveInfo, within: str | None = None) -> set[str]:
    """The schema names of the fields selected directly on what this field returns (or, with
    `within`, on the value of that field of it: a connection's `items`), through fragments of
    any type condition; directives are not applied, so this is never fewer than are resolved."""
    selection_sets = _selection_sets(info.field_nodes)
    if within is not None:
        selection_sets = _selection_sets(
            field for field in _fields(selection_sets, info.fragments) if field.name.value == within
        )
    return {field.name.value for field in _fields(selection_sets, info.fragments)}


def asks_for_type_fields(info: GraphQLResolveInfo, within: str | None = None) -> bool:
    """Whether a field that lists pages selects more than the page interface, i.e. a fragment
    on a page type (`... on ServicePage { code }`), at any depth of fragments on `Page`. With
    `within`, of the pages a connection lists in that field (`items`)."""
    selection_sets = _selection_sets(info.field_nodes)
    if within is None:
        interface = get_named_type(info.return_type).name
    else:
        interface = "Page"
        selection_sets = _selection_sets(
            field for field in _fields(selection_sets, info.fragments) if field.name.value == within
        )
    return any(
        not isinstance(selection, FieldNode)
        and selection.type_condition is not None
        and selection.type_condition.name.value != interface
        for selection in _selections(selection_sets, info.fragments)
    )


def _selection_sets(field_nodes: Iterable[FieldNode]) -> list:
    return [node.selection_set for node in field_nodes if node.selection_set]


def _fields(selection_sets: list, fragments: dict) -> Iterator[FieldNode]:
    return (s for s in _selections(selection_sets, fragments) if isinstance(s, FieldNode))


def _selections(
    selection_sets: list, fragments: dict
) -> Iterator[FieldNode | InlineFragmentNode | FragmentDefinitionNode]:
    """The fields and fragments of these selection sets, into fragments at any depth (not into
    the fields' own selections)."""
    pending = list(selection_sets)
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FragmentSpreadNode):
                selection = fragments.get(selection.name.value)
                if selection is None:
                    continue
            yield selection
            if not isinstance(selection, FieldNode):
                pending.append(selection.selection_set)


# The children of a page in tree order (`path`, which is unique), for their cursors.
CHILDREN_KEYSET = Keyset(Page, ("path",), tag="children")

# Every column the page interface's fields read (site_pages.graphql.PageInterface): a list that
# selects no page type's own fields reads only these. Wagtail's `specific(defer=True)` reads
# all thirty-odd columns of the page table (a service page's ancestors and translations, read
# in-process on the bench database: 2.5 -> 2.4 ms and 2.8 -> 2.2 ms).
INTERFACE_COLUMNS = (
    "id",
    "path",
    "depth",
    "translation_key",
    "locale_id",
    "content_type_id",
    "title",
    "seo_title",
    "search_description",
    "slug",
    "url_path",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
)


def read_pages(queryset: QuerySet, type_fields: bool) -> list[Page]:
    """The pages of `queryset` as their own types: whole (`type_fields`), or with only the page
    interface's columns read and every other one deferred, in one query either way."""
    if type_fields:
        return list(queryset.specific())
    return [_as_own_type(page) for page in queryset.only(*INTERFACE_COLUMNS)]


def _as_own_type(page: Page) -> Page:
    """`page.specific_deferred` without reading a column `page` deferred: Wagtail's own reads
    each one it copies (a query per column per page)."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    loaded = page.__dict__
    values = [
        loaded[field.attname]
        if field.attname in loaded
        else (page.pk if field.primary_key else DEFERRED)
        for field in model._meta.concrete_fields
    ]
    own = model(*values)
    own._state.adding = False
    own._state.db = page._state.db
    return own


class PageBatch:
    """Pages listed together in one response, with their page-interface look-ups done once."""

    def __init__(self, pages: Sequence[Page], context: Any = None) -> None:
        self.pages = list(pages)
        self.context = context
        # Keyed by whether the fields asked for include a page type's own (`type_fields`):
        # without them only the page table's interface columns are read (`read_pages`), one
        # query in all instead of one more per page type.
        self._by_path: dict[bool, dict[str, Page]] = {}
        self._children: dict[tuple[int, bool, str | None], dict[str, list[Page]]] = {}
        self._translations: dict[bool, dict[Any, list[Page]]] = {}
        self._images: set[str] = set()
        for page in self.pages:
            page._page_batch = self

    @classmethod
    def of(cls, page: Page, context: Any = None) -> PageBatch:
        batch = getattr(page, "_page_batch", None)
        return batch if batch is not None else cls([page], context)

    @classmethod
    def mark(cls, items: Iterable[Any], context: Any = None) -> None:
        """Make the pages among `items` that are in no batch yet one batch."""
        fresh = [
            item for item in items if isinstance(item, Page) and not hasattr(item, "_page_batch")
        ]
        if len(fresh) > 1:
            cls(fresh, context)

    # -- ancestors and parent: one query for every ancestor of every page in the batch ----------

    def _visible_ancestors(self, type_fields: bool) -> dict[str, Page]:
        if type_fields not in self._by_path:
            paths = set()
            for page in self.pages:
                steplen = page.steplen
                paths.update(page.path[: depth * steplen] for depth in range(2, page.depth))
            found = []
            if paths:
                found = read_pages(visible_pages(Page.objects.filter(path__in=paths)), type_fields)
            PageBatch(found, self.context)
            self._by_path[type_fields] = {page.path: page for page in found}
        return self._by_path[type_fields]

    def ancestors(self, page: Page, type_fields: bool = True) -> list[Page]:
        """The visible ancestors below the root, the language's home page first."""
        by_path = self._visible_ancestors(type_fields)
        steplen = page.steplen
        prefixes = (page.path[: depth * steplen] for depth in range(2, page.depth))
        return [by_path[path] for path in prefixes if path in by_path]

    def parent(self, page: Page, type_fields: bool = True) -> Page | None:
        if page.depth <= 2:
            return None
        return self._visible_ancestors(type_fields).get(page.path[: -page.steplen])

    # -- children: the first `limit` visible children of every page, in one ranked query --------

    def children(
        self, page: Page, limit: int, type_fields: bool = True, after: str | None = None
    ) -> list[Page]:
        """The first `limit` visible children in tree order; after the cursor `after` (from
        `CHILDREN_KEYSET`) when given: the same rows follow it under every parent."""
        key = (limit, type_fields, after)
        if key not in self._children:
            grouped: dict[str, list[Page]] = defaultdict(list)
            if limit > 0:
                steplen = Page.steplen
                parent_path = Substr("path", 1, Length("path") - steplen)
                listed = CHILDREN_KEYSET.filter_after(visible_pages(Page.objects.all()), after)
                ranked = (
                    listed.annotate(parent_path=parent_path)
                    .filter(parent_path__in={p.path for p in self.pages})
                    .annotate(
                        position=Window(
                            RowNumber(), partition_by=[F("parent_path")], order_by=F("path").asc()
                        )
                    )
                    .filter(position__lte=limit)
                    .order_by("path")
                )
                found = read_pages(ranked, type_fields)
                PageBatch(found, self.context)
                for child in found:
                    grouped[child.path[:-steplen]].append(child)
            self._children[key] = grouped
        return list(self._children[key].get(page.path, []))

    # -- translations: every language version of every page, in one query -----------------------

    def translations(self, page: Page, type_fields: bool = True) -> list[Page]:
        """The page's visible versions in the other languages."""
        if type_fields not in self._translations:
            keys = {p.translation_key for p in self.pages}
            found = read_pages(
                visible_pages(Page.objects.filter(translation_key__in=keys)).order_by("path"),
                type_fields,
            )
            PageBatch(found, self.context)
            by_key = self._translations[type_fields] = defaultdict(list)
            for other in found:
                by_key[other.translation_key].append(other)
        found = self._translations[type_fields].get(page.translation_key, [])
        return [t for t in found if t.pk != page.pk]

    # -- images of the pages (news articles and the like) ---------------------------------------

    def images(self, page: Page, field: str) -> Any:
        """The page's `field` image; the first call reads every page's in one query (pages
        listed with `select_related` already hold theirs) and links them for renditions."""
        attribute = f"{field}_id"
        if field not in self._images:
            with_image = [p for p in self.pages if getattr(p, attribute, None)]
            missing = [p for p in with_image if field not in p._state.fields_cache]
            if missing:
                model = get_image_model()
                images = model.objects.in_bulk({getattr(p, attribute) for p in missing})
                for other in missing:
                    setattr(other, field, images.get(getattr(other, attribute)))
            link_images(getattr(p, field) for p in with_image)
            self._images.add(field)
        return getattr(page, field) if getattr(page, attribute, None) else None


class BatchingExecutionContext(ExecutionContext):
    """graphql-core's execution, with every list of pages marked as one batch first."""

    def complete_list_value(self, return_type, field_nodes, info, path, result):
        if isinstance(result, list | tuple) and len(result) > 1:
            PageBatch.mark(result, self.context_value)
        return super().complete_list_value(return_type, field_nodes, info, path, result)
