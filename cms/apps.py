from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Mizan platform"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_save
        from wagtail.signals import page_published

        from cms import outages
        from cms.background import register_every_minute
        from cms.content_generation import connect_signals
        from cms.graphql.visibility import keep_started_translation_private
        from cms.scheduled_publishing import publish_scheduled_pages
        from cms.security import cors
        from cms.translation_lifecycle import carry_synchronised_facts
        from cms.workflow_names import name_default_workflow_in_both_languages

        # Before the content generation's receivers: the translations' updates share its bump.
        page_published.connect(carry_synchronised_facts, dispatch_uid="cms.carry_facts")
        connect_signals()
        # A new connection to the database ends a logged outage (cms/outages.py).
        connection_created.connect(
            outages.database_connected, dispatch_uid="cms.outages.database_connected"
        )
        cors.connect_signals()
        # Sent for every model: the handler returns at once unless a page stops being an alias.
        pre_save.connect(keep_started_translation_private, dispatch_uid="cms.translation_private")
        register_every_minute("publish_scheduled", publish_scheduled_pages)
        # Sent once per app after every migrate, when Wagtail's tables and data all exist.
        post_migrate.connect(
            name_default_workflow_in_both_languages,
            sender=self,
            dispatch_uid="cms.workflow_names",
        )
