"""Load the ministry's bilingual demo content. Idempotent: a second run changes nothing."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Collection, Locale, Page, Site

from cms.localize import publish_translation
from site_pages import demo_content as content
from site_pages.models import (
    ContactCentrePage,
    HomePage,
    Menu,
    MenuItem,
    NewsArticlePage,
    NewsIndexPage,
    SiteSettings,
    StandardPage,
    WorkingHours,
)


class Command(BaseCommand):
    help = "Create the Arabic site and its English translation (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-index", action="store_true", help="Skip rebuilding the indexes.")

    def handle(self, *args, no_index: bool = False, **options):
        with transaction.atomic():
            self.created = 0
            home_ar = load_site(self)
            load_services(home_ar, self)
            load_regulations(home_ar, self)
            load_publications(home_ar, self)
            load_institution(home_ar, self)
            load_procurement(home_ar, self)
            load_consultations(home_ar, self)
            link_service_families(home_ar)
            load_menus(home_ar, self)
            load_settings()
            sync_english_tree_from_arabic()
            load_old_addresses(self)
        if self.created:
            self.stdout.write(f"Created {self.created} objects in Arabic and English.")
            if not no_index:
                call_command("update_index", verbosity=0)
                call_command("rebuild_references_index", verbosity=0)
        else:
            self.stdout.write("Demo content already present: nothing changed.")
        self.stdout.write(
            f"Note for editors: the care e-mail {content.CARE_EMAIL_PLACEHOLDER} is a placeholder; "
            "set the real address in Settings > Site settings and on the contact-centre page; "
            f"so is the security contact {content.SECURITY_EMAIL_PLACEHOLDER}."
        )

    def note_created(self, page) -> None:
        self.created += 1
        self.stdout.write(f"  + {page}")


def locales() -> tuple[Locale, Locale]:
    arabic, _ = Locale.objects.get_or_create(language_code="ar")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return arabic, english


def _publish(page: Page) -> Page:
    page.save_revision(log_action=True).publish()
    page.refresh_from_db()
    return page


def load_site(cmd: Command) -> HomePage:
    arabic, _english = locales()
    # A database emptied by a flush (not by a migration) has lost Wagtail's root nodes too.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = HomePage.objects.filter(locale=arabic, depth=2).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=arabic)
        )
        # Wagtail's initial migration leaves a "Welcome" placeholder at the top of the tree.
        Page.objects.filter(depth=2).exclude(locale=arabic).not_type(HomePage).delete()
        Page.objects.filter(depth=2, locale=arabic).not_type(HomePage).delete()
        values = content.home()
        home = HomePage(slug="home", locale=arabic, **values["ar"])
        root.add_child(instance=home)
        _publish(home)
        cmd.note_created(home)
        # The home page is translated first: every English page is created under it.
        publish_translation(home, HomePage(**values["en"]))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()

    _child(cmd, home, StandardPage, content.ABOUT)
    news_index = _child(cmd, home, NewsIndexPage, content.NEWS_INDEX)
    article = content.LAUNCH_ARTICLE
    _child(cmd, news_index, NewsArticlePage, article, date=article["date"])
    centre = _child(
        cmd,
        home,
        ContactCentrePage,
        content.CONTACT_CENTRE,
        phone_number=content.CONTACT_PHONE,
        email=content.CARE_EMAIL_PLACEHOLDER,
        social_account=content.SOCIAL_ACCOUNT,
        social_url=content.SOCIAL_URL,
        hours=content.WORKING_HOURS,
    )
    for legal in content.LEGAL_PAGES:
        _child(cmd, home, StandardPage, legal)
    if home.contact_centre_page_id is None:
        home.contact_centre_page = centre
        _publish(home)
        publish_translation(home, HomePage(**content.home()["en"], contact_centre_page=centre))
    return home


def _child(cmd: Command, parent: Page, model, entry: dict, hours=None, **fields):
    existing = model.objects.child_of(parent).filter(slug=entry["slug"]).first()
    en = Locale.objects.get(language_code="en")
    if existing is None:
        page = model(slug=entry["slug"], **entry["ar"], **fields)
        for first_day, last_day, opens, closes in hours or []:
            page.working_hours.add(
                WorkingHours(first_day=first_day, last_day=last_day, opens=opens, closes=closes)
            )
        parent.add_child(instance=page)
        existing = _publish(page)
        cmd.note_created(existing)
    if not existing.has_translation(en):
        publish_translation(existing, model(**entry["en"], **fields))
    return existing


def load_services(home_ar: HomePage, cmd: Command) -> None:
    try:
        from services_catalog.demo import load_demo_services
    except ImportError:  # the catalogue app ships its demo with its models
        return
    cmd.created += load_demo_services(home_ar, stdout=cmd.stdout) or 0


def load_regulations(home_ar: HomePage, cmd: Command) -> None:
    from regulations.demo import load_demo_regulations

    cmd.created += load_demo_regulations(home_ar, stdout=cmd.stdout)


def load_publications(home_ar: HomePage, cmd: Command) -> None:
    from publications.demo import load_demo_publications

    cmd.created += load_demo_publications(home_ar, stdout=cmd.stdout) or 0


def load_institution(home_ar: HomePage, cmd: Command) -> None:
    from institution.demo import load_demo_institution

    cmd.created += load_demo_institution(home_ar, stdout=cmd.stdout)


def load_procurement(home_ar: HomePage, cmd: Command) -> None:
    from procurement.demo import load_demo_procurement

    cmd.created += load_demo_procurement(home_ar, stdout=cmd.stdout)


def load_consultations(home_ar: HomePage, cmd: Command) -> None:
    from consultations.demo import load_demo_consultations

    cmd.created += load_demo_consultations(home_ar, stdout=cmd.stdout)


def load_old_addresses(cmd: Command) -> None:
    """The old site's address map, once the pages it points at exist in both languages."""
    from old_addresses.demo import load_demo_old_addresses

    cmd.created += load_demo_old_addresses(stdout=cmd.stdout)


