"""The visibility policy (cms/graphql/visibility.py), rule by rule, on small page trees.

The walk tests (test_visibility_walk.py, test_services_visibility.py) prove that nothing hidden
leaves any GraphQL field. These call the policy's functions directly and pin each rule on its
own, exactly (sets of ids and paths, messages, error codes, what is read from the database),
so that a change to any branch or literal of the module fails here; they are the fast tests
mutation testing runs once per mutant (docs/mutation-testing.md).

Each hidden page breaks exactly one rule, so dropping or inverting that rule shows exactly that
page. Time is fixed where a rule reads the clock.
"""

from __future__ import annotations

import datetime
import time
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.signing import TimestampSigner, b62_encode
from django.db import connection
from django.db.models.signals import pre_save
from django.test.utils import CaptureQueriesContext
from graphql import GraphQLError
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_headless_preview.models import PagePreview

from cms.graphql import visibility
from cms.graphql.read_once import execution_scope, read_once
from cms.graphql.visibility import (
    UNSAVED_PREVIEW_ID,
    all_locales,
    keep_started_translation_private,
    preview_page,
    resolve_locale,
    restricted_paths,
    stand_in_for_unsaved,
    unique_match,
    unknown_locale_error,
    visible_page_ids,
    visible_pages,
    visible_pages_of_type,
    visible_snippets,
)
from institution.models import GovernmentEntity
from site_pages.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)
SECOND = datetime.timedelta(seconds=1)
PREVIEW_SALT = "headlesspreview.token"


def child(parent: Page, slug: str, **fields) -> StandardPage:
    """A live page under `parent` (no revision: the rules read the page's columns only)."""
    page = StandardPage(title=slug, slug=slug, live=True, **fields)
    parent.add_child(instance=page)
    return StandardPage.objects.get(pk=page.pk)


def change(page: Page, **fields) -> None:
    Page.objects.filter(pk=page.pk).update(**fields)


def ids(pages) -> set[int]:
    return {page.pk for page in pages}


def restrict(page: Page) -> None:
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )


@pytest.fixture
def clock(monkeypatch):
    """The policy's clock stopped at NOW (only the module's: saving pages keeps the real one)."""
    monkeypatch.setattr(visibility, "timezone", SimpleNamespace(now=lambda: NOW))


@pytest.fixture
def tree(site_tree, clock):
    """One live page per language and, beside them, one page hidden by each rule alone."""
    home_ar, home_en = site_tree
    t = SimpleNamespace(home_ar=home_ar, home_en=home_en, root=Page.get_first_root_node())
    t.arabic, t.english = home_ar.locale, home_en.locale
    t.shown = child(home_ar, "shown")
    t.shown_en = child(home_en, "shown-en", locale=t.english)
    t.draft = child(home_ar, "draft")
    change(t.draft, live=False)
    t.expired = child(home_ar, "expired")  # Wagtail's flag, with no expiry date left on it
    change(t.expired, expired=True)
    t.expiry_passed = child(home_ar, "expiry-passed")
    change(t.expiry_passed, expire_at=NOW - SECOND)
    t.expiring_now = child(home_ar, "expiring-now")
    change(t.expiring_now, expire_at=NOW)
    t.expiring_later = child(home_ar, "expiring-later")
    change(t.expiring_later, expire_at=NOW + SECOND)
    t.alias = child(home_ar, "alias")
    change(t.alias, alias_of=t.shown)
    return t


# --- Locales -------------------------------------------------------------------------------


def assert_unknown_locale(error: GraphQLError, message: str) -> None:
    assert isinstance(error, GraphQLError)
    assert error.message == message
    assert error.extensions == {"code": "UNKNOWN_LOCALE"}


def test_the_unknown_locale_error_names_the_choices_and_cuts_the_code():
    assert_unknown_locale(unknown_locale_error("fr"), "Unknown locale 'fr'. Use one of: ar, en.")
    assert_unknown_locale(
        unknown_locale_error("abcdefghijklmnop"),
        "Unknown locale 'abcdefghij'. Use one of: ar, en.",
    )


