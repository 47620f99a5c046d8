"""Register the GraphQL documents an API key may run when it is limited to approved operations.

    manage.py register_operations queries/*.graphql --key <prefix> [--approved-only]

One document per file (its operations and fragments together), matched by the SHA-256 of the
exact text (what APQ clients send) or of its normalized print. Idempotent: a document already
registered for the key is left as it is.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cms.graphql.execute import prepare
from cms.graphql.persisted import describe_document
from cms.models import ApiKey, ApprovedOperation


class Command(BaseCommand):
    help = "Register .graphql documents as an API key's approved operations."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help=".graphql files, one document each")
        parser.add_argument("--key", required=True, help="The key's prefix (see api_keys list)")
        parser.add_argument(
            "--approved-only",
            action="store_true",
            help="Also limit the key to its approved operations.",
        )

    def handle(self, *args, **options):
        prefix = options["key"].removeprefix("mzn_").split("_")[0]
        api_key = ApiKey.objects.filter(prefix=prefix).first()
        if api_key is None:
            raise CommandError(f"No key with the prefix {options['key']!r}: see `api_keys list`.")
        added = kept = 0
        for name in options["files"]:
            path = Path(name)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"{name}: cannot read it ({error}).") from None
            try:
                _names, _exact, normalized = describe_document(text)
            except ValidationError as error:
                raise CommandError(f"{name}: {' '.join(error.messages)}") from None
            problems = prepare(text, True).errors
            if problems:
                raise CommandError(f"{name}: {problems[0].message}")
            _operation, created = ApprovedOperation.objects.get_or_create(
                api_key=api_key,
                normalized_sha256=normalized,
                defaults={"query": text, "source": path.name[:300]},
            )
            added += created
            kept += not created
        if options["approved_only"] and not api_key.approved_operations_only:
            api_key.approved_operations_only = True
            api_key.save(update_fields=["approved_operations_only"])
        only = "approved operations only" if api_key.approved_operations_only else "any operation"
        self.stdout.write(
            f"{api_key}: {added} registered, {kept} already there; the key runs {only}."
        )
