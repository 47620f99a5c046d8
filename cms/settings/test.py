import os
import tempfile
from pathlib import Path

from cms.settings.base import *  # noqa: F403
from cms.settings.base import CACHES, DATABASES, REDIS_URL, VAR_DIR

# pytest-xdist runs the suite in worker processes gw0, gw1, ... (scripts/test.sh passes -n); each
# gets what a test may write or empty of its own: media files, the SQLite file, the Redis database.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
WORKER_INDEX = int(XDIST_WORKER.removeprefix("gw")) if XDIST_WORKER.startswith("gw") else 0

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
if XDIST_WORKER:
    MEDIA_ROOT = MEDIA_ROOT / XDIST_WORKER  # still under test-media (tests/test_backup.py wipes it)
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = VAR_DIR / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The whole suite runs from one address: limits high enough never to bite by accident. The
# rate-limit tests set their own small limits.
RATE_LIMITS = {"graphql": "100000/60", "graphql_mutation": "100000/60", "visitor_post": "100000/60"}
# Views and search counts are written as they happen, so a test reads its own counts
# (tests/test_count_buffer.py switches the buffer on).
COUNTS_FLUSH_SECONDS = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A test's commits need no durability: none waits for the disk (1.4 ms a commit on the CI
    # machine; the transactional tests and every worker's migrations commit thousands of
    # times). SQLite's WAL with synchronous=NORMAL (cms/settings/base.py) does not wait either.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A test database in a file, not in memory: threads and processes then see the same data
    # through their own connections, and writers queue on SQLite's lock as in production, so the
    # concurrency tests (KPI and search counts, the flush at a worker's exit) run on SQLite too.
    # One file per test run (Django deletes it at the end), so two runs never share one.
    # (pytest-xdist workers are processes of their own: the name gets `_gw0`, `_gw1`.)
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"mizan-test-{os.getpid()}.sqlite3")
    }

    def _remove_abandoned_test_databases() -> None:
        """Files of runs that were killed (a timeout, Ctrl-C), whose process is gone."""
        for path in Path(tempfile.gettempdir()).glob("mizan-test-*.sqlite3*"):
            pid = path.name.removeprefix("mizan-test-").split(".", 1)[0]
            if not pid.isdigit():
                continue
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                path.unlink(missing_ok=True)
            except PermissionError:
                pass  # another user's process: still running

    _remove_abandoned_test_databases()


if REDIS_URL and WORKER_INDEX and os.environ.get("MIZAN_REDIS_WORKER") != XDIST_WORKER:
    # Every test empties the Redis database named in REDIS_URL (cms/testing.py: `clear()` is
    # FLUSHDB), so parallel workers must not share one: worker gwN uses database (base - N), the
    # base being REDIS_URL's (.ci/run: 15, so gw0 uses 15 and gw1 14). The environment is changed
    # too, so processes a test starts (manage.py, a worker) use the same database.
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(REDIS_URL)
    base = int(parts.path.strip("/") or 0)
    if not 1 <= base - WORKER_INDEX <= 15:
        raise ValueError(
            f"REDIS_URL names database {base}: too low for xdist worker {XDIST_WORKER}, which "
            f"would use {base - WORKER_INDEX} (0 is never a test database; Redis has 0 to 15). Use a "
            "higher database number or fewer workers (-n)."
        )
    REDIS_URL = urlunsplit(parts._replace(path=f"/{base - WORKER_INDEX}"))
    os.environ["REDIS_URL"] = REDIS_URL
    os.environ["MIZAN_REDIS_WORKER"] = XDIST_WORKER  # done: a child process keeps this database
    for alias, cache in CACHES.items():
        if cache["BACKEND"] == "django_redis.cache.RedisCache":
            CACHES[alias] = {**cache, "LOCATION": REDIS_URL}
