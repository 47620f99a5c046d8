import os
import tempfile
from pathlib import Path

from cms.settings.base import *  # noqa: F403
from cms.settings.base import DATABASES, VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-insecure-key-0123456789abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = VAR_DIR / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The whole suite runs from one address: limits high enough never to bite by accident. The
# rate-limit tests set their own small limits.
RATE_LIMITS = {"graphql": "100000/60", "graphql_mutation": "100000/60", "visitor_post": "100000/60"}
# Views and search counts are written as they happen, so a test reads its own counts
# (tests/test_count_buffer.py switches the buffer on).
COUNTS_FLUSH_SECONDS = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A test database in a file, not in memory: threads and processes then see the same data
    # through their own connections, and writers queue on SQLite's lock as in production, so the
    # concurrency tests (KPI and search counts, the flush at a worker's exit) run on SQLite too.
    # One file per test run (Django deletes it at the end), so two runs never share one.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"mizan-test-{os.getpid()}.sqlite3")
    }