def link_service_families(home_ar: HomePage) -> None:
    """Point each family card that has neither a page nor a category at its category.

    Runs after the catalogue exists; the card then links to the catalogue filtered by it.
    """
    from services_catalog.models import ServiceCategory

    for home in [home_ar, *home_ar.get_translations()]:
        home = home.specific
        blocks = [dict(block) for block in home.featured.raw_data]
        families = [block for block in blocks if block["type"] == "service_family"]
        changed = False
        for block, slug in zip(families, content.SERVICE_FAMILY_CATEGORIES, strict=False):
            value = dict(block["value"])
            if value.get("page") or value.get("category"):
                continue
            category = ServiceCategory.objects.filter(slug=slug, locale_id=home.locale_id).first()
            if category is not None:
                value["category"] = category.pk
                block["value"] = value
                changed = True
        if changed:
            home.featured = blocks
            _publish(home)


def load_menus(home_ar: HomePage, cmd: Command) -> None:
    arabic, english = locales()
    for slot, spec in content.MENUS.items():
        menu = Menu.objects.filter(slot=slot, locale=arabic).first()
        if menu is None:
            pages = [
                page
                for slug in spec["pages"]
                if (page := Page.objects.child_of(home_ar).filter(slug=slug).first())
            ]
            menu = Menu(slot=slot, title=spec["ar"], locale=arabic)
            menu.items = [MenuItem(page=page, locale=arabic) for page in pages]
            menu.save()
            cmd.note_created(menu)
        if not menu.has_translation(english):
            shadow = Menu(slot=slot, title=spec["en"])
            shadow.items = [MenuItem(page_id=item.page_id) for item in menu.items.all()]
            publish_translation(menu, shadow)


def sync_english_tree_from_arabic() -> None:
    """New Arabic pages appear in the English tree as aliases until an editor translates them."""
    from wagtail_localize.models import LocaleSynchronization

    arabic, english = locales()
    LocaleSynchronization.objects.get_or_create(locale=english, defaults={"sync_from": arabic})


def load_settings() -> None:
    settings = SiteSettings.load()
    if not settings.ministry_name_ar:
        settings.ministry_name_ar = content.MINISTRY_NAME["ar"]
        settings.ministry_name_en = content.MINISTRY_NAME["en"]
        settings.contact_phone = content.CONTACT_PHONE
        settings.contact_email = content.CARE_EMAIL_PLACEHOLDER
        settings.social_account = content.SOCIAL_ACCOUNT
        settings.x_url = content.SOCIAL_URL
        settings.save()
    if not settings.security_contact:
        # A placeholder like the care e-mail: editors set the real one, and renew the expiry.
        settings.security_contact = f"mailto:{content.SECURITY_EMAIL_PLACEHOLDER}"
        settings.security_expires = timezone.now() + timedelta(days=180)
        settings.save()
