"""The contact-centre enquiry form: on the contact-centre page and at /<lang>/enquiry/.

It works without JavaScript. The form POSTs to /<lang>/enquiry/, which calls `submitEnquiry`;
the API stores the enquiry before any e-mail goes out and is the one place that validates it.
Success redirects (POST-redirect-GET) to /<lang>/enquiry/sent/?reference=..., which shows the
reference number; errors show the form again (400) with a summary and each message tied to its
field. The honeypot is passed to the API, which refuses the enquiry and keeps nothing. A link may open
the form with a topic chosen (`?topic=<code>`, a code the API lists; any other is ignored). An
enquiry the API could not store (database down or read-only) gets the form again with what the
visitor typed and a plain message (503, Retry-After): on the full page when the page's data can
still be read, else on a minimal page that needs none.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from frontend import client
from frontend.forms import EnquiryForm
from frontend.rendering import (
    LANGUAGES,
    absolute,
    current_language,
    fixed_route_context,
    render_html,
)
from frontend.submissions import NOT_STORED_MESSAGE, NotStored, not_stored, submit
from frontend.views import friendly_on_api_failure

# As site_pages.models.enquiries.new_reference makes them (no 0, 1, I, L, O, U): anything
# else in the confirmation's query string is not shown to the visitor.
REFERENCE = re.compile(r"^MOF-\d{4}-[2-9A-HJKMNP-TV-Z]{8}$")


def enquiry_context(topics: list[dict[str, str]], form: EnquiryForm | None = None) -> dict:
    return {"enquiry_form": form or EnquiryForm(), "enquiry_topics": topics}


def chosen_topic(request: HttpRequest, topics: list[dict[str, str]]) -> str:
    """The topic a link asks the form to open with (`?topic=<code>`, e.g. from the
    right-to-information page), when it is one of the API's topics; '' for anything else."""
    asked = request.GET.get("topic") or ""
    return asked if any(topic["code"] == asked for topic in topics) else ""


def new_form(request: HttpRequest, topics: list[dict[str, str]]) -> EnquiryForm:
    """An empty form, with the topic a link chose already selected."""
    topic = chosen_topic(request, topics)
    return EnquiryForm(initial={"topic": topic} if topic else None)


def contact_centre_context(request: HttpRequest) -> dict[str, Any]:
    """What the contact-centre page adds to its context: an empty form and the topics."""
    data = client.run("EnquiryTopics", {"locale": current_language()}, request)
    topics = data["enquiryTopics"]
    return enquiry_context(topics, new_form(request, topics))


def _page_context(request: HttpRequest, data: dict[str, Any], title: str, path: str) -> dict:
    home = data.get("home") or {}
    contact_centre = (home.get("contactCentre") or {}) if home else {}
    parent = None
    if contact_centre.get("url"):
        parent = {"title": contact_centre["title"], "url": contact_centre["url"]}
    context = fixed_route_context(request, data, path, title, parent)
    context["alternates"] = [
        {"locale": code, "href": absolute(request, f"/{code}/{path}")} for code in LANGUAGES
    ]
    context["contact_centre"] = contact_centre or None
    return context


@require_http_methods(["GET", "HEAD", "POST"])
@friendly_on_api_failure
def enquiry(request: HttpRequest) -> HttpResponse:
    """The form on a page of its own (GET), and where every enquiry form posts to (POST)."""
    language = current_language()
    form = None
    if request.method == "POST":
        form = EnquiryForm(request.POST)
        form.is_valid()  # only tidies the input: the API validates
        variables = {"locale": language, **form.variables()}
        try:
            result = submit("SubmitEnquiry", variables, request, "submitEnquiry")
        except NotStored:
            form.add_error(None, NOT_STORED_MESSAGE)
            return not_stored(_form_again(request, form))
        if result.get("ok") and result.get("reference"):
            query = urlencode({"reference": result["reference"]})
            return HttpResponseRedirect(f"/{language}/enquiry/sent/?{query}")
        form.add_api_errors(result.get("errors") or [])
    data = client.run("EnquiryPage", {"locale": language}, request)
    _known_topics[language] = data["enquiryTopics"]
    context = _page_context(request, data, gettext("Send an enquiry"), "enquiry/")
    topics = data["enquiryTopics"]
    context.update(enquiry_context(topics, form or new_form(request, topics)))
    response = render_html(
        request, "enquiry/enquiry.html", context, status=400 if form is not None else 200
    )
    if form is not None:
        add_never_cache_headers(response)  # it holds what this visitor typed
    return response


# The topics last read per language: the form can be shown again while the API cannot be read.
_known_topics: dict[str, list[dict[str, str]]] = {}


def _form_again(request: HttpRequest, form: EnquiryForm) -> HttpResponse:
    """The form with the visitor's input after a failed submission, with or without the API."""
    language = current_language()
    try:
        data = client.run("EnquiryPage", {"locale": language}, request)
    except (client.ApiUnavailable, client.ApiError):
        topics = _known_topics.get(language) or []
        chosen = form.cleaned_data.get("topic") or ""
        if chosen and all(topic["code"] != chosen for topic in topics):
            topics = [*topics, {"code": chosen, "label": chosen}]  # keep their choice
        context = {"language": language, **enquiry_context(topics, form)}
        return render_html(request, "enquiry/not_sent.html", context)
    context = _page_context(request, data, gettext("Send an enquiry"), "enquiry/")
    context.update(enquiry_context(data["enquiryTopics"], form))
    return render_html(request, "enquiry/enquiry.html", context)


@require_GET
@friendly_on_api_failure
def enquiry_sent(request: HttpRequest) -> HttpResponse:
    """The confirmation with the reference number; without a well-formed one, back to the form."""
    language = current_language()
    reference = request.GET.get("reference", "")
    if not REFERENCE.match(reference):
        return HttpResponseRedirect(f"/{language}/enquiry/")
    data = client.run("EnquiryPage", {"locale": language}, request)
    context = _page_context(request, data, gettext("Your enquiry has been sent"), "enquiry/")
    context["reference"] = reference
    response = render_html(request, "enquiry/sent.html", context)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
