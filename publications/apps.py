from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Publications and budget"

    def ready(self) -> None:
        from publications import graphql  # noqa: F401  (registers the page types)
