"""`redirect(path)`: where an old address now lives, so any frontend can honour the old links."""

from __future__ import annotations

import graphene
from wagtail.models import Site

from cms.graphql.response_cache import never_cache_field
from old_addresses import lookup, missing
from old_addresses.models import MAX_PATH_LENGTH

# A miss may be counted (recordMiss): such answers are worked out every time.
never_cache_field("redirect")


class RedirectType(graphene.ObjectType):
    location = graphene.String(
        required=True, description="Where to send the visitor: a path of this site or a URL"
    )
    status_code = graphene.Int(required=True, description="301 (permanent) or 302")
    permanent = graphene.Boolean(required=True)

    class Meta:
        name = "Redirect"

    @staticmethod
    def resolve_status_code(target, info):
        return target.status_code


class Query:
    redirect = graphene.Field(
        RedirectType,
        path=graphene.String(
            required=True,
            description="The address asked for, as it arrived: percent-encoded or not, any "
            "letter case, with its query string (e.g. /ar/Pages/Default.aspx?ID=3)",
        ),
        record_miss=graphene.Boolean(
            default_value=False,
            description="Count the path in the site's 'not found' report when no redirect "
            "matches (a frontend answering a visitor's 404 passes true)",
        ),
        referrer=graphene.String(description="The visitor's Referer, kept with a counted miss"),
        description="The redirect for an old address, or null. Matching ignores letter case "
        "and percent-encoding; chains are already followed.",
    )

    @staticmethod
    def resolve_redirect(root, info, path, record_miss=False, referrer=None):
        path = (path or "")[: MAX_PATH_LENGTH * 4]
        site = Site.find_for_request(info.context) if info.context is not None else None
        target = lookup.resolve(path, site)
        if target is None and record_miss:
            missing.record_miss(path, referrer or "")
        return target
