"""Counters summed in memory and written in batches: page views, search counts.

Such events are the most frequent and the least valuable one at a time: writing each as it
happens puts a database write (on SQLite a file lock, on PostgreSQL a commit) in every request.
A buffer adds them up per key and hands the sums to its writer every `COUNTS_FLUSH_SECONDS`
(a timer, so a quiet site's counts are written too; sooner when many are waiting), and when the
process exits. A worker killed outright loses at
most that window's counts; what must never be lost (feedback, enquiries, service starts) is
written at once elsewhere. With the setting at 0 (the tests) every event is written as it happens.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Hashable

from django.conf import settings
from django.db import connections

logger = logging.getLogger("mizan.counts")

Writer = Callable[[Hashable, int], None]

_every_buffer: list[CountBuffer] = []


class CountBuffer:
    MAX_PENDING = 500

    def __init__(self, name: str, write: Writer) -> None:
        self.name = name
        self._write = write
        self._lock = threading.Lock()
        self._pending: Counter[Hashable] = Counter()
        self._oldest: float | None = None
        # gunicorn stops workers gracefully (max-requests, reload, shutdown): write what waits.
        atexit.register(self.flush)
        _every_buffer.append(self)

    def add(self, key: Hashable) -> None:
        window = getattr(settings, "COUNTS_FLUSH_SECONDS", 10)
        if window <= 0:
            self._write_one(key, 1)
            return
        with self._lock:
            self._pending[key] += 1
            now = time.monotonic()
            if self._oldest is None:
                self._oldest = now
                self._flush_later(window)
            due = now - self._oldest >= window or self._pending.total() >= self.MAX_PENDING
        if due:
            self.flush()

    def _flush_later(self, window: float) -> None:
        # A quiet site must see its counts too: without a timer, what waits would be written
        # only when a later event arrives after the window (issue 17: a search report that
        # showed a search only once another came in 10 s later).
        timer = threading.Timer(window, self._flush_from_timer)
        timer.daemon = True
        timer.start()

    def _flush_from_timer(self) -> None:
        try:
            self.flush()
        finally:
            connections.close_all()  # this thread's own connections: not left open

    def flush(self) -> None:
        with self._lock:
            pending, self._pending, self._oldest = self._pending, Counter(), None
        for key, count in pending.items():
            self._write_one(key, count)

    def _write_one(self, key: Hashable, count: int) -> None:
        try:
            self._write(key, count)
        except Exception:  # a counter must never break the request that triggered the flush
            logger.exception("Could not write %d %s for %r", count, self.name, key)

    @property
    def pending(self) -> int:
        with self._lock:
            return self._pending.total()


def discard_every_pending_count() -> None:
    """Forget what every buffer holds (tests: a test's counts must not reach the next test's
    database, nor be written at exit into a test database already dropped)."""
    for buffer in _every_buffer:
        with buffer._lock:
            buffer._pending, buffer._oldest = Counter(), None
