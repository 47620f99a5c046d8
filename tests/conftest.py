"""Each app owns its fixtures; this file only loads them."""

pytest_plugins = [
    "cms.testing",
    "site_pages.testing",
    "tests.graphql_helpers",
    "tests.background_helpers",
    "old_addresses.testing",
]
