from django.apps import AppConfig


class RegulationsConfig(AppConfig):
    name = "regulations"
    verbose_name = "Laws and regulations"

    def ready(self) -> None:
        from cms.page_cache import register_serve_handler
        from regulations.kpi import count_view

        register_serve_handler("regulation_view", count_view)
