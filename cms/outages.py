"""Outages of a dependency (the database, Redis) in the log: one line down, one line back up.

A worker that loses the database fails every request until it is back; logging each failure
with its traceback buries the one fact on-call needs (issue 19: a 10 s database outage wrote
21 MB, a 40 s Redis outage 2,494 tracebacks). Instead each worker logs one WARNING when it
first sees a dependency fail (with the error, without a traceback), counts the failures that
follow quietly, and logs one INFO when the dependency answers again, with how long it was gone
and how many requests it failed. A dependency that flaps logs at most one WARNING per
`REPEAT_SECONDS`; the failures between are counted into the next recovery line.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

logger = logging.getLogger("mizan.outages")

REPEAT_SECONDS = 60.0


@dataclass
class _State:
    down_since: float | None = None
    failures: int = 0
    warned_at: float | None = None
    announced: bool = False  # whether this outage's WARNING was written


_states: dict[str, _State] = {}
_lock = threading.Lock()


def down(dependency: str, error: BaseException | str, caused_by: str | None = None) -> None:
    """`dependency` failed just now (call it for every failure: only the first is written).

    `caused_by` names the dependency it rests on (the rate-limit cache on Redis): while that
    one's outage is in the log already, this one is counted, not written a second time.
    """
    now = time.monotonic()
    with _lock:
        state = _states.setdefault(dependency, _State())
        state.failures += 1
        if state.down_since is not None:
            return
        state.down_since = now
        cause = _states.get(caused_by) if caused_by else None
        cause_logged = cause is not None and cause.down_since is not None and cause.announced
        state.announced = not cause_logged and (
            state.warned_at is None or now - state.warned_at >= REPEAT_SECONDS
        )
        if state.announced:
            state.warned_at = now
    if state.announced:
        logger.warning(
            "%s unavailable: %s (further failures are counted, not logged, until it is back)",
            dependency,
            _describe(error),
        )


def up(dependency: str) -> None:
    """`dependency` answered: ends its outage, if one was under way (cheap otherwise)."""
    state = _states.get(dependency)
    if state is None or state.down_since is None:
        return
    with _lock:
        if state.down_since is None:
            return
        seconds = time.monotonic() - state.down_since
        failures, announced = state.failures, state.announced
        state.down_since, state.failures = None, 0
    if announced:
        logger.info(
            "%s available again after %.1f s (%d failed attempts meanwhile)",
            dependency,
            seconds,
            failures,
        )
    else:  # a flap inside REPEAT_SECONDS: its failures go into the next announced outage
        with _lock:
            state.failures += failures


def database_connected(**_signal_kwargs) -> None:
    """Django's `connection_created`: the database answered."""
    up("database")


def already_logged(response):
    """An outage answer: the outage is in the log once (above), so Django's request logger does
    not add a "Service Unavailable" line at ERROR for each request."""
    response._has_been_logged = True  # django.utils.log.log_response skips such responses
    return response


def reset() -> None:
    """Forget every outage (tests)."""
    with _lock:
        _states.clear()


def _describe(error: BaseException | str) -> str:
    if isinstance(error, str):
        return error
    text = " ".join(str(error).split()) or type(error).__name__
    return f"{type(error).__name__}: {text[:300]}"
