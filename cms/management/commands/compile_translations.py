"""Compile every .po file of the project into .mo, without needing GNU gettext on the machine.

Django's compilemessages shells out to msgfmt; a fresh machine with only Python has none. polib
(already a dependency of wagtail-localize) writes the same .mo files. Fails on a broken catalogue.
"""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SKIP_DIRS = {".venv", "node_modules", "var", ".git", "pending"}


def project_catalogues(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("LC_MESSAGES/*.po")
        if not SKIP_DIRS.intersection(path.relative_to(root).parts)
    )


class Command(BaseCommand):
    help = "Compile the project's .po files to .mo (pure Python)."

    def handle(self, *args, **options):
        root = Path(settings.BASE_DIR)
        catalogues = project_catalogues(root)
        for po_path in catalogues:
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, ValueError) as error:
                raise CommandError(f"{po_path}: {error}") from error
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        self.stdout.write(f"Compiled {len(catalogues)} catalogues.")
