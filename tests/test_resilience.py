"""Failed dependencies degrade the site instead of stopping it (issue 6, item 7).

Each dependency is made to fail for real: Redis and Elasticsearch at a closed port, the
database at a closed port in a separate process (this one keeps the test database).
"""

from __future__ import annotations

import json
import logging

import pytest
from django.core.cache import caches

from cms import outages
from tests.database_down import CLOSED_PORT, run_with_database_down

pytest_plugins = ["services_catalog.testing"]


def _redis_cache(prefix: str) -> dict:
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{CLOSED_PORT}/0",
        "KEY_PREFIX": prefix,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
            "IGNORE_EXCEPTIONS": True,
        },
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": _redis_cache("mizan"),
        "ratelimit": _redis_cache("mizan-rl"),
        "responses": _redis_cache("mizan-resp"),
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "mizan.cache.redis"
    settings.RATE_LIMITS = {"graphql": "5/60", "graphql_mutation": "2/60", "visitor_post": "2/60"}
    yield
    for alias in ("default", "ratelimit", "responses"):
        caches[alias].close()


def test_redis_down_pages_and_the_api_are_still_served(client, site_tree, redis_down, caplog):
    outages.reset()
    with caplog.at_level(logging.WARNING):
        for _ in range(2):  # the page cache can neither store nor find: every view renders
            assert client.get("/ar/").status_code == 200
            assert client.get("/en/").status_code == 200
        api = client.get("/graphql/", {"query": "{ siteSettings { contactPhone } }"})
        assert api.status_code == 200 and api.json()["data"]["siteSettings"]
        # The rate limiter cannot count: it lets traffic through rather than refuse everyone.
        statuses = [
            client.get("/graphql/", {"query": "{ siteSettings { contactPhone } }"}).status_code
            for _ in range(8)
        ]
    assert statuses == [200] * 8
    logged = [record.getMessage() for record in caplog.records if record.name == "mizan.outages"]
    # One outage, one line: Redis's (django-redis reports to our logger,
    # tests/test_outage_logs.py counts the records); the limiter resting on the same Redis
    # counts its failures without a line of its own.
    assert [message.split(":")[0] for message in logged] == ["redis unavailable"]
    outages.reset()


def test_elasticsearch_unreachable_search_falls_back_to_the_database(catalogue, settings, caplog):
    from search import service
    from search.elasticsearch_settings import elasticsearch_backend
    from services_catalog.testing import make_service

    make_service(catalogue, "MOF-IND-777")
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": elasticsearch_backend(f"http://127.0.0.1:{CLOSED_PORT}", timeout=1),
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    with caplog.at_level(logging.WARNING, logger="mizan.search"):
        results = service.search("MOF-IND-777", "ar", record=False)
    assert results.hits and "MOF-IND-777" in results.hits[0].title
    assert "answering from the database index" in caplog.text


DATABASE_DOWN_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client()
client.cookies["sessionid"] = "a-session-that-needs-the-database"
answers = {}
for path in ("/ar/", "/en/", "/en/services/", "/admin/", "/en/no-such-page/"):
    response = client.get(path)
    answers[path] = [response.status_code, response.content.decode(), response.get("Retry-After")]
response = client.post(
    "/graphql/", data=json.dumps({"query": "{ news { totalCount } }"}),
    content_type="application/json",
)
answers["/graphql/"] = [response.status_code, response.content.decode(), response.get("Retry-After")]
print("ANSWERS" + json.dumps(answers))
"""


def test_database_down_gives_a_503_page_in_the_visitors_language():
    answers = run_with_database_down(DATABASE_DOWN_SCRIPT)
    for path, (status, body, retry_after) in answers.items():
        assert status == 503, (path, status, body[:300])
        assert retry_after, path
        assert "Traceback" not in body and "OperationalError" not in body, path
        assert "psycopg" not in body and "127.0.0.1" not in body, path
    for path in ("/en/", "/en/services/", "/en/no-such-page/"):
        assert 'lang="en"' in answers[path][1], path
    assert 'lang="ar" dir="rtl"' in answers["/ar/"][1]
    assert "19990" in answers["/ar/"][1]  # the contact centre still reachable by phone
    api = json.loads(answers["/graphql/"][1])
    assert api["errors"][0]["message"].startswith("The service is temporarily unavailable")
