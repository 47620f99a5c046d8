"""Public consultations: the list grouped by status, a consultation with its comment form and,
once closed, its outcome.

The comment form works without JavaScript. It POSTs to `<consultation url>comment/` (a
consultation has no child pages, so no page can take that address), which calls
`submitConsultationComment`; the API checks that the consultation is open today in Riyadh,
validates and stores the comment, and is the one place with the rules and their wording.
Success redirects (POST-redirect-GET) to `<consultation url>comment/sent/?reference=...`. Errors,
including "this consultation has closed", show the page again (400) with the message at the
top of the form. A comment the API could not store gets the form again with what the visitor
wrote (503, Retry-After), never a thank-you: on the full page when it can still be read, else on
a minimal page that needs no data.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods

from frontend import client
from frontend.forms import HONEYPOT_FIELD
from frontend.rendering import current_language, render_html
from frontend.submissions import NOT_STORED_MESSAGE, NotStored, not_stored, submit
from frontend.views import friendly_on_api_failure, not_found_response, page

# As consultations.models.new_reference makes them: anything else is not shown to the visitor.
REFERENCE = re.compile(r"^CON-\d{4}-[2-9A-HJKMNP-TV-Z]{8}$")
COMMENT_FIELDS = ("name", "email", "organisation", "comment")
# The API answers a longer argument with a GraphQL error rather than a message by the field.
ARGUMENT_MAX_LENGTH = 6000
# The order the list shows its groups in.
STATUS_ORDER = ("OPEN", "UPCOMING", "OUTCOME_PUBLISHED", "CLOSED")


class CommentForm(forms.Form):
    """The comment as typed: the API validates it and its messages are added back."""

    name = forms.CharField(required=False)
    email = forms.CharField(required=False)
    organisation = forms.CharField(required=False)
    comment = forms.CharField(required=False)
    consent = forms.BooleanField(required=False)
    website = forms.CharField(required=False, strip=False)  # the honeypot

    def variables(self) -> dict[str, Any]:
        data = {
            name: (self.cleaned_data.get(name) or "")[:ARGUMENT_MAX_LENGTH]
            for name in (*COMMENT_FIELDS, HONEYPOT_FIELD)
        }
        return {
            "name": data["name"] or None,
            "email": data["email"] or None,
            "organisation": data["organisation"] or None,
            "comment": data["comment"],
            "consentToPublish": bool(self.cleaned_data.get("consent")),
            "honeypot": data[HONEYPOT_FIELD] or None,
        }

    def add_api_errors(self, errors: list[dict]) -> None:
        for error in errors:
            field = error.get("field")
            self.add_error(field if field in COMMENT_FIELDS else None, error.get("message") or "")


def index_context(request: HttpRequest, page_data: dict[str, Any]) -> dict[str, Any]:
    """The index's consultations in groups: open first, then upcoming, then closed."""
    data = client.run(
        "ConsultationList",
        {"path": page_data["path"], "locale": current_language(), "status": None},
        request,
    )
    items = ((data.get("page") or {}).get("consultations") or {}).get("items") or []
    groups = [
        {"status": status, "items": [i for i in items if i["consultationStatus"] == status]}
        for status in STATUS_ORDER
    ]
    return {"consultation_groups": [g for g in groups if g["items"]], "total": len(items)}


def detail_context(request: HttpRequest, page_data: dict[str, Any]) -> dict[str, Any]:
    return {"comment_form": CommentForm()}


def _read(request: HttpRequest, path: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    data = client.run("PageByPath", {"path": "/" + path, "locale": current_language()}, request)
    found = data.get("page")
    if not found or found["__typename"] != "ConsultationPage":
        return data, None
    return data, found


def _form_again(request: HttpRequest, path: str, form: CommentForm, consultation: str):
    """The consultation with the visitor's comment after a failed submission, or a minimal
    page with the form when the consultation cannot be read either."""
    from frontend.views import render_page

    try:
        data, found = _read(request, path)
    except (client.ApiUnavailable, client.ApiError):
        context = {
            "language": current_language(),
            "comment_form": form,
            "action": f"/{current_language()}/{path}comment/",
            "consultation_id": consultation,
        }
        return render_html(request, "consultations/not_sent.html", context)
    if found is None:
        return not_found_response(request, data)
    return render_page(request, data, found, comment_form=form)


@require_http_methods(["GET", "HEAD", "POST"])
@friendly_on_api_failure
def comment(request: HttpRequest, path: str) -> HttpResponse:
    """Where a consultation's comment form posts to; a GET is any page's path as usual."""
    if request.method != "POST":
        return page(request, f"{path}comment/")
    language = current_language()
    form = CommentForm(request.POST)
    form.is_valid()  # only tidies the input: the API validates
    consultation = (request.POST.get("consultation") or "")[:12]
    variables = {"locale": language, "consultation": consultation or "0", **form.variables()}
    try:
        result = submit(
            "SubmitConsultationComment", variables, request, "submitConsultationComment"
        )
    except NotStored:
        form.add_error(None, NOT_STORED_MESSAGE)
        return not_stored(_form_again(request, path, form, consultation))
    if result.get("ok") and result.get("reference"):
        query = urlencode({"reference": result["reference"]})
        return HttpResponseRedirect(f"/{language}/{path}comment/sent/?{query}")
    form.add_api_errors(result.get("errors") or [])
    response = _form_again(request, path, form, consultation)
    if response.status_code == 200:
        response.status_code = 400
    add_never_cache_headers(response)  # it holds what this visitor typed
    return response


@require_GET
@friendly_on_api_failure
def comment_sent(request: HttpRequest, path: str) -> HttpResponse:
    """The confirmation with the reference number; without a well-formed one, the page."""
    from frontend.views import render_page

    reference = request.GET.get("reference", "")
    data, found = _read(request, path)
    if found is None:
        return not_found_response(request, data)
    if not REFERENCE.match(reference):
        return HttpResponseRedirect(found["url"])
    response = render_page(request, data, found, comment_reference=reference)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
