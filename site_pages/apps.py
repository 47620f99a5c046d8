from django.apps import AppConfig


class SitePagesConfig(AppConfig):
    name = "site_pages"
    verbose_name = "Site pages"

    def ready(self) -> None:
        from cms.background import register_every_minute
        from site_pages.enquiries import requeue_lost_notifications

        register_every_minute("requeue_lost_enquiry_notifications", requeue_lost_notifications)
