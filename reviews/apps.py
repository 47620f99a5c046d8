from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Content reviews"

    def ready(self) -> None:
        from cms.background import register_every_minute
        from reviews import reminders, status

        status.connect_signals()
        register_every_minute("content_review_reminders", reminders.send_due_reminders)