def test_resolve_locale_defaults_to_arabic_and_normalises_the_code(locales):
    arabic, english = locales
    assert resolve_locale(None) == arabic
    assert resolve_locale("") == arabic
    assert resolve_locale("ar") == arabic
    assert resolve_locale("en") == english
    assert resolve_locale(" EN ") == english
    assert resolve_locale("\tAr\n") == arabic


@pytest.mark.parametrize(
    ("code", "shown"),
    [("fr", "fr"), (" FR ", "fr"), ("ar-SA", "ar-sa"), (" Klingon-Language ", "klingon-la")],
)
def test_resolve_locale_refuses_an_unsupported_code(locales, code, shown):
    with pytest.raises(GraphQLError) as raised:
        resolve_locale(code)
    assert_unknown_locale(raised.value, f"Unknown locale '{shown}'. Use one of: ar, en.")


def test_resolve_locale_says_when_a_supported_language_is_not_set_up(db):
    Locale.objects.get_or_create(language_code="ar")
    Locale.objects.filter(language_code="en").delete()
    with pytest.raises(GraphQLError) as raised:
        resolve_locale("en")
    assert_unknown_locale(raised.value, "Locale 'en' is not set up on this site.")


def test_all_locales_reads_every_locale_afresh_outside_a_response(
    locales, django_assert_num_queries
):
    with django_assert_num_queries(1):
        found = all_locales()
    assert isinstance(found, list)
    assert sorted(locale.language_code for locale in found) == ["ar", "en"]
    Locale.objects.create(language_code="fr")
    assert sorted(locale.language_code for locale in all_locales()) == ["ar", "en", "fr"]


def test_all_locales_is_read_once_per_response(locales, django_assert_num_queries):
    with execution_scope(SimpleNamespace()):
        first = all_locales()
        Locale.objects.create(language_code="fr")
        with django_assert_num_queries(0):
            assert all_locales() is first
        assert sorted(locale.language_code for locale in first) == ["ar", "en"]
    with execution_scope(SimpleNamespace()):
        assert sorted(locale.language_code for locale in all_locales()) == ["ar", "en", "fr"]


def test_all_locales_and_restricted_paths_are_the_responses_named_reads(locales):
    """Each is the response's read of its name: a resolver that reads that name shares it."""
    locales_read, restrictions_read = object(), object()
    with execution_scope(SimpleNamespace()):
        read_once("locales", lambda: locales_read)
        read_once("restricted_paths", lambda: restrictions_read)
        assert all_locales() is locales_read
        assert restricted_paths() is restrictions_read


# --- visible_pages -------------------------------------------------------------------------


def test_visible_pages_applies_each_rule(tree):
    assert restricted_paths() == []
    kept = {tree.shown, tree.shown_en, tree.expiring_later, tree.home_ar, tree.home_en}
    # Wagtail's root page is live, public and never expires: the policy keeps it too.
    assert ids(visible_pages()) == ids(kept) | {tree.root.pk}
    below_homes = Page.objects.filter(depth__gt=2)
    assert ids(visible_pages(below_homes)) == ids(kept - {tree.home_ar, tree.home_en})


def test_visible_pages_keeps_the_queryset_it_is_given(tree):
    pages = visible_pages(StandardPage.objects.filter(slug__in=["shown", "draft", "alias"]))
    assert [type(page) for page in pages] == [StandardPage]
    assert ids(pages) == {tree.shown.pk}
    assert ids(visible_pages(HomePage.objects.all())) == {tree.home_ar.pk, tree.home_en.pk}


def test_visible_pages_filters_on_the_locale_only_when_given(tree):
    assert ids(visible_pages(locale=tree.english)) == {tree.home_en.pk, tree.shown_en.pk}
    arabic = ids(visible_pages(Page.objects.filter(depth__gt=1), locale=tree.arabic))
    assert arabic == {tree.home_ar.pk, tree.shown.pk, tree.expiring_later.pk}
    assert ids(visible_pages(locale=None)) == ids(visible_pages())
    assert {tree.shown.pk, tree.shown_en.pk} <= ids(visible_pages())


