from django.urls import re_path

from frontend import views

urlpatterns = [
    # Named wagtail_serve so that Wagtail's page.url resolves to this catch-all.
    re_path(r"^((?:[\w\-]+/)*)$", views.page, name="wagtail_serve"),
]
