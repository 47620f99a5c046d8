from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Public consultations"

    def ready(self) -> None:
        from cms.content_generation import register_scheduled_change
        from cms.page_cache import register_serve_handler
        from consultations import signals
        from consultations.graphql import next_status_change
        from consultations.kpi import count_view

        # A consultation opens and closes at midnight in Riyadh without a publish.
        register_scheduled_change(next_status_change)
        signals.connect()
        register_serve_handler("consultation_view", count_view)
