"""Each app owns its fixtures; this file only loads them."""

pytest_plugins = [
    "syndication.testing",
    "cms.testing",
    "site_pages.testing",
    "tests.graphql_helpers",
    "tests.background_helpers",
    "tests.browser.report",
    "old_addresses.testing",
]
