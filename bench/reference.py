"""Step 5: the reference, a fresh `wagtail start` project served exactly as ours is.

It is made from the installed Wagtail's own project template under
var/bench/reference-<engine> and configured (in the template's settings/local.py, which its
production settings import) like ours: production settings with DEBUG off, whitenoise with compressed manifest static files, the
same database engine with the same connection options, the same cache backend (local memory).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from bench import config
from bench.log import step

PROJECT = "refsite"


def directory(settings: config.Settings) -> Path:
    """One project per database engine, so switching engines does not rebuild it each time."""
    return config.VAR / f"reference-{settings.database_label}"


LOCAL_SETTINGS = '''"""Written by bench/reference.py: serve the starter project the way Mizan is served."""

import os

import dj_database_url

from .base import BASE_DIR, MIDDLEWARE, STORAGES

SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
DEBUG = False

DATABASES = {
    "default": dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = BASE_DIR / "static"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
'''


def database_url(settings: config.Settings) -> str:
    if settings.is_postgres:
        base, _, name = settings.database_url.rstrip("/").rpartition("/")
        return f"{base}/{name.split('?', 1)[0]}_reference"
    return f"sqlite:///{directory(settings) / 'db.sqlite3'}"


def env(settings: config.Settings) -> dict[str, str]:
    return config.production_env(f"{PROJECT}.settings.production", database_url(settings))


def _stamp(settings: config.Settings) -> dict[str, str]:
    import wagtail

    return {"wagtail": wagtail.__version__, "database": database_url(settings)}


def build(settings: config.Settings) -> None:
    """Create (once per Wagtail version and database) and migrate the starter project."""
    folder = directory(settings)
    stamp_file = folder / "bench-stamp.json"
    stamp = _stamp(settings)
    if stamp_file.exists() and json.loads(stamp_file.read_text()) == stamp:
        step(f"reference project: reusing {folder}")
        return
    step("reference project: wagtail start, migrate, collectstatic")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    subprocess.run(
        [str(config.BIN / "wagtail"), "start", PROJECT, str(folder)],
        check=True,
        capture_output=True,
    )
    (folder / PROJECT / "settings" / "local.py").write_text(LOCAL_SETTINGS, encoding="utf-8")
    if settings.is_postgres:
        from bench.prepare import ensure_postgres_database

        ensure_postgres_database(stamp["database"])
    for args in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run(
            [config.PYTHON, "manage.py", *args],
            cwd=folder,
            env=env(settings),
            check=True,
            capture_output=True,
        )
    stamp_file.write_text(json.dumps(stamp))
