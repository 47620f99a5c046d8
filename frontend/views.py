from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import get_language_from_request


def language_root(request: HttpRequest) -> HttpResponse:
    """Send the visitor to /ar/ or /en/ by their browser's preference, Arabic by default."""
    language = get_language_from_request(request, check_path=False)
    return HttpResponseRedirect(f"/{language if language in ('ar', 'en') else 'ar'}/")


def page(request: HttpRequest, path: str) -> HttpResponse:
    return HttpResponse(f"{path}")
