"""Old addresses honoured by the frontend over the HTTP transport: the GraphQL server runs as a
live server, so the demo's rows must be committed (the other old-address tests share one
rolled-back load of the demo, tests/test_old_addresses.py)."""

from __future__ import annotations

from io import StringIO
from urllib.parse import quote

import pytest
from django.core.cache import caches
from django.core.management import call_command

from cms.response_store import CACHE_ALIAS

pytest_plugins = ["services_catalog.testing"]


@pytest.mark.django_db(transaction=True)
def test_old_addresses_redirect_over_http_transport(client, settings, live_server, demo_loaded):
    settings.CMS_GRAPHQL_URL = f"{live_server.url}/graphql/"
    caches[CACHE_ALIAS].clear()
    arabic = "/ar/" + quote("الخدمات") + "/Pages/" + quote("أوامر-الصرف") + ".aspx"
    for spelling in (arabic, arabic.lower(), "/AR/eservices/PAGES/DEFAULT.ASPX"):
        response = client.get(spelling)
        assert response.status_code == 301, spelling
    assert client.get(arabic)["Location"] == "/ar/services/follow-payment-order/"
    news = client.get("/en/mediacenter/news/pages/newsdetails.aspx?newsid=1045")
    assert news["Location"] == "/en/news/new-website-services-platform-contact-centre/"
    assert client.get("/ar/no-such-old-page.aspx").status_code == 404


@pytest.fixture
def demo_loaded(transactional_db):
    call_command("load_demo_content", "--no-index", stdout=StringIO())
