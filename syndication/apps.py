from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "syndication"
    verbose_name = "Change feed and webhooks"

    def ready(self) -> None:
        from cms.background import register_every_minute
        from syndication import recording
        from syndication.delivery import requeue_waiting_endpoints

        recording.connect_signals()
        recording.make_page_actions_atomic()
        # A delivery whose task was lost (queue down at commit, a worker killed mid-send) is
        # queued again within a minute; the receiver de-duplicates by webhook-id.
        register_every_minute("requeue_waiting_webhooks", requeue_waiting_endpoints)
