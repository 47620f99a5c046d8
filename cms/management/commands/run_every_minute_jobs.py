"""Run the every-minute jobs once: for cron, when the background backend is not the database."""

from django.core.management.base import BaseCommand

from cms.background import every_minute_jobs, run_every_minute_jobs


class Command(BaseCommand):
    help = "Run the every-minute jobs (scheduled publishing, notification sweeps) once."

    def handle(self, *args, **options) -> None:
        run_every_minute_jobs()
        self.stdout.write("Ran: " + ", ".join(sorted(every_minute_jobs())))