def test_expiry_is_compared_with_the_clock(tree, monkeypatch):
    """Expired at the very second of expire_at; visible before it, and again to a clock set back."""
    assert {tree.expiring_now.pk, tree.expiry_passed.pk}.isdisjoint(ids(visible_pages()))
    earlier = NOW - 2 * SECOND
    monkeypatch.setattr(visibility, "timezone", SimpleNamespace(now=lambda: earlier))
    expiring = {tree.expiry_passed.pk, tree.expiring_now.pk, tree.expiring_later.pk}
    assert expiring <= ids(visible_pages())


@pytest.fixture
def sections(site_tree, clock):
    """Four sibling sections under the Arabic home page, each with a child and a grandchild."""
    home_ar, _ = site_tree
    found = {}
    for name in "abcd":
        section = child(home_ar, name)
        below = child(section, f"{name}-child")
        found[name] = (section, below, child(below, f"{name}-grandchild"))
    return found


def section_pages(sections, names: str) -> set[int]:
    return {page.pk for name in names for page in sections[name]}


def test_a_view_restriction_hides_the_page_and_everything_below_it(site_tree, sections):
    section, a_child, _grandchild = sections["a"]
    sibling = child(section, "a-sibling")
    restrict(a_child)
    assert restricted_paths() == [a_child.path]
    every = ids(visible_pages())
    # Not its parent (whose path starts its own), nor a sibling, whose path shares all but the
    # last step with it: paths grow by fixed-width steps, so no sibling's starts with another's.
    assert every & (section_pages(sections, "a") | {sibling.pk}) == {section.pk, sibling.pk}
    assert sibling.path[:-4] == a_child.path[:-4]
    assert section_pages(sections, "bcd") <= every
    assert {site_tree[0].pk, site_tree[1].pk} <= every


def test_several_view_restrictions_each_hide_their_part(site_tree, sections):
    restrict(sections["a"][0])
    restrict(sections["c"][1])
    assert sorted(restricted_paths()) == sorted([sections["a"][0].path, sections["c"][1].path])
    shown = ids(visible_pages(Page.objects.filter(depth__gt=2)))
    assert shown == section_pages(sections, "bd") | {sections["c"][0].pk}


def test_a_restriction_on_a_home_page_hides_its_whole_language(tree):
    restrict(tree.home_en)
    assert ids(visible_pages(locale=tree.english)) == set()
    assert tree.root.locale_id == tree.arabic.pk  # Wagtail's root, in the default language
    assert ids(visible_pages(locale=tree.arabic)) == {
        tree.root.pk,
        tree.home_ar.pk,
        tree.shown.pk,
        tree.expiring_later.pk,
    }


def test_restricted_paths_are_read_afresh_outside_a_response_and_once_inside(
    sections, django_assert_num_queries
):
    a, b = sections["a"][0], sections["b"][0]
    restrict(a)
    assert restricted_paths() == [a.path]
    restrict(b)
    assert sorted(restricted_paths()) == sorted([a.path, b.path])  # not kept from the last call
    with execution_scope(SimpleNamespace()):
        with django_assert_num_queries(1):
            paths = restricted_paths()
            assert restricted_paths() is paths
        restrict(sections["c"][0])
        assert restricted_paths() is paths


# --- visible_pages_of_type, unique_match, visible_page_ids ---------------------------------


def test_visible_pages_of_type_lists_that_type_only_and_applies_the_policy(tree):
    found = visible_pages_of_type(StandardPage)
    assert {type(page) for page in found} == {StandardPage}
    assert ids(found) == {tree.shown.pk, tree.shown_en.pk, tree.expiring_later.pk}
    assert ids(visible_pages_of_type(StandardPage, tree.english)) == {tree.shown_en.pk}
    assert ids(visible_pages_of_type(StandardPage, tree.arabic.pk)) == {
        tree.shown.pk,
        tree.expiring_later.pk,
    }
    assert ids(visible_pages_of_type(HomePage, tree.english)) == {tree.home_en.pk}
    restrict(tree.shown)
    assert ids(visible_pages_of_type(StandardPage, tree.arabic)) == {tree.expiring_later.pk}


def test_unique_match_reads_one_row_without_ordering(tree):
    with CaptureQueriesContext(connection) as queries:
        found = unique_match(StandardPage.objects.filter(slug="shown"))
    assert type(found) is StandardPage
    assert found.pk == tree.shown.pk
    (sql,) = [query["sql"] for query in queries.captured_queries]
    assert sql.rstrip().endswith("LIMIT 1")
    assert "ORDER BY" not in sql
    assert unique_match(StandardPage.objects.filter(slug="nowhere")) is None


