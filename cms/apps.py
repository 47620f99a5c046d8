from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Mizan platform"

    def ready(self) -> None:
        from cms.content_generation import connect_signals
        from cms.security import cors

        connect_signals()
        cors.connect_signals()
