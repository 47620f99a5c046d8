from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = "Procurement notices"

    def ready(self) -> None:
        from cms.content_generation import register_scheduled_change
        from cms.page_cache import register_serve_handler
        from procurement import graphql  # noqa: F401  (registers the page types)
        from procurement.kpi import count_view
        from procurement.models import next_deadline

        # A notice turns from open to closed at its submission deadline without any publish:
        # cached pages and API answers must not outlive that moment.
        register_scheduled_change(next_deadline)
        register_serve_handler("notice_view", count_view)
