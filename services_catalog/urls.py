"""Open data, mounted at /open-data/ by cms/urls.py. These addresses are a published contract."""

from django.urls import path, re_path

from services_catalog import views

app_name = "open_data"

urlpatterns = [
    path("", views.index, name="index"),
    re_path(
        r"^services/(?P<language>[a-z]{2})\.jsonld$", views.services_jsonld, name="services_jsonld"
    ),
    re_path(r"^services/(?P<language>[a-z]{2})\.json$", views.services_json, name="services_json"),
    re_path(r"^services/(?P<language>[a-z]{2})\.csv$", views.services_csv, name="services_csv"),
]
