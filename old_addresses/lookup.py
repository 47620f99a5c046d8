"""Old addresses to new ones: Wagtail's redirects, matched the way old links really arrive.

The old site ran on a case-insensitive server (IIS), so links to it spread in any letter case,
percent-encoded or not ("/ar/Pages/Default.aspx", "/AR/pages/default.aspx",
"/ar/%D8%A7%D9%84..."). `lookup_key` reduces a path to one comparison key: decoded, NFC,
case-folded, without the trailing slash, with the query's parameters sorted. A path with a query
string is tried whole, then without the query.

All redirects of a site are read once per content generation into a dict per process (saving a
redirect bumps the generation), so a lookup costs the generation read the request makes anyway
and no query of its own; pages with no 404 never look. Chains are followed to their end when the
dict is built (A -> B -> C answers C at once); a loop, or a target page the public cannot see
(a draft, private, expired), answers nothing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.db.models import Q
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from cms.content_generation import current_generation

MAX_CHAIN = 10


@dataclass(frozen=True)
class Target:
    location: str
    permanent: bool
    redirect_id: int

    @property
    def status_code(self) -> int:
        return 301 if self.permanent else 302


def split_path(value: str) -> tuple[str, str]:
    """The path and query of an old address, full URL or path, encoded or not."""
    value = (value or "").strip()
    parts = urlsplit(value)
    path = parts.path if (parts.scheme or parts.netloc) else value.split("?", 1)[0].split("#")[0]
    query = parts.query if (parts.scheme or parts.netloc) else ""
    if not (parts.scheme or parts.netloc) and "?" in value:
        query = value.split("?", 1)[1].split("#")[0]
    return path, query


def lookup_key(value: str, with_query: bool = True) -> str:
    path, query = split_path(value)
    path = unicodedata.normalize("NFC", unquote(path, errors="replace")).casefold()
    if not path.startswith("/"):
        path = "/" + path
    while len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    if with_query and query:
        params = sorted(
            unicodedata.normalize("NFC", unquote(p, errors="replace")).casefold()
            for p in query.split("&")
            if p
        )
        if params:
            path += "?" + "&".join(params)
    return path


def _is_local(location: str) -> bool:
    return location.startswith("/") and not location.startswith("//")


# One map per site for the whole process (threads share it); replaced whole, never edited.
_maps_by_site: dict[int | None, tuple[int, dict[str, Target]]] = {}


def forget_maps() -> None:
    """Drop the maps (tests: each starts at the same generation)."""
    _maps_by_site.clear()


def build_map(site_id: int | None) -> dict[str, Target]:
    """Every redirect of the site (and those for all sites), by key, chains followed."""
    from cms.graphql.visibility import visible_page_ids

    redirects = list(
        Redirect.objects.filter(Q(site_id=site_id) | Q(site__isnull=True)).order_by(
            # A site's own redirect wins over one for all sites; the oldest wins among equals.
            "site_id" if site_id is None else "-site_id",
            "pk",
        )
    )
    page_ids = {r.redirect_page_id for r in redirects if r.redirect_page_id}
    visible = visible_page_ids(page_ids) if page_ids else set()
    pages = {p.pk: p for p in Page.objects.filter(pk__in=visible)}
    direct: dict[str, Target] = {}
    for redirect in redirects:
        if redirect.redirect_page_id:
            page = pages.get(redirect.redirect_page_id)
            if page is None:
                continue  # hidden or deleted: do not reveal its address
            location = page.get_url()
            if not location:
                continue
            if redirect.redirect_page_route_path:
                location = location.rstrip("/") + redirect.redirect_page_route_path
        elif redirect.redirect_link:
            location = redirect.redirect_link
        else:
            continue
        direct.setdefault(
            lookup_key(redirect.old_path),
            Target(location, redirect.is_permanent, redirect.pk),
        )
    return {key: target for key in direct if (target := follow(direct, key)) is not None}


def follow(direct: dict[str, Target], key: str) -> Target | None:
    """The end of the chain that starts at `key`; None for a loop."""
    target = direct[key]
    current = key
    seen = {key}
    permanent = target.permanent
    for _step in range(MAX_CHAIN):
        if not _is_local(target.location):
            break
        next_key = lookup_key(target.location)
        if next_key == current:
            break  # the same address in its right spelling ("/ar/About" -> "/ar/about/")
        if next_key in seen:
            return None
        following = direct.get(next_key)
        if following is None:
            break
        seen.add(next_key)
        current = next_key
        permanent = permanent and following.permanent
        target = following
    else:
        return None
    return Target(target.location, permanent, direct[key].redirect_id)


def _map_for(site_id: int | None) -> dict[str, Target]:
    generation = current_generation()
    cached = _maps_by_site.get(site_id)
    if cached is not None and cached[0] == generation:
        return cached[1]
    built = build_map(site_id)
    _maps_by_site[site_id] = (generation, built)
    return built


def resolve(path: str, site: Site | None = None) -> Target | None:
    """Where `path` (encoded or not, any case, with or without a query) now lives."""
    if not path or "\0" in path:
        return None
    mapping = _map_for(site.pk if site else None)
    target = mapping.get(lookup_key(path)) or mapping.get(lookup_key(path, with_query=False))
    if target is None or _same_address(target.location, path):
        return None  # sending a visitor to where they are would loop
    return target


def _same_address(location: str, path: str) -> bool:
    return unquote(split_path(location)[0]) == unquote(split_path(path)[0])
