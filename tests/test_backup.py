"""Back up, wipe, restore: every page, service, translation, enquiry and file comes back
(issue 6, item 9).

The site lives in its own database (a SQLite file; and a PostgreSQL database of its own when
DATABASE_URL names PostgreSQL) and its own media folder, driven through the same scripts as
`make backup` and `make restore`, in separate processes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

CREATE_EXTRA_CONTENT = """
import io, django
django.setup()
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from site_pages.models import Enquiry
Enquiry.objects.create(language="ar", name="سارة", phone="0501234567", topic="payment_orders",
                       message="استفسار عن أمر الدفع.")
Enquiry.objects.create(language="en", email="visitor@example.com", topic="general",
                       message="A question about loan exemptions.")
get_document_model().objects.create(
    title="Guide", file=ContentFile(b"%PDF-1.4 guide", name="guide.pdf"))
buffer = io.BytesIO()
PILImage.new("RGB", (4, 3), (0, 100, 50)).save(buffer, "PNG")
get_image_model().objects.create(title="Logo", file=ContentFile(buffer.getvalue(), name="logo.png"))
"""

FINGERPRINT = """
import hashlib, json, django
django.setup()
from pathlib import Path
from django.conf import settings
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation
from services_catalog.models import ServicePage
from site_pages.models import Enquiry
media = Path(settings.MEDIA_ROOT)
print("FINGERPRINT" + json.dumps({
    "pages": sorted([p.pk, p.locale.language_code, p.url_path, p.title, p.live]
                    for p in Page.objects.select_related("locale")),
    "services": sorted([s.code, s.locale.language_code, s.title]
                       for s in ServicePage.objects.select_related("locale")),
    "translations": sorted([str(t.source.object_id), t.target_locale.language_code, t.enabled]
                           for t in Translation.objects.select_related("source", "target_locale")),
    "string_translations": StringTranslation.objects.count(),
    "enquiries": sorted([e.reference, e.language, e.topic, e.message]
                        for e in Enquiry.objects.all()),
    "media": sorted([str(f.relative_to(media)), hashlib.sha256(f.read_bytes()).hexdigest()]
                    for f in media.rglob("*") if f.is_file()),
}, ensure_ascii=False))
"""


SET_GENERATION = """
import sys, django
django.setup()
from cms.models import ContentGeneration
ContentGeneration.objects.update_or_create(pk=1, defaults={"number": int(sys.argv[1])})
"""

READ_GENERATION = """
import django
django.setup()
from cms.content_generation import current_generation
print("GENERATION", current_generation())
"""


def _run(args: list[str], environment: dict[str, str], timeout: int = 600) -> str:
    result = subprocess.run(
        args, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-4000:])
    return result.stdout


def _fingerprint(environment: dict[str, str]) -> dict:
    output = _run([PYTHON, "-c", FINGERPRINT], environment)
    line = next(x for x in output.splitlines() if x.startswith("FINGERPRINT"))
    return json.loads(line[len("FINGERPRINT") :])


def _generation(environment: dict[str, str]) -> int:
    output = _run([PYTHON, "-c", READ_GENERATION], environment)
    line = next(x for x in output.splitlines() if x.startswith("GENERATION "))
    return int(line.split()[1])


def _base_environment(tmp_path: Path, database_url: str) -> dict[str, str]:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "ELASTICSEARCH_URL")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        DATABASE_URL=database_url,
        # Test settings keep media under MIZAN_VAR_DIR/test-media: a folder of this site's own.
        MIZAN_VAR_DIR=str(tmp_path / "var"),
        PYTHONPATH=str(ROOT),
        PY=PYTHON,
    )
    return environment


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _psql(url: str, sql: str) -> None:
    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    subprocess.run(["psql", admin_url, "-v", "ON_ERROR_STOP=1", "-c", sql], check=True)


@pytest.fixture(params=["sqlite", "postgres"])
def site_database(request, tmp_path):
    """A database URL for a site of its own, and how to wipe it."""
    if request.param == "sqlite":
        if _postgres_url() is not None:
            # The SQLite site is the same whatever the suite runs on: .ci/run's SQLite half
            # backs it up and restores it; its PostgreSQL half takes the PostgreSQL case.
            pytest.skip("SQLite backups are tested when the suite runs on SQLite")
        path = tmp_path / "site.sqlite3"

        def wipe():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)

        yield f"sqlite:///{path}", wipe
        return
    base = _postgres_url()
    if base is None or shutil.which("psql") is None:
        pytest.skip("PostgreSQL backups are tested when DATABASE_URL names PostgreSQL")
    name = f"mizan_backup_{uuid.uuid4().hex[:10]}"
    url = urlunsplit(urlsplit(base)._replace(path=f"/{name}"))
    _psql(base, f'CREATE DATABASE "{name}"')

    def wipe():
        _psql(base, f'DROP DATABASE "{name}" WITH (FORCE)')
        _psql(base, f'CREATE DATABASE "{name}"')

    yield url, wipe
    _psql(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_wipe_restore_finds_everything_again(site_database, tmp_path):
    database_url, wipe = site_database
    environment = _base_environment(tmp_path, database_url)
    _run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], environment)
    _run([PYTHON, "manage.py", "load_demo_content", "--no-index"], environment)
    _run([PYTHON, "-c", CREATE_EXTRA_CONTENT], environment)
    before = _fingerprint(environment)
    assert len(before["pages"]) > 20 and len(before["services"]) > 10
    assert {locale for _, locale, _ in before["services"]} == {"ar", "en"}
    assert before["translations"] and len(before["enquiries"]) == 2
    assert len(before["media"]) >= 2

    backups = tmp_path / "backups"
    _run(["bash", "scripts/backup.sh", "--dir", str(backups)], environment)
    (backup,) = list(backups.iterdir())
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["row_counts"]["site_pages.Enquiry"] == 2

    wipe()
    shutil.rmtree(tmp_path / "var" / "test-media")
    output = _run(["bash", "scripts/restore.sh", "latest", "--dir", str(backups)], environment)
    assert "row counts match" in output

    after = _fingerprint(environment)
    assert after == before

    # B1: editors kept publishing after the backup, and caches hold pages under those later
    # generations. Restoring the older content must not bring an old number back, or those
    # entries would be served over the restored content.
    _run([PYTHON, "-c", SET_GENERATION, "1000"], environment)
    _run(["bash", "scripts/restore.sh", "latest", "--dir", str(backups)], environment)
    assert _generation(environment) > 1000
    assert _fingerprint(environment) == before


def test_a_damaged_backup_is_refused(tmp_path):
    environment = _base_environment(tmp_path, f"sqlite:///{tmp_path / 'site.sqlite3'}")
    backups = tmp_path / "backups"
    _run(["bash", "scripts/backup.sh", "--dir", str(backups)], environment)
    (backup,) = list(backups.iterdir())
    with (backup / "database.sqlite3").open("ab") as handle:
        handle.write(b"damage")
    result = subprocess.run(
        ["bash", "scripts/restore.sh", "latest", "--dir", str(backups)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "damaged" in result.stderr
