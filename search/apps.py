from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from cms.content_generation import register_content_model
        from cms.page_cache import register_serve_handler
        from search import signals, upstream
        from search.analytics import count_served_search
        from search.models import SynonymSet

        upstream.declare_page_filter_fields()
        signals.connect()
        # Synonyms change what queries find: cached derived data must follow at once
        # (search.cache keys include the content generation). Promotions are registered by cms.
        register_content_model(SynonymSet)
        # A stored results page still counts its search each time it is served.
        register_serve_handler("search_query", count_served_search)
