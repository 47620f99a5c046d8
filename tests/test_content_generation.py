"""Every change the public can see bumps the content generation, once, when it commits; what
visitors send (KPI counts, feedback, searches, enquiries) and drafts never do.

The registered models are read from the registry, so a model registered later is covered here
without anyone remembering to add it: the test fails until it knows how to make one.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import content_generation as generation
from cms import outages
from cms.content_generation import content_models, current_generation
from cms.models import ContentGeneration
from institution.models import GovernmentEntity
from search.analytics import record_search
from search.models import SearchQueryDay, SynonymSet
from services_catalog import kpi
from services_catalog.models import ServiceCategory, ServiceDailyStats, ServiceFeedback
from site_pages.enquiries import submit_enquiry
from site_pages.models import Enquiry, Menu, MenuItem, SiteSettings, StandardPage
from site_pages.testing import add_page

# What visitors see besides pages. A change to this list is a decision: say why in the commit.
EXPECTED_CONTENT_MODELS = {
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailsearchpromotions.SearchPromotion",
    "wagtailredirects.Redirect",
    "site_pages.Menu",
    "site_pages.MenuItem",
    "site_pages.SiteSettings",
    "services_catalog.ServiceCategory",
    "search.SynonymSet",
    "institution.GovernmentEntity",
}


@pytest.fixture
def bumps(django_capture_on_commit_callbacks) -> Callable[[Callable[[], Any]], int]:
    """How far a change moves the generation once its transaction commits; it must not move
    before (a cache filled in between would hold content that may yet be rolled back)."""

    def measure(change: Callable[[], Any]) -> int:
        before = current_generation()
        with django_capture_on_commit_callbacks(execute=True):
            change()
            assert current_generation() == before, "bumped before the commit"
        return current_generation() - before

    return measure


# How to make one unsaved instance of each registered model, given the Arabic home page. None
# of them saves another registered model, so one save is one change.
def _restriction(home: Page) -> models.Model:
    return PageViewRestriction(page=home, restriction_type=PageViewRestriction.LOGIN)


def _site(home: Page) -> models.Model:
    return Site(hostname="portal.example.org", port=443, root_page=home)


def _locale(home: Page) -> models.Model:
    return Locale(language_code="fr")


def _image(home: Page) -> models.Model:
    return get_image_model()(title="شعار", file=get_test_image_file())


def _document(home: Page) -> models.Model:
    return get_document_model()(title="دليل", file=ContentFile(b"%PDF-1.4", name="guide.pdf"))


def _promotion(home: Page) -> models.Model:
    return SearchPromotion(query=Query.get("قرض"), page=home, description="")


def _redirect(home: Page) -> models.Model:
    return Redirect(old_path="/old-loans", redirect_link="https://example.org/loans")


def _menu(home: Page) -> models.Model:
    return Menu(slot=Menu.FOOTER, title="تذييل", locale=home.locale)


def _menu_item(home: Page) -> models.Model:
    menu = Menu.objects.create(slot=Menu.MAIN, title="رئيسية", locale=home.locale)
    return MenuItem(menu=menu, label="عن الوزارة", url="https://example.org/about")


def _site_settings(home: Page) -> models.Model:
    return SiteSettings(ministry_name_ar="وزارة المالية", ministry_name_en="Ministry of Finance")


def _category(home: Page) -> models.Model:
    return ServiceCategory(name="أوامر الدفع", slug="payment-orders-x", locale=home.locale)


def _synonyms(home: Page) -> models.Model:
    return SynonymSet(locale=home.locale, terms="قرض، سلفة")


def _government_entity(home: Page) -> models.Model:
    return GovernmentEntity(name="هيئة الزكاة", url="https://zatca.gov.sa/", locale=home.locale)


INSTANCES: dict[str, Callable[[Page], models.Model]] = {
    "wagtailcore.PageViewRestriction": _restriction,
    "wagtailcore.Site": _site,
    "wagtailcore.Locale": _locale,
    "wagtailimages.Image": _image,
    "wagtaildocs.Document": _document,
    "wagtailsearchpromotions.SearchPromotion": _promotion,
    "wagtailredirects.Redirect": _redirect,
    "site_pages.Menu": _menu,
    "site_pages.MenuItem": _menu_item,
    "site_pages.SiteSettings": _site_settings,
    "services_catalog.ServiceCategory": _category,
    "search.SynonymSet": _synonyms,
    "institution.GovernmentEntity": _government_entity,
}


def _registered_labels() -> list[str]:
    return sorted(model._meta.label for model in content_models())


def test_the_registry_holds_exactly_what_visitors_see():
    assert set(_registered_labels()) == EXPECTED_CONTENT_MODELS


# The registered models and the expected ones: a model dropped from the registry fails here
# too, by not bumping.
@pytest.mark.parametrize("label", sorted({*_registered_labels(), *EXPECTED_CONTENT_MODELS}))
def test_saving_and_deleting_a_registered_model_bumps_once_each(label, bumps, home_ar):
    make = INSTANCES.get(label)
    if make is None:
        pytest.fail(f"{label} is registered but this test cannot make one: add it to INSTANCES")
    instance = make(home_ar)
    assert bumps(instance.save) == 1, "create"
    assert bumps(instance.save) == 1, "edit"
    assert bumps(instance.delete) == 1, "delete"


def test_a_save_rolled_back_moves_nothing(bumps, home_ar):
    def save_then_fail():
        from django.db import transaction

        try:
            with transaction.atomic():
                _category(home_ar).save()
                raise RuntimeError("the editor's request failed")
        except RuntimeError:
            pass

    assert bumps(save_then_fail) == 0


def test_publish_unpublish_move_and_delete_bump_once(bumps, home_ar):
    page = add_page(home_ar, StandardPage(title="صفحة", slug="p"), publish=False)
    other = add_page(home_ar, StandardPage(title="أخرى", slug="o"))
    assert bumps(lambda: page.save_revision().publish()) == 1
    page.refresh_from_db()
    assert page.live
    assert bumps(page.unpublish) == 1
    assert bumps(lambda: page.move(other, pos="last-child")) == 1
    # The move left a redirect from the old address (Wagtail adds it); it goes with the page.
    assert Redirect.objects.filter(redirect_page=page).count() == 1
    assert bumps(Page.objects.get(pk=page.pk).delete) == 2


def test_a_draft_changes_nothing_public(bumps, home_ar):
    page = add_page(home_ar, StandardPage(title="صفحة", slug="p"))

    def save_draft():
        page.title = "مسودة"
        page.save_revision()

    assert bumps(save_draft) == 0


ENQUIRY = {
    "name": "سارة",
    "email": "sara@example.org",
    "topic": "general",
    "message": "سؤال عن إعفاء القرض وأوامر الدفع.",
}
# What a visitor's request writes, and where the rows land.
VISITOR_ACTIONS: dict[str, tuple[Callable[[], Any], list[type[models.Model]]]] = {
    "view": (lambda: kpi.record_event("MOF-IND-001", "ar", "view"), [ServiceDailyStats]),
    "start": (lambda: kpi.record_event("MOF-IND-001", "ar", "start"), [ServiceDailyStats]),
    "views-batch": (
        lambda: kpi.increment("MOF-IND-001", "en", "views", by=5),
        [ServiceDailyStats],
    ),
    "vote": (lambda: kpi.record_feedback("MOF-IND-001", "ar", useful=True), [ServiceDailyStats]),
    "vote-with-comment": (
        lambda: kpi.record_feedback("MOF-IND-001", "ar", useful=False, comment="غير واضحة"),
        [ServiceDailyStats, ServiceFeedback],
    ),
    "search": (
        lambda: record_search("إعفاء القرض", "ar", total=3),
        [SearchQueryDay, QueryDailyHits],
    ),
    "search-nothing-found": (lambda: record_search("zzzz", "en", total=0), [SearchQueryDay]),
    "enquiry": (lambda: submit_enquiry(ENQUIRY, "ar"), [Enquiry]),
}


@pytest.mark.parametrize("action", VISITOR_ACTIONS)
def test_what_visitors_send_moves_nothing(action, bumps, home_ar):
    """Counted on every anonymous request: a bump would empty every cache each time."""
    send, written = VISITOR_ACTIONS[action]
    before = [model.objects.count() for model in written]
    assert bumps(send) == 0
    assert all(model.objects.count() > count for model, count in zip(written, before, strict=True))


def test_page_views_of_regulations_consultations_and_notices_move_nothing(bumps, site_tree):
    """Counted on every anonymous read of such a page (cms/page_views.py), like service views."""
    from consultations import kpi as consultation_kpi
    from consultations.models import ConsultationDailyStats
    from consultations.testing import make_consultations
    from procurement import kpi as notice_kpi
    from procurement.models import NoticeDailyStats
    from procurement.testing import make_procurement
    from regulations import kpi as regulation_kpi
    from regulations.models import RegulationDailyStats
    from regulations.testing import make_library

    home_ar, home_en = site_tree
    english = home_en.locale
    counted = [
        (regulation_kpi.count_view, make_library(home_ar, english)["law"], RegulationDailyStats),
        (
            consultation_kpi.count_view,
            make_consultations(home_ar, english)["open"],
            ConsultationDailyStats,
        ),
        (notice_kpi.count_view, make_procurement(home_ar, english)["open"], NoticeDailyStats),
    ]
    for count_view, page, stats in counted:
        assert bumps(lambda count_view=count_view, page=page: count_view(None, page.pk)) == 0
        assert stats.objects.get().views == 1, stats


def _disconnect_start_up_receivers() -> None:
    """Undo what start-up connected (the dispatch_uids of cms/content_generation.py)."""
    for model in content_models():
        label = model._meta.label
        post_save.disconnect(sender=model, dispatch_uid=f"generation-save-{label}")
        post_delete.disconnect(sender=model, dispatch_uid=f"generation-delete-{label}")
    page_published.disconnect(dispatch_uid="generation-published")
    page_unpublished.disconnect(dispatch_uid="generation-unpublished")
    post_page_move.disconnect(dispatch_uid="generation-moved")
    post_delete.disconnect(sender=Page, dispatch_uid="generation-page-delete")
    generation._content_models.clear()


def _start_up() -> None:
    """What the AppConfig.ready() methods do: cms connects, the apps register their models."""
    generation.connect_signals()
    generation.register_content_model(ServiceCategory)  # services_catalog/apps.py
    generation.register_content_model(SynonymSet)  # search/apps.py
    generation.register_content_model(GovernmentEntity)  # institution/apps.py


@pytest.fixture
def started_up_again():
    """The registration run again, twice, from nothing: Django may call ready() more than once
    (tests that change INSTALLED_APPS), and the second run must not connect anything twice. The
    registration runs at start-up, before any test; only a test that runs it again can show
    that it registers and connects what it claims."""
    _disconnect_start_up_receivers()
    _start_up()
    _start_up()
    yield
    _disconnect_start_up_receivers()
    _start_up()


def test_start_up_registers_and_connects_everything_once(started_up_again, bumps, home_ar):
    assert set(_registered_labels()) == EXPECTED_CONTENT_MODELS
    for label in sorted(EXPECTED_CONTENT_MODELS):
        instance = INSTANCES[label](home_ar)
        assert [bumps(instance.save), bumps(instance.save), bumps(instance.delete)] == [1, 1, 1], (
            label
        )
    page = add_page(home_ar, StandardPage(title="صفحة", slug="p"), publish=False)
    other = add_page(home_ar, StandardPage(title="أخرى", slug="o"))
    assert bumps(lambda: page.save_revision().publish()) == 1
    assert bumps(Page.objects.get(pk=page.pk).unpublish) == 1
    assert bumps(lambda: Page.objects.get(pk=page.pk).move(other, pos="last-child")) == 1
    assert bumps(Page.objects.get(pk=page.pk).delete) == 2  # the page and its redirect


def test_start_up_leaves_what_visitors_send_alone(started_up_again, bumps, home_ar):
    for action, (send, _written) in VISITOR_ACTIONS.items():
        assert bumps(send) == 0, action


def test_a_missing_generation_row_comes_back_past_the_first_number(
    db, django_capture_on_commit_callbacks
):
    """Whoever read the generation before the row went missing cached under 1: the row made
    again by a bump starts at 2, so those entries are not served as current."""
    ContentGeneration.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        generation.bump_generation()
    assert ContentGeneration.objects.get().number == 2
    assert current_generation() == 2


def test_an_optional_app_not_installed_leaves_the_models_after_it_registered(
    started_up_again, monkeypatch
):
    _disconnect_start_up_receivers()
    monkeypatch.setattr(
        generation, "DEFAULT_CONTENT_MODELS", ["notinstalled.Thing", "site_pages.Menu"]
    )
    generation.connect_signals()
    assert content_models() == frozenset({Menu})


def test_a_registered_clock_change_bounds_the_next_expiry_and_is_kept_once(db, monkeypatch):
    """A consultation that closes at midnight, say: stored answers must not outlive it."""
    monkeypatch.setattr(generation, "_scheduled_changes", [])
    moment = timezone.now() + datetime.timedelta(hours=3)
    sooner = timezone.now() + datetime.timedelta(hours=1)

    def closes_in_three_hours() -> datetime.datetime:
        return moment

    assert generation.next_scheduled_expiry() is None
    generation.register_scheduled_change(closes_in_three_hours)
    generation.register_scheduled_change(closes_in_three_hours)  # ready() run twice
    generation.register_scheduled_change(lambda: None)  # nothing scheduled: ignored
    assert generation._scheduled_changes[0] is closes_in_three_hours
    assert len(generation._scheduled_changes) == 2
    assert generation.next_scheduled_expiry() == moment
    generation.register_scheduled_change(lambda: sooner)
    assert generation.next_scheduled_expiry() == sooner


def test_a_pinned_generation_is_what_every_reader_gets(db):
    number = current_generation()
    with generation.pinned_to(number + 40):
        assert current_generation() == number + 40
    assert current_generation() == number


def test_an_owed_bump_is_paid_by_the_next_read(db):
    """A bump lost to an outage (the change committed, the increment did not) is made by the
    next successful read, which then answers the new number."""
    number = current_generation()
    generation._bump_owed.set()
    try:
        assert current_generation() == number + 1
        assert not generation._bump_owed.is_set()
        assert current_generation() == number + 1  # paid once
    finally:
        generation._bump_owed.clear()


def test_the_generation_row_is_always_the_one_every_reader_reads(
    db, django_capture_on_commit_callbacks
):
    """Whatever other rows the table holds, a missing generation row is made again as row 1,
    by a read (at 1) or by a bump (at 2), never as some other row nobody reads."""
    ContentGeneration.objects.all().delete()
    ContentGeneration.objects.create(pk=7, number=50)
    assert current_generation() == 1
    assert ContentGeneration.objects.get(pk=1).number == 1
    ContentGeneration.objects.filter(pk=1).delete()
    with django_capture_on_commit_callbacks(execute=True):
        generation.bump_generation()
    assert ContentGeneration.objects.get(pk=1).number == 2
    assert current_generation() == 2


def test_the_next_expiry_is_the_first_live_page_to_expire_or_a_sooner_clock_change(
    home_ar, monkeypatch
):
    monkeypatch.setattr(generation, "_scheduled_changes", [])
    now = timezone.now()

    def page_expiring(slug: str, hours: int, **state) -> None:
        page = add_page(home_ar, StandardPage(title=slug, slug=slug))
        Page.objects.filter(pk=page.pk).update(
            expire_at=now + datetime.timedelta(hours=hours), **state
        )

    page_expiring("draft", 1, live=False)  # not public: its expiry changes nothing
    page_expiring("gone", 1, expired=True)  # already taken down
    page_expiring("overdue", -1)  # past: the next request's own check hides it
    page_expiring("live", 2)
    assert generation.next_scheduled_expiry() == now + datetime.timedelta(hours=2)
    generation.register_scheduled_change(lambda: now + datetime.timedelta(hours=3))
    assert generation.next_scheduled_expiry() == now + datetime.timedelta(hours=2)
    generation.register_scheduled_change(lambda: now + datetime.timedelta(minutes=30))
    assert generation.next_scheduled_expiry() == now + datetime.timedelta(minutes=30)


def test_reading_the_generation_ends_a_logged_database_outage(db, caplog, no_outage_under_way):
    outages.down("database", "connection refused")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mizan.outages"):
        current_generation()
    assert [record.getMessage().split(" after ")[0] for record in caplog.records] == [
        "database available again"
    ]


class _RollBack(Exception):
    pass


def test_a_bump_the_database_refuses_is_logged_and_owed(db, caplog):
    """The table gone for real (renamed, in a savepoint rolled back afterwards)."""
    table = connection.ops.quote_name(ContentGeneration._meta.db_table)
    try:
        with caplog.at_level(logging.WARNING, logger="mizan.cache"):
            with pytest.raises(_RollBack), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(f"ALTER TABLE {table} RENAME TO mizan_gone")
                generation._increment()
                raise _RollBack
        (record,) = [r for r in caplog.records if r.name == "mizan.cache"]
        assert record.msg == "Could not bump the content generation (%s); will retry"
        (error,) = record.args
        assert isinstance(error, DatabaseError)
        assert record.getMessage() == f"Could not bump the content generation ({error}); will retry"
        assert generation._bump_owed.is_set()
    finally:
        generation._bump_owed.clear()
