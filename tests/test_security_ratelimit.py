"""Rate limits per client and per partner key; 429 with Retry-After (issue 6, items 3 and 6)."""

from __future__ import annotations

import logging
import os
import threading
import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.test import RequestFactory

from cms import outages
from cms.graphql.execute import execute_document
from cms.models import ApiKey
from cms.security import ratelimit
from cms.security.api_keys import issue_key, partner_for_key
from cms.security.client_ip import client_bucket, client_ip
from tests.database_down import CLOSED_PORT

QUERY = '{ siteSettings(locale: "ar") { contactPhone } }'
MUTATION = (
    'mutation { submitEnquiry(topic: "general", message: "A question about payment orders.",'
    ' email: "visitor@example.com") { ok reference } }'
)


# Windows far longer than a test (about 31 years): the views count in real time, and a 60 s
# window that turned between two requests would let one more through.
LONG = 1_000_000_000


@pytest.fixture
def small_limits(settings):
    settings.RATE_LIMITS = {
        "graphql": f"5/{LONG}",
        "graphql_mutation": f"2/{LONG}",
        "visitor_post": f"3/{LONG}",
    }
    caches["ratelimit"].clear()
    yield settings.RATE_LIMITS
    caches["ratelimit"].clear()


def test_rates_are_read_as_limit_per_seconds():
    assert ratelimit.Rate.parse("120/60") == ratelimit.Rate(120, 60)
    assert ratelimit.Rate.parse("5/1") == ratelimit.Rate(5, 1)  # the shortest window
    assert not ratelimit.Rate.parse("0/60").enabled
    for bad in ("120", "a/b", "5/60/2", None):
        with pytest.raises(ValueError, match=r"A rate is written LIMIT/SECONDS, e\.g\. 120/60"):
            ratelimit.Rate.parse(bad)
    for bad in ("-1/60", "5/0", "5/-60"):
        with pytest.raises(ValueError, match=f"a limit >= 0 and a window > 0, not '{bad}'"):
            ratelimit.Rate.parse(bad)


def test_a_switched_off_limit_counts_nothing_and_sends_no_headers(db):
    caches["ratelimit"].clear()
    decision = ratelimit.hit("t", "client", ratelimit.Rate(0, 60), now=1_000_000.0)
    assert decision == ratelimit.Decision(True, 0, 0, 0)
    response = ratelimit.add_headers(HttpResponse(), decision)
    assert not any(name.lower().startswith(("ratelimit", "retry")) for name in response.headers)


def test_a_window_counts_to_its_limit_then_refuses_until_it_resets(db):
    caches["ratelimit"].clear()
    rate = ratelimit.Rate(3, 60)
    now = 1_000_000.0  # 40 s into a 60 s window
    decisions = [ratelimit.hit("t", "client", rate, now=now) for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions] == [2, 1, 0, 0]
    assert decisions[-1].retry_after == 20
    assert ratelimit.hit("t", "other-client", rate, now=now).allowed
    assert ratelimit.hit("t", "client", rate, now=now + 20).allowed  # the next window


def test_retry_after_is_the_time_left_in_the_window_and_at_least_a_second(db):
    caches["ratelimit"].clear()
    rate = ratelimit.Rate(1, 60)
    assert ratelimit.hit("t", "a", rate, now=999_960.0).retry_after == 60  # window start
    assert ratelimit.hit("t", "b", rate, now=1_000_019.2).retry_after == 1  # 0.8 s left
    assert ratelimit.hit("t", "c", rate, now=1_000_019.99).retry_after == 1  # never 0


class ScriptedCache(LocMemCache):
    """Django's local-memory cache that notes the timeout of each `add`, and can lose a key
    between `add` and `incr`: the key of a window expiring just as a request counts in it."""

    def __init__(self, name, params):
        super().__init__(name, params)
        self.add_timeouts: list = []
        self.lose_next_adds = 0

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.add_timeouts.append(timeout)
        if self.lose_next_adds:
            self.lose_next_adds -= 1
            return False  # "the key is there", and then it is gone before incr
        return super().add(key, value, timeout, version)


@pytest.fixture
def scripted_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "scripted": {"BACKEND": f"{__name__}.ScriptedCache", "LOCATION": uuid.uuid4().hex},
    }
    settings.RATE_LIMIT_CACHE = "scripted"
    return caches["scripted"]


def test_a_window_key_lives_through_its_window_and_then_expires(scripted_cache):
    rate = ratelimit.Rate(3, 60)
    ratelimit.hit("t", "client", rate, now=999_960.0)
    ratelimit.hit("t", "client", rate, now=999_961.0)
    assert len(scripted_cache.add_timeouts) == 2  # each request tries to create the key
    for timeout in scripted_cache.add_timeouts:
        # Past the window's end (the first request may come at its start), but not kept for
        # ever: stale windows must not pile up in Redis.
        assert timeout is not None and timeout is not DEFAULT_TIMEOUT
        assert rate.window < timeout <= rate.window + 30


