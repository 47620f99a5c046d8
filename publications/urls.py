"""Open fiscal data, mounted at /open-data/ by cms/urls.py. These addresses are a published
contract (docs/open-data.md)."""

from django.urls import path, re_path

from publications import views

app_name = "fiscal_data"

urlpatterns = [
    path("catalog.jsonld", views.catalogue, name="catalogue"),
    re_path(r"^budget/(?P<language>[a-z]{2})\.(?P<fmt>csv|json)$", views.budget, name="budget"),
    re_path(
        r"^publications/(?P<language>[a-z]{2})\.(?P<fmt>csv|json)$",
        views.publications,
        name="publications",
    ),
]
