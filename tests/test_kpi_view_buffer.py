"""Views are summed in memory and written in batches; nothing is lost on a flush."""

from __future__ import annotations

import pytest
from django.db.models import Sum

from services_catalog.kpi import ViewBuffer, record_event
from services_catalog.models import ServiceDailyStats


def _views(code: str) -> int:
    rows = ServiceDailyStats.objects.filter(service_code=code)
    return rows.aggregate(n=Sum("views"))["n"] or 0


@pytest.fixture
def buffered(settings):
    settings.KPI_VIEW_FLUSH_SECONDS = 3600
    return ViewBuffer()


@pytest.mark.django_db
def test_views_wait_in_memory_until_the_flush(buffered):
    for _ in range(3):
        buffered.add("MOF-IND-001", "ar")
    buffered.add("MOF-IND-001", "en")
    assert buffered.pending == 4
    assert _views("MOF-IND-001") == 0
    buffered.flush()
    assert buffered.pending == 0
    assert _views("MOF-IND-001") == 4
    assert ServiceDailyStats.objects.get(service_code="MOF-IND-001", language="ar").views == 3


@pytest.mark.django_db
def test_a_full_buffer_writes_itself(buffered):
    for _ in range(ViewBuffer.MAX_PENDING):
        buffered.add("MOF-IND-002", "ar")
    assert buffered.pending == 0
    assert _views("MOF-IND-002") == ViewBuffer.MAX_PENDING


@pytest.mark.django_db
def test_an_old_buffer_writes_itself(settings):
    buffer = ViewBuffer()
    settings.KPI_VIEW_FLUSH_SECONDS = 3600
    buffer.add("MOF-IND-003", "ar")
    settings.KPI_VIEW_FLUSH_SECONDS = 0.000001
    buffer.add("MOF-IND-003", "ar")
    assert buffer.pending == 0
    assert _views("MOF-IND-003") == 2


@pytest.mark.django_db
def test_starts_are_written_at_once_even_with_the_buffer_on(settings):
    settings.KPI_VIEW_FLUSH_SECONDS = 3600
    record_event("MOF-IND-004", "ar", "start")
    assert ServiceDailyStats.objects.get(service_code="MOF-IND-004").starts == 1
