"""Background work: the task backend our tasks use, and the jobs that run every minute.

Tasks are django-tasks tasks on the `BACKGROUND_TASKS` backend (the database backend, run by
`manage.py db_worker --backend background`; docs/operations.md). django-tasks has no schedule, so
the every-minute jobs hang off one task, `every_minute`, that runs them and enqueues itself
again a minute later. `ensure_every_minute()` (run when a worker starts) enqueues it only when
none is waiting, so starting two workers does not run the jobs twice a minute; if two chains
ever exist, the first to run sees the other waiting and ends its own.

Apps add their jobs with `register_every_minute()` in their AppConfig.ready().
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task

logger = logging.getLogger("mizan.background")

TICK_SECONDS = 60
# A tick still marked running after this long belongs to a worker that died in it.
STALE_RUNNING_TICK = timedelta(minutes=10)

_every_minute_jobs: dict[str, Callable[[], None]] = {}


def register_every_minute(name: str, job: Callable[[], None]) -> None:
    """Run `job` once a minute on the worker; `name` identifies it in the log."""
    _every_minute_jobs[name] = job


def every_minute_jobs() -> dict[str, Callable[[], None]]:
    return dict(_every_minute_jobs)


def run_every_minute_jobs() -> None:
    """Run each registered job once; one job failing does not stop the others."""
    for name, job in every_minute_jobs().items():
        try:
            job()
        except Exception:
            logger.exception("Every-minute job %s failed; it runs again next minute", name)


@task(backend=settings.BACKGROUND_TASKS)
def every_minute() -> None:
    try:
        run_every_minute_jobs()
    finally:
        if not _other_tick_waiting():
            every_minute.using(run_after=timezone.now() + timedelta(seconds=TICK_SECONDS)).enqueue()


def _tick_results():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=every_minute.module_path, backend_name=settings.BACKGROUND_TASKS
    )


def _other_tick_waiting() -> bool:
    return _tick_results().filter(status=TaskResultStatus.READY).exists()


def uses_database_backend() -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(every_minute.get_backend(), DatabaseBackend)


def ensure_every_minute() -> bool:
    """Enqueue the every-minute task unless one is waiting or running; True if it enqueued.

    Only the database backend can be asked what is queued; with another backend the jobs run
    from cron with `manage.py run_every_minute_jobs` instead (docs/operations.md).
    """
    if not uses_database_backend():
        logger.warning(
            "The background backend is not the database one: run "
            "`manage.py run_every_minute_jobs` from cron every minute instead."
        )
        return False
    with transaction.atomic():
        recent = timezone.now() - STALE_RUNNING_TICK
        ticks = _tick_results().select_for_update()
        if ticks.filter(status=TaskResultStatus.READY).exists():
            return False
        if ticks.filter(status=TaskResultStatus.RUNNING, started_at__gte=recent).exists():
            return False
        every_minute.enqueue()
    return True
