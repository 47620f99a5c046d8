"""Wagtail's default workflow and task carry an Arabic and English name after migrate."""

from __future__ import annotations

import pytest
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import Task, Workflow

from cms.workflow_names import BILINGUAL_NAME, WAGTAIL_DEFAULT_NAME

pytestmark = pytest.mark.django_db


def test_migrate_names_the_default_workflow_and_task_in_both_languages():
    assert Workflow.objects.filter(name=BILINGUAL_NAME).count() == 1
    assert Task.objects.filter(name=BILINGUAL_NAME).count() == 1
    assert not Workflow.objects.filter(name=WAGTAIL_DEFAULT_NAME).exists()


def test_renaming_runs_again_safely_and_keeps_names_chosen_by_administrators():
    Workflow.objects.filter(name=BILINGUAL_NAME).update(name=WAGTAIL_DEFAULT_NAME)
    chosen = Workflow.objects.create(name="مراجعة الأخبار")
    for _ in range(2):
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert Workflow.objects.filter(name=BILINGUAL_NAME).count() == 1
    assert Task.objects.filter(name=BILINGUAL_NAME).count() == 1
    chosen.refresh_from_db()
    assert chosen.name == "مراجعة الأخبار"
