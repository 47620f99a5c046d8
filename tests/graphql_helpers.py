"""Fixtures to run GraphQL over HTTP the way a partner portal would."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client


class GraphQLClient:
    def __init__(self, client: Client) -> None:
        self.client = client

    def post(self, query: str, variables: dict[str, Any] | None = None, **extra):
        body = {"query": query, "variables": variables or {}}
        return self.client.post(
            "/graphql/", data=json.dumps(body), content_type="application/json", **extra
        )

    def __call__(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Run a query that must succeed; return its data."""
        response = self.post(query, variables)
        payload = response.json()
        assert response.status_code == 200, payload
        assert "errors" not in payload, payload["errors"]
        return payload["data"]


@pytest.fixture
def gql(client) -> GraphQLClient:
    return GraphQLClient(client)