def test_visible_page_ids_says_which_ids_may_be_shown(tree):
    asked = [
        tree.shown.pk,
        str(tree.shown_en.pk),
        None,
        tree.draft.pk,
        tree.alias.pk,
        str(tree.expired.pk),
        tree.expiring_later.pk,
        10**9,
    ]
    with CaptureQueriesContext(connection) as queries:
        found = visible_page_ids(asked)
    assert found == {tree.shown.pk, tree.shown_en.pk, tree.expiring_later.pk}
    assert all(type(pk) is int for pk in found)
    # The pages' ids only, not their rows.
    pages_query = queries.captured_queries[-1]["sql"]
    assert "wagtailcore_page" in pages_query
    assert '"path"' not in pages_query.split(" FROM ")[0]
    assert visible_page_ids(asked, tree.english) == {tree.shown_en.pk}
    assert visible_page_ids(asked, tree.arabic) == {tree.shown.pk, tree.expiring_later.pk}
    restrict(tree.shown)
    assert visible_page_ids(asked, tree.arabic) == {tree.expiring_later.pk}


@pytest.mark.parametrize("asked", [[], [None], (None, None), iter([])])
def test_visible_page_ids_of_nothing_reads_nothing(db, django_assert_num_queries, asked):
    with django_assert_num_queries(0):
        assert visible_page_ids(asked) == set()


# --- visible_snippets ----------------------------------------------------------------------


def test_visible_snippets_filter_on_the_locale(locales):
    arabic, english = locales
    names = {}
    for locale, name in ((arabic, "هيئة"), (english, "Authority")):
        entity = GovernmentEntity.objects.create(
            name=name, url="https://example.gov.sa/", locale=locale
        )
        names[entity.pk] = name
    found = visible_snippets(GovernmentEntity.objects.all(), english)
    assert [entity.name for entity in found] == ["Authority"]  # no `live` field: no live filter
    assert [entity.name for entity in visible_snippets(GovernmentEntity.objects.all(), arabic)] == [
        "هيئة"
    ]


def test_visible_snippets_with_a_live_flag_must_be_live(tree):
    """No translatable snippet has a `live` flag today; pages do, and take the same path."""
    found = visible_snippets(StandardPage.objects.all(), tree.arabic)
    assert ids(found) == {
        tree.shown.pk,
        tree.expired.pk,  # the snippet rule is locale and live, nothing more
        tree.expiry_passed.pk,
        tree.expiring_now.pk,
        tree.expiring_later.pk,
        tree.alias.pk,
    }
    assert ids(visible_snippets(StandardPage.objects.all(), tree.english)) == {tree.shown_en.pk}


# --- keep_started_translation_private ------------------------------------------------------


def page_state(page: Page) -> tuple:
    return page.live, page.live_revision_id, page.has_unpublished_changes, page.alias_of_id


def db_state(page: Page) -> tuple:
    return page_state(Page.objects.get(pk=page.pk))


@pytest.fixture
def aliases(site_tree):
    """A published Arabic page with the tree sync's alias of it in the English tree and an alias
    of it in the Arabic tree, both live and published, and a live English page of its own."""
    home_ar, home_en = site_tree
    english = home_en.locale
    source = StandardPage(title="عن الوزارة", slug="about")
    home_ar.add_child(instance=source)
    revision = source.save_revision()
    revision.publish()
    other = source.copy_for_translation(english, alias=True)
    same = source.create_alias(update_slug="about-copy")
    for page in (other, same):
        change(page, live=True, has_unpublished_changes=False, live_revision=revision)
    own = child(home_en, "own", locale=english)
    change(own, live_revision=revision)
    return SimpleNamespace(
        source=source,
        other=Page.objects.get(pk=other.pk),
        same=Page.objects.get(pk=same.pk),
        own=Page.objects.get(pk=own.pk),
        revision=revision,
    )


def test_the_receiver_is_connected_to_every_save_of_a_page():
    """cms/apps.py connects it to every model's pre_save (no sender); the tests below go
    through a real save as well as calling it directly."""
    sync_receivers, _async_receivers = pre_save._live_receivers(StandardPage)
    assert keep_started_translation_private in sync_receivers


