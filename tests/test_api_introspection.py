"""Standard GraphQL tools can load the schema (issue 18, item 2).

The exact introspection documents that graphql-js 16 (`getIntrospectionQuery()` with every
option on, kept in tests/introspection/ as graphql-js printed them), graphql-core and gql send
are answered wherever introspection is allowed; introspection has its own fixed bounds, and
every other query keeps the ordinary depth, alias and cost limits.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from gql.utilities import get_introspection_query_ast
from graphql import build_client_schema, get_introspection_query, print_ast

from cms.graphql import limits
from cms.models import ApiKey
from cms.security.api_keys import issue_key

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "introspection"
GRAPHQL_JS_OPTIONS = {
    "descriptions": True,
    "specifiedByUrl": True,
    "directiveIsRepeatable": True,
    "schemaDescription": True,
    "inputValueDeprecation": True,
}

STANDARD_DOCUMENTS = {
    "graphql-js 16, all options": (FIXTURES / "graphql-js-16-all-options.graphql").read_text(),
    "graphql-js 16, defaults": (FIXTURES / "graphql-js-16-default.graphql").read_text(),
    "graphql-core, defaults": get_introspection_query(),
    "graphql-core, all options": get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
    ),
    "gql, defaults": print_ast(get_introspection_query_ast()),
    "gql, all options": print_ast(
        get_introspection_query_ast(
            specified_by_url=True, directive_is_repeatable=True, schema_description=True
        )
    ),
}


def _post(client, query: str, **headers):
    return client.post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json", **headers
    )


@pytest.fixture
def introspection_on(settings):
    settings.DEBUG = False
    settings.GRAPHQL_INTROSPECTION = True


@pytest.fixture
def introspection_off(settings):
    settings.DEBUG = False
    settings.GRAPHQL_INTROSPECTION = False


def _loads_as_a_schema(response) -> None:
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    assert "errors" not in body, body["errors"]
    schema = build_client_schema(body["data"])  # what graphql-js and gql do with the answer
    assert schema.query_type.name == "Query"
    assert {"ServicePage", "ServiceConnection", "Page"} <= set(schema.type_map)


@pytest.mark.parametrize("name", STANDARD_DOCUMENTS)
def test_standard_introspection_documents_are_answered(client, db, introspection_on, name):
    _loads_as_a_schema(_post(client, STANDARD_DOCUMENTS[name]))


@pytest.mark.parametrize("name", STANDARD_DOCUMENTS)
def test_they_are_answered_in_development(client, db, settings, name):
    settings.DEBUG = True
    settings.GRAPHQL_INTROSPECTION = False
    _loads_as_a_schema(_post(client, STANDARD_DOCUMENTS[name]))


def test_a_key_flagged_for_introspection_may_introspect_when_the_public_may_not(
    client, db, introspection_off
):
    document = STANDARD_DOCUMENTS["graphql-js 16, all options"]
    flagged = issue_key(ApiKey.objects.create(name="Tools", allow_introspection=True))
    plain = issue_key(ApiKey.objects.create(name="Portal"))
    _loads_as_a_schema(_post(client, document, HTTP_AUTHORIZATION=f"Bearer {flagged}"))
    _loads_as_a_schema(_post(client, document, HTTP_X_API_KEY=flagged))
    for headers in ({}, {"HTTP_X_API_KEY": plain}):
        refused = _post(client, document, **headers)
        assert refused.status_code == 400
        codes = {e["extensions"]["code"] for e in refused.json()["errors"]}
        assert codes == {"INTROSPECTION_DISABLED"}


def test_the_graphql_js_documents_are_what_graphql_js_prints():
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "graphql").is_dir():
        pytest.skip("node or the graphql npm package is missing (scripts/browser-deps.sh)")
    script = (
        "const {getIntrospectionQuery} = require('graphql');"
        f"process.stdout.write(JSON.stringify([getIntrospectionQuery({json.dumps(GRAPHQL_JS_OPTIONS)}),"
        " getIntrospectionQuery()]))"
    )
    printed = json.loads(
        subprocess.run(
            [node, "-e", script], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    )
    assert printed == [
        STANDARD_DOCUMENTS["graphql-js 16, all options"],
        STANDARD_DOCUMENTS["graphql-js 16, defaults"],
    ]


TYPE_REF = "kind name ofType { " * 8 + "kind name" + " }" * 8
TOO_MANY_LISTS = (
    "{ __schema { types { fields { type { fields { type { fields { args { name } } } } } } } } }"
)
ALIASED = "{ a: __schema { types { name } } b: __schema { types { name } } }"
TOO_DEEP_TYPE_REF = "{ __schema { types { " + "ofType { " * 16 + "name" + " }" * 16 + " } } }"
MIXED_DEEP = (
    "{ __schema { queryType { name } } "
    'page(path: "/") { ' + "parent { " * 12 + "id" + " }" * 12 + " } }"
)
MIXED_STANDARD = STANDARD_DOCUMENTS["graphql-core, defaults"].replace(
    "query IntrospectionQuery {", "query IntrospectionQuery { siteSettings { contactPhone }"
)


@pytest.mark.parametrize(
    "query, code",
    [
        (TOO_MANY_LISTS, "TOO_DEEP"),
        (ALIASED, "TOO_MANY_ALIASES"),
        (TOO_DEEP_TYPE_REF, "TOO_DEEP"),
        (MIXED_DEEP, "TOO_DEEP"),
        (MIXED_STANDARD, "TOO_DEEP"),
    ],
    ids=["lists nested 4 deep", "aliases", "ofType 17 deep", "mixed, deep", "mixed, standard"],
)
def test_introspection_has_its_own_bounds_and_mixing_keeps_the_ordinary_ones(
    client, db, introspection_on, query, code
):
    response = _post(client, query)
    assert response.status_code == 400, response.content[:300]
    assert code in {e["extensions"]["code"] for e in response.json()["errors"]}


def test_the_introspection_bounds_fit_the_standard_documents_exactly():
    """The bounds are no looser than the tools need: one level of lists or type references
    fewer and the standard documents would be refused."""
    from graphql import OperationDefinitionNode, parse

    deepest = 0
    widest = 0
    for document in STANDARD_DOCUMENTS.values():
        parsed = parse(document)
        operation = next(d for d in parsed.definitions if isinstance(d, OperationDefinitionNode))
        found = limits.measure(operation.selection_set, limits._fragments(parsed), {}, set())
        deepest, widest = max(deepest, found.depth), max(widest, found.schema_lists)
    assert widest == limits.MAX_INTROSPECTION_LISTS
    assert deepest <= limits.MAX_INTROSPECTION_DEPTH <= deepest + 1
    assert limits.MAX_DEPTH < deepest  # why introspection needs a rule of its own
