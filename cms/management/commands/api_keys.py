"""Partner API keys from the command line: create, list, rotate, revoke.

The key itself is printed once, by `create` and `rotate`; only its digest is stored.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cms.models import ApiKey
from cms.security.api_keys import issue_key


class Command(BaseCommand):
    help = "Create, list, rotate or revoke partner API keys for /graphql/."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create a key and print it once.")
        create.add_argument("name", help="The partner, e.g. 'Citizen portal'.")
        create.add_argument("--email", default="", help="Technical contact.")
        create.add_argument("--requests-per-minute", type=int)
        create.add_argument("--origin", action="append", default=[], help="Browser origin (CORS).")
        create.add_argument("--introspection", action="store_true", help="May load the schema.")
        actions.add_parser("list", help="List keys (prefixes only, never secrets).")
        rotate = actions.add_parser("rotate", help="Replace a key's secret; the old one stops.")
        rotate.add_argument("prefix")
        revoke = actions.add_parser("revoke", help="Deactivate a key at once.")
        revoke.add_argument("prefix")

    def handle(self, *args, **options):
        getattr(self, f"_{options['action']}")(options)

    def _key(self, prefix: str) -> ApiKey:
        found = ApiKey.objects.filter(prefix=prefix.removeprefix("mzn_").split("_")[0]).first()
        if found is None:
            raise CommandError(f"No key with the prefix {prefix!r}: see `api_keys list`.")
        return found

    def _create(self, options) -> None:
        api_key = ApiKey(
            name=options["name"],
            contact_email=options["email"],
            allow_introspection=options["introspection"],
            allowed_origins="\n".join(options["origin"]),
        )
        if options["requests_per_minute"] is not None:
            api_key.requests_per_minute = options["requests_per_minute"]
        try:
            api_key.full_clean(exclude=["prefix", "key_digest"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        key = issue_key(api_key)
        self.stdout.write(f"Created key {api_key.prefix} for {api_key.name}. The key (shown once):")
        self.stdout.write(key)

    def _list(self, options) -> None:
        for api_key in ApiKey.objects.all():
            state = "active" if api_key.is_usable else "revoked or expired"
            last = api_key.last_used_at.isoformat() if api_key.last_used_at else "never"
            flags = " introspection" if api_key.allow_introspection else ""
            self.stdout.write(
                f"{api_key.prefix}\t{api_key.name}\t{state}\t"
                f"{api_key.requests_per_minute}/min\tlast used {last}{flags}"
            )

    def _rotate(self, options) -> None:
        api_key = self._key(options["prefix"])
        old = api_key.prefix
        key = issue_key(api_key)
        self.stdout.write(f"Rotated {old} -> {api_key.prefix}; {old} no longer works. The key:")
        self.stdout.write(key)

    def _revoke(self, options) -> None:
        api_key = self._key(options["prefix"])
        api_key.is_active = False
        api_key.save(update_fields=["is_active"])
        self.stdout.write(f"Revoked {api_key.prefix} ({api_key.name}): refused from now on.")
