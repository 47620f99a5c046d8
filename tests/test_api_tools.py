"""Done when (issue 18): a real server, and the tools partners use, load the schema by the
standard introspection query and run a typed query of services in both languages.

- graphql-js from the npm registry under node: `getIntrospectionQuery()` (every option on),
  `buildClientSchema`, `validate` of the query against it, then the query itself;
- the Python `gql` client with `fetch_schema_from_transport=True` (it validates every query
  against the fetched schema before sending it).

The key used is flagged for introspection: the test settings keep it off for the public.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from gql import Client, GraphQLRequest, gql
from gql.transport.requests import RequestsHTTPTransport

from cms.models import ApiKey
from cms.security.api_keys import issue_key
from services_catalog.testing import make_service

pytest_plugins = ["services_catalog.testing"]

ROOT = Path(__file__).resolve().parent.parent
SERVICES = """
query Services($locale: String) {
  services(locale: $locale, first: 10) {
    items { code title category { slug } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
NODE_CLIENT = r"""
const { getIntrospectionQuery, buildClientSchema, parse, validate } = require("graphql");
const [url, key, query] = process.argv.slice(1);
const headers = { "Content-Type": "application/json", "X-Api-Key": key };
async function post(body) {
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  return response.json();
}
(async () => {
  const introspection = await post({ query: getIntrospectionQuery({
    descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true,
    schemaDescription: true, inputValueDeprecation: true }) });
  if (introspection.errors) throw new Error(JSON.stringify(introspection.errors));
  const schema = buildClientSchema(introspection.data);
  const problems = validate(schema, parse(query));
  if (problems.length) throw new Error(problems.map(String).join("\n"));
  const answers = {};
  for (const locale of ["ar", "en"]) answers[locale] = await post({ query, variables: { locale } });
  process.stdout.write(JSON.stringify({ types: Object.keys(schema.getTypeMap()).length, answers }));
})().catch((error) => { console.error(error); process.exit(1); });
"""


@pytest.fixture
def served(transactional_db, live_server, catalogue):
    make_service(catalogue, "MOF-IND-301", category="payment-orders")
    key = issue_key(ApiKey.objects.create(name="Tools", allow_introspection=True))
    return f"{live_server.url}/graphql/", key


def _codes_and_titles(answer: dict) -> dict[str, str]:
    return {item["code"]: item["title"] for item in answer["services"]["items"]}


def _assert_both_languages(arabic: dict, english: dict) -> None:
    arabic_titles, english_titles = _codes_and_titles(arabic), _codes_and_titles(english)
    assert "MOF-IND-301" in arabic_titles and "MOF-IND-301" in english_titles
    assert any("\u0600" <= ch <= "\u06ff" for ch in arabic_titles["MOF-IND-301"])
    assert english_titles["MOF-IND-301"].isascii()


def test_gql_loads_the_schema_and_runs_a_typed_query_in_both_languages(served):
    url, key = served
    transport = RequestsHTTPTransport(url=url, headers={"X-Api-Key": key}, timeout=30)
    with Client(transport=transport, fetch_schema_from_transport=True) as session:
        assert session.client.schema.get_type("ServicePage") is not None
        query = gql(SERVICES)
        arabic = session.execute(GraphQLRequest(query, variable_values={"locale": "ar"}))
        english = session.execute(GraphQLRequest(query, variable_values={"locale": "en"}))
    _assert_both_languages(arabic, english)


def test_graphql_js_loads_the_schema_and_runs_a_typed_query_in_both_languages(served):
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "graphql").is_dir():
        pytest.skip("node or the graphql npm package is missing (scripts/browser-deps.sh)")
    url, key = served
    result = subprocess.run(
        [node, "-e", NODE_CLIENT, url, key, SERVICES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    output = json.loads(result.stdout)
    assert output["types"] > 50
    answers = output["answers"]
    assert "errors" not in answers["ar"] and "errors" not in answers["en"], answers
    _assert_both_languages(answers["ar"]["data"], answers["en"]["data"])


# Apollo's automatic persisted queries as a partner's script speaks them: plain fetch, the hash
# by GET first, PersistedQueryNotFound, then hash and query by POST, then the hash alone by GET.
NODE_APQ = r"""
const { createHash } = require("node:crypto");
const { parse, print } = require("graphql");
const [url, query] = process.argv.slice(1);
const text = print(parse(query));  // as Apollo Client sends it
const sha256Hash = createHash("sha256").update(text).digest("hex");
const extensions = { persistedQuery: { version: 1, sha256Hash } };
const variables = { locale: "en" };
const getUrl = `${url}?extensions=${encodeURIComponent(JSON.stringify(extensions))}` +
  `&variables=${encodeURIComponent(JSON.stringify(variables))}&operationName=Services`;
(async () => {
  const steps = [];
  let response = await fetch(getUrl);
  steps.push({ status: response.status, body: await response.json() });
  response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query: text, variables, operationName: "Services", extensions }) });
  steps.push({ status: response.status, body: await response.json() });
  response = await fetch(getUrl);
  steps.push({ status: response.status, etag: response.headers.get("etag"),
    cacheControl: response.headers.get("cache-control"), body: await response.json() });
  process.stdout.write(JSON.stringify(steps));
})().catch((error) => { console.error(error); process.exit(1); });
"""


def test_a_node_script_speaks_automatic_persisted_queries(served):
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "graphql").is_dir():
        pytest.skip("node or the graphql npm package is missing (scripts/browser-deps.sh)")
    url, _key = served
    result = subprocess.run(
        [node, "-e", NODE_APQ, url, SERVICES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    missing, registered, answered = json.loads(result.stdout)
    assert missing["status"] == 200
    assert missing["body"]["errors"][0]["message"] == "PersistedQueryNotFound"
    assert missing["body"]["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert registered["status"] == 200 and "errors" not in registered["body"], registered
    assert answered["status"] == 200 and answered["body"] == registered["body"]
    assert "MOF-IND-301" in _codes_and_titles(answered["body"]["data"])
    assert answered["etag"] and "public" in answered["cacheControl"]
