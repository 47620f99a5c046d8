from django.apps import AppConfig


class InstitutionConfig(AppConfig):
    name = "institution"
    verbose_name = "Institution: organisation and government entities"

    def ready(self) -> None:
        from cms.content_generation import register_content_model
        from institution import graphql  # noqa: F401  (registers the page types)
        from institution.models import GovernmentEntity

        # The list of entities shows on its page: a save must refresh cached pages and answers.
        register_content_model(GovernmentEntity)
