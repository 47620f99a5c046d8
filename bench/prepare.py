"""Step 1: the bench database (demo content plus N synthetic services, indexed) and static files.

Idempotent: a database that already holds the demo content and the services is reused, and
only what is missing is added, so a second `make bench` starts measuring within seconds.
"""

from __future__ import annotations

import json
import subprocess
import time

from bench import config
from bench.log import step

# Run inside the Django process: how many synthetic services and search entries there are.
_STATE_SCRIPT = """
import json
from django.contrib.contenttypes.models import ContentType
from wagtail.search.models import IndexEntry
from services_catalog import generator
from services_catalog.models import ServicePage
kind = ContentType.objects.get_for_model(ServicePage)
print("BENCH_STATE=" + json.dumps({
    "synthetic": generator.existing_synthetic_count(),
    "service_pages": ServicePage.objects.count(),
    "indexed_service_pages": IndexEntry.objects.filter(content_type=kind).count(),
}))
"""


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    command = [config.PYTHON, str(config.ROOT / "manage.py"), *args]
    result = subprocess.run(
        command, cwd=config.ROOT, env=env, text=True, capture_output=capture, check=False
    )
    if result.returncode != 0:
        detail = (result.stderr or "")[-2000:] if capture else ""
        raise SystemExit(f"manage.py {' '.join(args)} failed ({result.returncode}) {detail}")
    return result.stdout or ""


def database_state(env: dict[str, str]) -> dict[str, int]:
    out = manage(env, "shell", "-c", _STATE_SCRIPT, capture=True)
    for line in out.splitlines():
        if line.startswith("BENCH_STATE="):
            return json.loads(line.split("=", 1)[1])
    raise SystemExit(f"Could not read the bench database state: {out[-500:]}")


def ensure_postgres_database(url: str) -> None:
    """Create the PostgreSQL database the URL names when it does not exist yet."""
    import psycopg
    from psycopg import sql

    base, _, name = url.rstrip("/").rpartition("/")
    name = name.split("?", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def vacuum_analyze(url: str) -> None:
    """Refresh PostgreSQL's planner statistics and merge the GIN indexes' pending lists.

    After a bulk load autovacuum would do it minutes later; until then plans assume nearly
    empty tables and every full-text search re-checks thousands of rows. VACUUM cannot run in
    a transaction, hence a connection of its own in autocommit mode.
    """
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def static_files_changed() -> bool:
    """Whether collectstatic must run: no manifest yet, or a file newer than it in our apps'
    static folders or the pinned requirements (a new Wagtail brings new admin files)."""
    manifest = config.VAR / "static" / "staticfiles.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [config.ROOT / "requirements.txt"]
    for folder in config.ROOT.glob("*/static"):
        sources += [path for path in folder.rglob("*") if path.is_file()]
    return any(path.stat().st_mtime > built for path in sources)


def prepare(settings: config.Settings) -> dict[str, object]:
    started = time.monotonic()
    config.VAR.mkdir(parents=True, exist_ok=True)
    if settings.is_postgres:
        ensure_postgres_database(settings.database_url)
    env = config.mizan_env(settings)
    step(f"bench database ({settings.database_label}): migrate, demo content")
    manage(env, "compile_translations", capture=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo_content", capture=True)
    state = database_state(env)
    missing = settings.services - state["synthetic"]
    if missing > 0:
        step(f"generating {missing} services (seed {settings.seed}); {state['synthetic']} exist")
        manage(env, "generate_services", "--count", str(missing), "--seed", str(settings.seed))
        state = database_state(env)
    else:
        step(f"reusing the {state['synthetic']} synthetic services already in the database")
    if state["indexed_service_pages"] < state["service_pages"]:
        step(
            f"update_index: {state['indexed_service_pages']} of {state['service_pages']} "
            "service pages indexed"
        )
        manage(env, "update_index", "-v", "0")
        state = database_state(env)
    if settings.is_postgres:
        step("VACUUM ANALYZE (planner statistics after the bulk load)")
        vacuum_analyze(settings.database_url)
    if static_files_changed():
        step("collectstatic (whitenoise manifest)")
        manage(env, "collectstatic", "--noinput", "-v", "0")
    return {**state, "seconds": round(time.monotonic() - started, 1)}
