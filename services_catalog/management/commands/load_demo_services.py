"""Load only the demo catalogue (load_demo_content loads it together with the rest of the site)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from services_catalog.demo import load_demo_services


class Command(BaseCommand):
    help = "Create the demo service categories, catalogue page and services in Arabic and English."

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("No site yet: run `manage.py load_demo_content` first.")
        created = load_demo_services(site.root_page.specific, stdout=self.stdout)
        self.stdout.write(
            f"Created {created} catalogue objects."
            if created
            else "Demo catalogue already present."
        )
