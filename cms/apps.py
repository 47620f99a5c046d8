from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Mizan platform"

    def ready(self) -> None:
        from cms.background import register_every_minute
        from cms.content_generation import connect_signals
        from cms.scheduled_publishing import publish_scheduled_pages

        connect_signals()
        register_every_minute("publish_scheduled", publish_scheduled_pages)
