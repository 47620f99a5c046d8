"""Logs fit for on-call: the filters and the Redis hook that LOGGING and CACHES use.

- `DatabaseOutageFilter` (on `django.request`): Django logs an exception raised inside a
  middleware as "Internal Server Error" with its traceback, even when the request is then
  answered 503 because the database is down. That record is dropped; the outage is logged once
  per worker by cms/outages.py instead.
- `RedisOutageFilter` (on django-redis's logger, `DJANGO_REDIS_LOGGER`): with
  `IGNORE_EXCEPTIONS`, django-redis logs every failed cache call with a traceback (a 40 s outage
  wrote 2,494 of them). Each becomes a count in cms/outages.py: one WARNING per outage;
  `RedisConnection` (each new connection to Redis) ends it with one INFO.
- `WarningWithoutTraceback` (on `django.security.DisallowedHost`, `...RequestDataTooBig`, ...):
  a request with a bad Host header or an oversized body is the client's doing, answered 400;
  it is worth a line at WARNING, not an ERROR with a traceback.
"""

from __future__ import annotations

import logging

from redis.connection import Connection

from cms import outages


class DatabaseOutageFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from django.db import InterfaceError, OperationalError

        # Only dropped: the same exception was counted into the outage already, by
        # cms.security.middleware's got_request_exception receiver, which Django runs first.
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, OperationalError | InterfaceError)


class RedisOutageFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if error is None:
            return True
        outages.down("redis", error.__cause__ or error)
        return False


class WarningWithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = record.stack_info = None
        return True


class RedisConnection(Connection):
    """A connection to Redis that, once connected, ends an outage under way (cheap otherwise)."""

    # redis-py 8 runs this for every new socket (on_connect only calls it).
    def on_connect_check_health(self, *args, **kwargs) -> None:
        super().on_connect_check_health(*args, **kwargs)
        outages.up("redis")


# The loggers Django writes a client's suspicious request to (`django.security.<exception>`).
SUSPICIOUS_REQUEST_LOGGERS = [
    "django.security.DisallowedHost",
    "django.security.DisallowedRedirect",
    "django.security.RequestDataTooBig",
    "django.security.TooManyFieldsSent",
    "django.security.TooManyFilesSent",
    "django.security.SuspiciousMultipartForm",
]
