"""Routes outside the language prefix: language redirect, preview, display tools, discovery."""

from django.urls import path

from frontend import discovery, display, views

urlpatterns = [
    path("", views.language_root, name="language_root"),
    path("preview/", views.preview, name="preview"),
    path("display/", display.set_display, name="display"),
    path("sitemap.xml", discovery.sitemap, name="sitemap"),
    path("robots.txt", discovery.robots, name="robots"),
    path(".well-known/security.txt", discovery.security_txt, name="security_txt"),
]
