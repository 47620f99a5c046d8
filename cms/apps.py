from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Mizan platform"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from cms.content_generation import connect_signals
        from cms.workflow_names import name_default_workflow_in_both_languages

        connect_signals()
        # Sent once per app after every migrate, when Wagtail's tables and data all exist.
        post_migrate.connect(
            name_default_workflow_in_both_languages,
            sender=self,
            dispatch_uid="cms.workflow_names",
        )
