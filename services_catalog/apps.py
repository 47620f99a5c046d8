from django.apps import AppConfig


class ServicesCatalogConfig(AppConfig):
    name = "services_catalog"
    verbose_name = "Services catalogue"

    def ready(self) -> None:
        from cms.content_generation import register_content_model
        from cms.page_cache import register_serve_handler
        from services_catalog.kpi import count_view
        from services_catalog.models import ServiceCategory

        # Category names and order show on every service page and in the catalogue.
        register_content_model(ServiceCategory)
        register_serve_handler("service_view", count_view)