def test_converting_an_alias_of_another_language_makes_a_draft(aliases):
    page = aliases.other
    assert page_state(page) == (True, aliases.revision.pk, False, aliases.source.pk)
    page.alias_of_id = None
    page.save(update_fields=["alias_of_id"], clean=False)  # Wagtail's "convert alias"
    assert page.live is False
    assert page.live_revision is None
    assert page.has_unpublished_changes is True
    assert db_state(page) == (False, None, True, None)


def test_the_receiver_makes_the_draft_when_called_directly(aliases, django_assert_num_queries):
    page = aliases.other
    page.alias_of_id = None
    with django_assert_num_queries(2):  # where the alias came from, then the update
        keep_started_translation_private(
            Page, instance=page, update_fields=frozenset({"alias_of_id", "title"})
        )
    assert (page.live, page.live_revision, page.has_unpublished_changes) == (False, None, True)
    # The row still says alias until the save that follows writes alias_of_id.
    assert db_state(page) == (False, None, True, aliases.source.pk)


def unconverted(aliases, name: str, **changes) -> Page:
    page = getattr(aliases, name)
    page.alias_of_id = None
    for field, value in changes.items():
        setattr(page, field, value)
    return page


@pytest.mark.parametrize(
    ("still_alias", "live", "update_fields"),
    [
        pytest.param(False, True, None, id="a full save"),
        pytest.param(False, True, frozenset(), id="no fields"),
        pytest.param(False, True, frozenset({"title", "live"}), id="other fields"),
        pytest.param(True, True, frozenset({"alias_of_id"}), id="still an alias"),
        pytest.param(False, False, frozenset({"alias_of_id"}), id="not live"),
    ],
)
def test_the_receiver_reads_nothing_when_no_live_alias_is_being_converted(
    aliases, django_assert_num_queries, still_alias, live, update_fields
):
    """Each case differs from the real conversion (the alias of the other language's page) by
    one condition alone: that condition alone must stop the receiver, before any query."""
    page = unconverted(aliases, "other", live=live)
    if still_alias:
        page.alias_of_id = aliases.source.pk
    before, stored = page_state(page), db_state(page)
    with django_assert_num_queries(0):
        keep_started_translation_private(Page, instance=page, update_fields=update_fields)
    assert page_state(page) == before
    assert db_state(page) == stored


def test_the_receiver_reads_nothing_for_a_page_never_saved(site_tree, django_assert_num_queries):
    page = StandardPage(title="new", slug="new", live=True, locale=site_tree[1].locale)
    with django_assert_num_queries(0):
        keep_started_translation_private(Page, instance=page, update_fields=["alias_of_id"])
    assert (page.live, page.live_revision, page.has_unpublished_changes) == (True, None, False)


@pytest.mark.parametrize("name", ["same", "own"])
def test_an_alias_in_its_own_language_or_a_page_that_is_no_alias_stays_live(aliases, name):
    """Converting an alias in the page's own language (its text is right), or a save naming
    alias_of_id of a page that is not an alias, leaves the page as it is."""
    page = unconverted(aliases, name)
    before, stored = page_state(page), db_state(page)
    assert before[:3] == (True, aliases.revision.pk, False)
    keep_started_translation_private(Page, instance=page, update_fields=["alias_of_id"])
    assert page_state(page) == before
    assert db_state(page) == stored
    page.save(update_fields=["alias_of_id"], clean=False)
    assert db_state(page) == (True, aliases.revision.pk, False, None)


# --- preview_page --------------------------------------------------------------------------


def sign(identifier: str, issued_ago: int = 0) -> str:
    class Issued(TimestampSigner):
        def timestamp(self):
            return b62_encode(int(time.time()) - issued_ago)

    return Issued(salt=PREVIEW_SALT).sign(identifier)


def signed_of_length(length: int) -> str:
    padding = length - len(sign(""))
    token = sign("x" * padding)
    assert len(token) == length
    return token


def store_preview(token: str, page: Page) -> None:
    """The row wagtail-headless-preview stores when an editor opens Preview."""
    PagePreview.objects.create(
        token=token,
        content_type=ContentType.objects.get_for_model(type(page)),
        content_json=page.to_json(),
    )


