"""Look-ups shared by every resolver of one request's GraphQL executions.

Some reads are the same wherever a response needs them (the view restrictions, for one), and
the resolvers that need them do not see each other. Inside `execution_scope()` the first call
of `read_once(key, load)` loads and keeps the value; later calls get it back. The values live
on the request (the GraphQL context), never longer. Outside a scope (a management command, the
open-data export) every call loads afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_reads: ContextVar[dict[str, Any] | None] = ContextVar("mizan_graphql_reads", default=None)
_ON_CONTEXT = "_mizan_graphql_reads"


@contextmanager
def execution_scope(context: Any = None) -> Iterator[None]:
    """A scope for one execution; executions with the same context (the request: a public page
    built from several queries) share their reads."""
    reads = getattr(context, _ON_CONTEXT, None)
    if reads is None:
        reads = {}
        try:
            setattr(context, _ON_CONTEXT, reads)
        except AttributeError:  # None, or a context that takes no attributes: not shared
            pass
    token = _reads.set(reads)
    try:
        yield
    finally:
        _reads.reset(token)


def read_once(key: str, load: Callable[[], T]) -> T:
    reads = _reads.get()
    if reads is None:
        return load()
    if key not in reads:
        reads[key] = load()
    return reads[key]