def test_a_key_that_expires_between_add_and_incr_starts_the_count_again(scripted_cache):
    rate = ratelimit.Rate(3, 60)
    scripted_cache.lose_next_adds = 1
    first = ratelimit.hit("t", "client", rate, now=1_000_000.0)
    assert first == ratelimit.Decision(True, 3, 2, 20)  # counted once, as the window's first
    assert len(scripted_cache.add_timeouts) == 2
    assert rate.window < scripted_cache.add_timeouts[1] <= rate.window + 30
    second = ratelimit.hit("t", "client", rate, now=1_000_001.0)
    assert second == ratelimit.Decision(True, 3, 1, 19)  # and the count goes on from there


def test_a_request_that_cannot_be_counted_goes_through_uncounted(scripted_cache, caplog):
    """Another request re-created the lost key first: this one is let through, not counted."""
    rate = ratelimit.Rate(3, 60)
    scripted_cache.lose_next_adds = 2
    outages.reset()
    with caplog.at_level(logging.WARNING, logger="mizan.outages"):
        decision = ratelimit.hit("graphql", "client", rate, now=1_000_000.0)
    assert decision == ratelimit.Decision(True, 3, 3, 20)
    assert outage_warnings(caplog) == [
        "rate-limit cache unavailable: letting traffic through uncounted "
        "(further failures are counted, not logged, until it is back)"
    ]
    outages.reset()


def test_the_limiter_adds_no_line_to_a_logged_redis_outage(scripted_cache, caplog):
    """The rate-limit cache rests on Redis: while Redis's outage is in the log, the limiter's
    own failures are counted, not written again."""
    outages.reset()
    with caplog.at_level(logging.WARNING, logger="mizan.outages"):
        outages.down("redis", "connection refused")
        scripted_cache.lose_next_adds = 2
        decision = ratelimit.hit("graphql", "client", ratelimit.Rate(3, 60), now=1_000_000.0)
    assert decision.allowed
    assert outage_warnings(caplog) == [
        "redis unavailable: connection refused "
        "(further failures are counted, not logged, until it is back)"
    ]
    outages.reset()


def test_the_limiter_says_when_its_cache_is_back(scripted_cache, caplog):
    rate = ratelimit.Rate(3, 60)
    outages.reset()
    with caplog.at_level(logging.INFO, logger="mizan.outages"):
        scripted_cache.lose_next_adds = 2
        ratelimit.hit("graphql", "client", rate, now=1_000_000.0)  # uncounted: written
        ratelimit.hit("graphql", "other", rate, now=1_000_000.0)  # counted again
    back = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert [line.split(" after ")[0] for line in back] == ["rate-limit cache available again"]
    outages.reset()


def test_a_cache_outage_lets_requests_through_and_says_so(settings, caplog):
    """Redis down (nothing listens on the port): django-redis ignores the error and answers
    None, and the limiter must not turn that into a refusal."""
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{CLOSED_PORT}/0",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1,
                "IGNORE_EXCEPTIONS": True,
            },
        },
    }
    rate = ratelimit.Rate(1, 60)
    outages.reset()
    with caplog.at_level(logging.WARNING, logger="mizan.outages"):
        decisions = [ratelimit.hit("visitor_post", "client", rate, now=1_000_000.0) for _ in "ab"]
    assert decisions == [ratelimit.Decision(True, 1, 1, 20)] * 2
    # Two requests through the outage, one line in the log (cms/outages.py).
    assert len(outage_warnings(caplog)) == 1
    outages.reset()


def outage_warnings(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "mizan.outages" and r.levelno == logging.WARNING
    ]


def test_graphql_answers_429_with_retry_after_past_the_limit(client, small_limits, site_tree):
    statuses = [client.get("/graphql/", {"query": QUERY}).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    refused = client.get("/graphql/", {"query": QUERY})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= LONG
    assert refused["RateLimit-Limit"] == "5"
    assert refused["RateLimit-Remaining"] == "0"
    assert refused["RateLimit-Reset"] == refused["Retry-After"]
    (error,) = refused.json()["errors"]
    assert error["extensions"] == {"code": "RATE_LIMITED"}
    assert error["message"] == f"Too many requests: try again in {refused['Retry-After']} seconds."


def test_answers_within_the_limit_say_what_is_left(client, small_limits, site_tree):
    answers = [client.get("/graphql/", {"query": QUERY}) for _ in range(2)]
    assert [a["RateLimit-Limit"] for a in answers] == ["5", "5"]
    assert [a["RateLimit-Remaining"] for a in answers] == ["4", "3"]
    assert 1 <= int(answers[1]["RateLimit-Reset"]) <= LONG
    assert all("Retry-After" not in a for a in answers)


def test_mutations_have_a_smaller_budget(gql, small_limits, db):
    statuses = [gql.post(MUTATION).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_each_client_address_has_its_own_budget(client, small_limits, site_tree):
    for _ in range(5):
        client.get("/graphql/", {"query": QUERY}, REMOTE_ADDR="203.0.113.1")
    assert client.get("/graphql/", {"query": QUERY}, REMOTE_ADDR="203.0.113.1").status_code == 429
    assert client.get("/graphql/", {"query": QUERY}, REMOTE_ADDR="203.0.113.2").status_code == 200


def test_forwarded_addresses_count_only_behind_a_trusted_proxy(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.9, 10.0.0.7"
    )
    settings.TRUSTED_PROXIES = []
    assert client_ip(request) == "10.0.0.5"  # a client cannot choose its own address
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request) == "198.51.100.9"
    spoofed = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="not-an-address, 198.51.100.9"
    )
    assert client_ip(spoofed) == "198.51.100.9"  # right-most untrusted hop; junk before it ignored
    junk = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="junk")
    assert client_ip(junk) == "10.0.0.5"