@pytest.fixture
def draft(site_tree):
    page = child(site_tree[1], "previewed", locale=site_tree[1].locale)
    page.title = "Draft title"
    return page


def test_a_valid_token_opens_its_draft(draft, django_assert_num_queries):
    token = sign(f"id={draft.pk}")
    store_preview(token, draft)
    page = preview_page(token)
    assert type(page) is StandardPage
    assert (page.pk, page.id, page.title) == (draft.pk, draft.pk, "Draft title")
    assert page.locale_id == draft.locale_id


@pytest.mark.parametrize("token", [None, ""])
def test_no_token_opens_nothing(db, django_assert_num_queries, token):
    with django_assert_num_queries(0):
        assert preview_page(token) is None


def test_a_token_longer_than_512_characters_is_refused_before_any_look_up(
    db, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert preview_page(signed_of_length(513)) is None
        assert preview_page(signed_of_length(2000)) is None
    with django_assert_num_queries(1):  # 512 characters are looked up (and not found)
        assert preview_page(signed_of_length(512)) is None


def test_a_token_with_a_bad_signature_opens_nothing(draft, django_assert_num_queries):
    token = sign(f"id={draft.pk}")
    forged = f"id={draft.pk + 1}" + token[token.index(":") :]
    other_salt = TimestampSigner(salt="django.core.signing").sign(f"id={draft.pk}")
    for bad in (forged, token[:-1] + ("A" if token[-1] != "A" else "B"), other_salt):
        store_preview(bad, draft)
        with django_assert_num_queries(0):
            assert preview_page(bad) is None


def test_a_token_is_valid_for_an_hour(draft):
    fresh, stale = sign(f"id={draft.pk}", 3600 - 30), sign(f"id={draft.pk}", 3600 + 30)
    store_preview(fresh, draft)
    store_preview(stale, draft)
    assert preview_page(fresh).pk == draft.pk
    assert preview_page(stale) is None


def test_a_valid_token_with_no_stored_preview_opens_nothing(draft):
    assert preview_page(sign(f"id={draft.pk}")) is None


def unsaved(parent: Page, model=StandardPage, **fields) -> Page:
    """A page as Wagtail's Add page > Preview builds it: placed under its parent, never saved."""
    page = model(title="Unsaved", slug="unsaved", **fields)
    page.depth = parent.depth + 1
    page.path = page._get_path(parent.path, page.depth, parent.numchild + 1)
    return page


def test_an_unsaved_page_previews_with_id_0_in_its_parents_language(site_tree):
    home_ar, home_en = site_tree
    page = unsaved(home_en)
    token = sign(f"parent_id={home_en.pk};page_type=site_pages.StandardPage")
    store_preview(token, page)
    previewed = preview_page(token)
    assert type(previewed) is StandardPage
    assert (previewed.pk, previewed.id, previewed.title) == (UNSAVED_PREVIEW_ID, 0, "Unsaved")
    assert previewed.locale_id == home_en.locale_id != Locale.get_default().pk


def test_an_unsaved_home_page_takes_the_default_language_not_the_roots(site_tree):
    home_ar, home_en = site_tree
    root = Page.get_first_root_node()
    # The root belongs to no language the visitor reads; English here so that taking its
    # locale would show.
    change(root, locale=home_en.locale)
    root.refresh_from_db()
    page = unsaved(root, HomePage, hero_title="x")
    stand_in_for_unsaved(page)
    assert (page.pk, page.id) == (0, 0)
    assert Locale.get_default() == home_ar.locale
    assert page.locale_id == home_ar.locale_id


def test_an_unsaved_page_with_no_place_takes_the_default_language(site_tree):
    page = StandardPage(title="Unsaved", slug="unsaved")
    assert page.path == ""
    stand_in_for_unsaved(page)
    assert (page.pk, page.locale_id) == (0, site_tree[0].locale_id)


def test_an_unsaved_page_keeps_a_language_it_has(site_tree):
    home_ar, home_en = site_tree
    page = unsaved(home_ar, locale=home_en.locale)
    stand_in_for_unsaved(page)
    assert (page.pk, page.locale_id) == (0, home_en.locale_id)
