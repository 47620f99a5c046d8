"""Wagtail's default moderation workflow and its task, named in both languages.

Wagtail's migration creates them as "Moderators approval"; the name is data, not a translatable
string, so the Arabic admin read "تقديم إلى Moderators approval". Renamed after every migrate,
only while they still carry Wagtail's English name: a name an administrator chose is kept.
"""

from __future__ import annotations

from typing import Any

WAGTAIL_DEFAULT_NAME = "Moderators approval"
BILINGUAL_NAME = "موافقة المشرفين (Moderators approval)"


def name_default_workflow_in_both_languages(using: str = "default", **_: Any) -> int:
    """Rename the default workflow and task if still English; return how many were renamed."""
    from wagtail.models import Task, Workflow

    renamed = 0
    for model in (Workflow, Task):
        renamed += (
            model.objects.using(using).filter(name=WAGTAIL_DEFAULT_NAME).update(name=BILINGUAL_NAME)
        )
    return renamed
