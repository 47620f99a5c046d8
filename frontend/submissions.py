"""A visitor's submission is either stored and acknowledged, or the visitor is told it was not.

Every mutation a visitor's form sends goes through `submit()`, which returns the mutation's
result only when the API really answered it; a database that is down or read-only, an API error
or an empty result raises `NotStored`. The views then answer 503 with `Retry-After` and the
form again with what the visitor typed, never a 500 and never a thank-you.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from cms import outages
from frontend import client

logger = logging.getLogger("mizan.frontend")

RETRY_AFTER_SECONDS = 30
NOT_STORED_MESSAGE = _(
    "We could not receive what you sent because of a problem on our side, so it was not "
    "recorded. What you wrote is still in the form below: please send it again in a few minutes."
)


class NotStored(Exception):
    """The API did not store the submission (unreachable, read-only, or an error)."""


def submit(
    name: str, variables: dict[str, Any], request: HttpRequest, field: str
) -> dict[str, Any]:
    """Run the visitor's mutation `name`; return the payload of its root `field`."""
    try:
        data = client.run(name, variables, request)
    except (client.ApiUnavailable, client.ApiError) as exc:
        logger.warning("%s not stored: %s", name, exc)
        raise NotStored(str(exc)) from exc
    payload = data.get(field)
    if not isinstance(payload, dict):
        # The API answered with an error beside an empty result (e.g. a read-only database).
        logger.warning("%s not stored: the API returned no result", name)
        raise NotStored(f"{name} returned no result")
    return payload


def not_stored(response: HttpResponse) -> HttpResponse:
    """Mark a page that shows the form again after a submission that was not stored."""
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # it holds what this visitor typed
    return outages.already_logged(response)  # logged above at WARNING, not again at ERROR
