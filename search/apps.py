from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from search import signals, upstream

        upstream.declare_page_filter_fields()
        signals.connect()
