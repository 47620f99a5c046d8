from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Mizan platform"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from cms import outages
        from cms.background import register_every_minute
        from cms.content_generation import connect_signals
        from cms.scheduled_publishing import publish_scheduled_pages
        from cms.security import cors
        from cms.workflow_names import name_default_workflow_in_both_languages

        connect_signals()
        # A new connection to the database ends a logged outage (cms/outages.py).
        connection_created.connect(
            outages.database_connected, dispatch_uid="cms.outages.database_connected"
        )
        cors.connect_signals()
        register_every_minute("publish_scheduled", publish_scheduled_pages)
        # Sent once per app after every migrate, when Wagtail's tables and data all exist.
        post_migrate.connect(
            name_default_workflow_in_both_languages,
            sender=self,
            dispatch_uid="cms.workflow_names",
        )
