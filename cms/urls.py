from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.graphql.view import graphql_view

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("graphql/", graphql_view, name="graphql"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("open-data/", include("services_catalog.urls")),
    path("open-data/", include("publications.urls")),
    path("", include("frontend.urls")),
]

# The public site, one tree per language under /ar/ and /en/. The frontend's catch-all is
# named `wagtail_serve` so that Wagtail's page.url and the frontend's routes agree.
urlpatterns += i18n_patterns(
    path("", include("frontend.i18n_urls")),
    prefix_default_language=True,
)

# Errors outside the frontend's own views (a path no route matches, an uncaught exception)
# get the site's pages too: the 404 with the header and footer, the 500 from its template
# alone, without the database.
handler404 = "frontend.views.not_found"
handler500 = "frontend.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