def test_a_request_without_an_address_has_none(db, client, django_user_model):
    from django.http import HttpRequest

    assert client_ip(HttpRequest()) is None  # stored as NULL by django-axes, not as text
    assert client_bucket(HttpRequest()) == "unknown"
    client.force_login(django_user_model.objects.create_user("someone"))  # axes logs this login


def test_ipv6_clients_are_counted_per_64_network():
    one = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2::1")
    other = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    elsewhere = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:3::1")
    assert client_bucket(one) == client_bucket(other) == "2001:db8:1:2::/64"
    assert client_bucket(elsewhere) != client_bucket(one)


def test_a_partner_key_gets_its_own_larger_budget(client, small_limits, site_tree):
    partner = ApiKey(name="Citizen portal", requests_per_minute=20)
    key = issue_key(partner)
    stored = ApiKey.objects.get(pk=partner.pk)
    assert key.startswith("mzn_") and key not in (stored.key_digest, stored.prefix)
    assert stored.prefix in key
    for _ in range(5):
        client.get("/graphql/", {"query": QUERY})
    assert client.get("/graphql/", {"query": QUERY}).status_code == 429
    with_key = [
        client.get("/graphql/", {"query": QUERY}, HTTP_X_API_KEY=key).status_code for _ in range(21)
    ]
    assert with_key == [200] * 20 + [429]
    assert ApiKey.objects.get(pk=partner.pk).last_used_at is not None


def test_unknown_inactive_or_expired_keys_are_refused(client, small_limits, site_tree):
    import datetime

    from django.utils import timezone

    unknown = client.get("/graphql/", {"query": QUERY}, HTTP_X_API_KEY="mzn_nothing_here")
    assert unknown.status_code == 401
    assert "not valid" in unknown.json()["errors"][0]["message"]
    partner = ApiKey(name="Old portal")
    key = issue_key(partner)
    assert client.get("/graphql/", {"query": QUERY}, HTTP_X_API_KEY=key).status_code == 200
    partner.is_active = False
    partner.save()  # revocation applies at once, whatever was cached
    assert partner_for_key(key) is None
    assert client.get("/graphql/", {"query": QUERY}, HTTP_X_API_KEY=key).status_code == 401
    partner.is_active = True
    partner.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    partner.save()
    assert client.get("/graphql/", {"query": QUERY}, HTTP_X_API_KEY=key).status_code == 401


def test_the_in_process_frontend_is_not_limited_by_its_own_traffic(client, small_limits, site_tree):
    for _ in range(20):
        assert execute_document(QUERY).errors is None
    assert [client.get("/ar/").status_code for _ in range(12)] == [200] * 12


def test_visitor_form_posts_are_limited_per_client_with_a_page_in_their_language(
    client, small_limits, site_tree
):
    statuses = [client.post("/en/service-feedback/MOF-NONE-1/", {}).status_code for _ in range(3)]
    assert 429 not in statuses
    refused = client.post("/en/service-feedback/MOF-NONE-1/", {})
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    html = refused.content.decode()
    assert 'lang="en"' in html and "Too many requests" in html
    arabic = client.post("/ar/service-feedback/MOF-NONE-1/", {})
    assert arabic.status_code == 429 and 'lang="ar" dir="rtl"' in arabic.content.decode()
    # Reading pages is not a post: still served.
    assert client.get("/en/").status_code == 200


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except Exception:
        return None
    return url


@pytest.mark.redis
def test_counts_are_exact_under_concurrency_on_redis(settings):
    url = _redis_url()
    if url is None:
        pytest.skip("Redis is not reachable")
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"mizan-test-{uuid.uuid4().hex}",
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        },
    }
    rate = ratelimit.Rate(150, 60)
    allowed: list[bool] = []
    lock = threading.Lock()

    def worker():
        for _ in range(25):
            decision = ratelimit.hit("concurrency", "one-client", rate, now=1_200_000.0)
            with lock:
                allowed.append(decision.allowed)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(allowed) == 200
    assert allowed.count(True) == 150  # no count lost, none doubled
