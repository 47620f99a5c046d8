import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
application = get_wsgi_application()


def _load_and_freeze() -> None:
    """Load the URLs (and with them the views, the GraphQL schema, the admin) now, then move
    everything loaded so far out of the garbage collector's reach.

    A worker holds about 200,000 long-lived objects after start-up; each full collection walked
    them all (140 ms on the bench machine, a request's worth of delay several times a minute
    under load). Frozen, a full collection takes well under a millisecond.
    """
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imported for its side effect of loading
    gc.collect()
    gc.freeze()


_load_and_freeze()
