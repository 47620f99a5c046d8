"""Load test for `make loadtest`: visitors and partner portals on the production server.

Each simulated visitor has its own address (sent in X-Forwarded-For; the server trusts it from
127.0.0.1 only, as it would from its load balancer), so per-client rate limits apply to each as
they would in real life. The mix, by weight:

- pages (home, news, contact centre, a service page) ........................... 30
- the catalogue with category and audience filters ................................ 15
- site search in Arabic and English ............................................. 15
- GraphQL queries from partner portals (list, one service, categories, page) ..... 25
- "was this useful?" feedback posted through its step's form (CSRF, redirect) .... 5

Every answer must be what a visitor expects (200, or the 302 after feedback): anything else,
including a 429, counts as an error. Only the host given with --host (loopback) is contacted.
"""

from __future__ import annotations

import itertools
import random
import re

from locust import HttpUser, between, events, task

SEARCHES = {
    "ar": ["إعفاء", "قرض", "أمر دفع", "نزع ملكية", "الخدمات", "مركز الاتصال", "قرار"],
    "en": ["loan", "payment order", "exemption", "expropriation", "contact centre", "services"],
}
PAGE_PATHS = ["/", "/news/", "/contact-centre/", "/about/", "/services/"]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SERVICE_LIST = """query Partner($locale: String, $category: String, $first: Int) {
  services(locale: $locale, category: $category, first: $first) {
    totalCount items { code name summary url category { slug name } status }
  }
}"""
ONE_SERVICE = """query One($code: String!, $locale: String) {
  service(code: $code, locale: $locale) {
    code name summary descriptionHtml processingTime cost { isFree amount currency }
    channels { kind label url phone } documents { name } steps { position title }
  }
}"""
CATEGORIES = """query Cats($locale: String) { serviceCategories(locale: $locale) { slug name serviceCount } }"""
PAGE = """query Page($path: String!, $locale: String) {
  page(path: $path, locale: $locale) { __typename title url lastPublishedAt ancestors { title url } }
}"""

_addresses = itertools.count(1)
# Filled at start: for each language, (code, page URL) of real services, and category slugs.
CATALOGUE: dict[str, list] = {"ar": [], "en": [], "categories": []}


@events.test_start.add_listener
def discover_catalogue(environment, **_kwargs) -> None:
    """Learn real service codes and category slugs once, through the public API."""
    import json
    import urllib.request

    def ask(query: str, variables: dict) -> dict:
        body = json.dumps({"query": query, "variables": variables}).encode()
        request = urllib.request.Request(
            f"{environment.host}/graphql/",
            data=body,
            headers={"Content-Type": "application/json", "X-Forwarded-For": "2001:db8:ffff::1"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())["data"]

    for language in ("ar", "en"):
        items = ask(SERVICE_LIST, {"locale": language, "first": 100})["services"]["items"]
        CATALOGUE[language] = [(item["code"], item["url"]) for item in items if item["url"]]
    categories = ask(CATEGORIES, {"locale": "ar"})["serviceCategories"]
    CATALOGUE["categories"] = [item["slug"] for item in categories]


class Visitor(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        number = next(_addresses)
        # One documentation-range /64 per simulated client (never contacted: it is a header).
        self.client.headers["X-Forwarded-For"] = (
            f"2001:db8:{number // 65536:x}:{number % 65536:x}::1"
        )
        self.language = random.choice(["ar", "ar", "en"])

    def _service(self) -> tuple[str, str]:
        return random.choice(CATALOGUE[self.language])

    def _expect(self, response, *statuses: int) -> None:
        if response.status_code not in statuses:
            response.failure(f"HTTP {response.status_code}")

    @task(30)
    def page(self) -> None:
        if random.random() < 0.3:
            path = self._service()[1]
            name = "/[lang]/services/[service]/"
        else:
            path = f"/{self.language}{random.choice(PAGE_PATHS)}"
            name = path
        with self.client.get(path, name=name, catch_response=True) as response:
            self._expect(response, 200)

    @task(15)
    def catalogue(self) -> None:
        params = {"audience": random.choice(["citizen", "resident", "business"])}
        if CATALOGUE["categories"]:
            params["category"] = random.choice(CATALOGUE["categories"])
        if random.random() < 0.3:
            params["page"] = str(random.randint(2, 5))
        with self.client.get(
            f"/{self.language}/services/",
            params=params,
            name="/[lang]/services/?category&audience",
            catch_response=True,
        ) as response:
            self._expect(response, 200)

    @task(15)
    def search(self) -> None:
        words = random.choice(SEARCHES[self.language])
        with self.client.get(
            f"/{self.language}/search/",
            params={"q": words},
            name="/[lang]/search/?q",
            catch_response=True,
        ) as response:
            self._expect(response, 200)

    @task(25)
    def graphql(self) -> None:
        choice = random.random()
        if choice < 0.4:
            name, query = "graphql services", SERVICE_LIST
            variables = {"locale": self.language, "first": 20}
            if CATALOGUE["categories"] and random.random() < 0.5:
                variables["category"] = random.choice(CATALOGUE["categories"])
        elif choice < 0.7:
            name, query = "graphql service", ONE_SERVICE
            variables = {"code": self._service()[0], "locale": self.language}
        elif choice < 0.85:
            name, query, variables = "graphql categories", CATEGORIES, {"locale": self.language}
        else:
            name, query = "graphql page", PAGE
            variables = {"path": random.choice(PAGE_PATHS), "locale": self.language}
        with self.client.post(
            "/graphql/",
            json={"query": query, "variables": variables},
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "errors" in (response.json() or {}):
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")

    @task(5)
    def feedback(self) -> None:
        code, _page_path = self._service()
        useful = random.choice(["yes", "no"])
        step_path = f"/{self.language}/service-feedback/{code}/"
        # The service page's Yes / No choice leads here; the form and its token are on this step.
        with self.client.get(
            step_path,
            params={"useful": useful},
            name="/[lang]/service-feedback/[code]/ (form)",
            catch_response=True,
        ) as step:
            found = CSRF_INPUT.search(step.text or "")
            if step.status_code != 200 or not found:
                step.failure(f"no feedback form (HTTP {step.status_code})")
                return
        with self.client.post(
            step_path,
            data={
                "csrfmiddlewaretoken": found.group(1),
                "useful": useful,
                "reason": random.choice(["", "CLEAR", "COMPLETED", "UNCLEAR"]),
                "comment": "",
            },
            headers={"Referer": f"{self.host}{step_path}?useful={useful}"},
            name="/[lang]/service-feedback/[code]/",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self._expect(response, 302)
