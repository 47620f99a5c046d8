"""Routes under /ar/ and /en/. Fixed routes come first; the page catch-all is last.

The fixed routes reserve their first path segment: no page may use the slug `search`,
`service-start`, `service-feedback`, `feeds` or `enquiry` at the top of the tree
(site_pages.models.base.RESERVED_TOP_LEVEL_SLUGS, checked against these routes by a test).
"""

from django.urls import re_path

from frontend import (
    consultations,
    discovery,
    enquiries,
    publications,
    regulations,
    search,
    services,
    views,
)

urlpatterns = [
    re_path(r"^search/$", search.search, name="search"),
    re_path(r"^search/suggest/$", search.suggestions, name="search_suggestions"),
    re_path(r"^service-start/([A-Za-z0-9-]{1,40})/$", services.start, name="service_start"),
    re_path(
        r"^service-feedback/([A-Za-z0-9-]{1,40})/$", services.feedback, name="service_feedback"
    ),
    re_path(r"^feeds/news\.xml$", discovery.news_feed, name="news_feed"),
    re_path(
        r"^publications-download/([0-9]{1,10})/([0-9]{1,10})/$",
        publications.download,
        name="publication_download",
    ),
    re_path(r"^feeds/publications\.xml$", discovery.publications_feed, name="publications_feed"),
    re_path(r"^feeds/procurement\.xml$", discovery.procurement_feed, name="procurement_feed"),
    re_path(r"^enquiry/$", enquiries.enquiry, name="enquiry"),
    re_path(r"^enquiry/sent/$", enquiries.enquiry_sent, name="enquiry_sent"),
    # A regulation's version at its citation address (a regulation has no child pages).
    re_path(
        r"^((?:[\w\-]+/)+)versions/([1-9][0-9]{0,3})/$",
        regulations.version,
        name="regulation_version",
    ),
    # A consultation's comment form and its confirmation (a consultation has no child pages).
    re_path(r"^((?:[\w\-]+/)+)comment/$", consultations.comment, name="consultation_comment"),
    re_path(
        r"^((?:[\w\-]+/)+)comment/sent/$",
        consultations.comment_sent,
        name="consultation_comment_sent",
    ),
    # Named wagtail_serve so that Wagtail's page.url resolves to this catch-all.
    re_path(r"^((?:[\w\-]+/)*)$", views.page, name="wagtail_serve"),
]
