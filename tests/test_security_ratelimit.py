"""Rate limits per client and per partner key; 429 with Retry-After (issue 6, items 3 and 6)."""

from __future__ import annotations

import os
import threading
import uuid

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from cms.graphql.execute import execute_document
from cms.models import ApiKey
from cms.security import ratelimit
from cms.security.api_keys import issue_key, partner_for_key
from cms.security.client_ip import client_bucket, client_ip

QUERY = '{ siteSettings(locale: "ar") { contactPhone } }'
MUTATION = (
    'mutation { submitEnquiry(topic: "general", message: "A question about payment orders.",'
    ' email: "visitor@example.com") { ok reference } }'
)


@pytest.fixture
def small_limits(settings):
    settings.RATE_LIMITS = {"graphql": "5/60", "graphql_mutation": "2/60", "visitor_post": "3/60"}
    caches["ratelimit"].clear()
    yield settings.RATE_LIMITS
    caches["ratelimit"].clear()


def test_rates_are_read_as_limit_per_seconds():
    assert ratelimit.Rate.parse("120/60") == ratelimit.Rate(120, 60)
    assert not ratelimit.Rate.parse("0/60").enabled
    for bad in ("120", "a/b", "-1/60", "5/0", None):
        with pytest.raises(ValueError):
            ratelimit.Rate.parse(bad)


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


def test_graphql_answers_429_with_retry_after_past_the_limit(client, small_limits, site_tree):
    statuses = [client.get("/graphql/", {"query": QUERY}).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    refused = client.get("/graphql/", {"query": QUERY})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["RateLimit-Remaining"] == "0"
    assert "Too many requests" in refused.json()["errors"][0]["message"]


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
