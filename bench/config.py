"""What the benchmark measures, where it keeps its files, and the environment of each server.

Every knob is an environment variable with a default sized for a 2-core machine and a whole run
under ten minutes.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("BENCH_VAR_DIR", str(ROOT / "var" / "bench")))
RESULTS = ROOT / "bench" / "results"
WRK_SCRIPTS = ROOT / "bench" / "wrk"
BIN = Path(sys.executable).parent
PYTHON = sys.executable
HOST = "127.0.0.1"  # loopback only: nothing here ever binds or targets another address

UNREACHABLE_LIMIT = 1_000_000_000
# A fixed key is fine: the servers listen on loopback only and live for one run.
SECRET_KEY = "bench-only-loopback-key-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEF"


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        raise SystemExit(f"{name} must be a whole number") from None


@dataclass(frozen=True)
class Settings:
    database_url: str = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{VAR / 'mizan.sqlite3'}")
    services: int = _int("BENCH_SERVICES", 10_000)
    seed: int = _int("BENCH_SEED", 1)
    duration: int = _int("BENCH_DURATION", 10)
    warmup: int = _int("BENCH_WARMUP", 3)
    threads: int = _int("BENCH_THREADS", 2)
    connections: int = _int("BENCH_CONNECTIONS", 8)
    workers: int = _int("BENCH_WORKERS", 2)
    variants: tuple[str, ...] = field(
        default_factory=lambda: tuple(
            v.strip()
            for v in os.environ.get("BENCH_VARIANTS", "uncached,cached").split(",")
            if v.strip()
        )
    )
    redis_url: str = os.environ.get("BENCH_REDIS_URL", "")
    reference: bool = os.environ.get("BENCH_REFERENCE", "1") != "0"

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://"))

    @property
    def database_label(self) -> str:
        return "postgresql" if self.is_postgres else "sqlite"


# Variables of the calling shell that would change what is measured are never passed on.
_DROPPED = (
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "CMS_GRAPHQL_URL",
    "MIZAN_CACHE",
    "DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "PYTHONPATH",
)


def production_env(settings_module: str, database_url: str) -> dict[str, str]:
    """The production settings with DEBUG off, relaxed only for plain http on loopback."""
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        DEBUG="false",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def mizan_env(settings: Settings, variant: str = "cached") -> dict[str, str]:
    """Our server: var/bench for files; `uncached` runs with the cache switched off in settings."""
    env = production_env("cms.settings.production", settings.database_url)
    env["MIZAN_VAR_DIR"] = str(VAR)
    # One client address sends every request here: a limit that would answer 429 after 300 is
    # raised out of reach, so the limiter's per-request cost is still measured.
    env["RATE_LIMIT_GRAPHQL"] = f"{UNREACHABLE_LIMIT}/60"
    env["RATE_LIMIT_VISITOR_POSTS"] = f"{UNREACHABLE_LIMIT}/60"
    if settings.redis_url:
        env["REDIS_URL"] = settings.redis_url
    if variant == "uncached":
        # Not a header or a bypass: the server runs with a dummy `responses` cache, so no page
        # or GraphQL answer is stored (cms/settings/base.py: MIZAN_CACHE=off); Wagtail's own
        # look-up caches stay in `default`, as in the reference project.
        env["MIZAN_CACHE"] = "off"
    return env
