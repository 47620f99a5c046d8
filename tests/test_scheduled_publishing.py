"""Scheduled go-live and expiry happen by themselves on the worker (issue 17, item 2).

The page is scheduled as the admin does it (a revision with `approved_go_live_at`); nothing
calls `publish_scheduled` by hand: the worker runs the every-minute task, which runs it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cms import background
from cms.content_generation import current_generation
from site_pages.models import StandardPage
from site_pages.testing import add_page, make_site_tree

pytestmark = pytest.mark.django_db(transaction=True)


def ticks(status: TaskResultStatus):
    return DBTaskResult.objects.filter(task_path=background.every_minute.module_path, status=status)


def test_a_scheduled_page_goes_live_when_the_worker_runs(run_worker, client):
    home, _ = make_site_tree()
    page = add_page(
        home, StandardPage(title="إعلان مجدول", slug="scheduled", intro="x"), publish=False
    )
    go_live = timezone.now() - timedelta(seconds=5)
    page.go_live_at = go_live
    page.save_revision(approved_go_live_at=go_live)
    page.refresh_from_db()
    assert not page.live
    generation = current_generation()

    call_command("ensure_every_minute_task")
    run_worker()

    page.refresh_from_db()
    assert page.live and page.live_revision is not None
    assert current_generation() > generation  # the caches were flushed
    # The every-minute task queued itself again for a minute later, once.
    (next_tick,) = ticks(TaskResultStatus.READY)
    assert next_tick.run_after > timezone.now() + timedelta(seconds=30)


def test_an_expired_page_is_unpublished_by_the_worker(run_worker):
    home, _ = make_site_tree()
    page = add_page(home, StandardPage(title="عرض منتهٍ", slug="ended", intro="x"))
    StandardPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(seconds=5))
    generation = current_generation()
    background.ensure_every_minute()
    run_worker()
    page.refresh_from_db()
    assert not page.live and page.expired
    assert current_generation() > generation


def test_starting_workers_again_keeps_one_every_minute_chain(run_worker):
    assert background.ensure_every_minute() is True
    assert background.ensure_every_minute() is False  # one is waiting already
    assert ticks(TaskResultStatus.READY).count() == 1
    run_worker()
    assert background.ensure_every_minute() is False
    assert ticks(TaskResultStatus.READY).count() == 1


def test_two_chains_become_one(run_worker):
    background.every_minute.enqueue()
    background.every_minute.enqueue()  # as if two workers started at the same instant
    run_worker()
    assert ticks(TaskResultStatus.SUCCESSFUL).count() == 2
    assert ticks(TaskResultStatus.READY).count() == 1


def test_a_failing_job_does_not_stop_the_others_or_the_chain(run_worker, caplog):
    ran = []

    def broken() -> None:
        raise RuntimeError("job broke")

    background.register_every_minute("test-broken", broken)
    background.register_every_minute("test-counting", lambda: ran.append(1))
    try:
        background.ensure_every_minute()
        run_worker()
    finally:
        background._every_minute_jobs.pop("test-broken")
        background._every_minute_jobs.pop("test-counting")
    assert ran == [1]
    assert "Every-minute job test-broken failed" in caplog.text
    assert ticks(TaskResultStatus.READY).count() == 1
