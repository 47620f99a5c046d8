"""Enqueue the every-minute task (scheduled publishing, notification sweeps) unless one waits.

Run before each `db_worker` starts (scripts/with-worker.sh, the systemd unit's ExecStartPre):
idempotent, so any number of workers and restarts keep one chain.
"""

from django.core.management.base import BaseCommand

from cms.background import ensure_every_minute


class Command(BaseCommand):
    help = "Enqueue the every-minute background task unless one is already waiting."

    def handle(self, *args, **options) -> None:
        if ensure_every_minute():
            self.stdout.write("Enqueued the every-minute task.")
        else:
            self.stdout.write("The every-minute task is already queued (or not used here).")
