from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Publications and budget"

    def ready(self) -> None:
        from cms.page_cache import register_serve_handler
        from publications import graphql  # noqa: F401  (registers the page types)
        from publications.kpi import count_download

        register_serve_handler("publication_download", count_download)
