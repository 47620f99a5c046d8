"""Write the API contract: `schema.graphql` from the code (and, on release, the released copy)."""

from django.core.management.base import BaseCommand

from cms.graphql.contract import RELEASED_SDL_FILE, SDL_FILE, code_sdl, repo_path


class Command(BaseCommand):
    help = f"Write {SDL_FILE} (the SDL printed from the code's schema)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--release",
            action="store_true",
            help=f"Also copy it to {RELEASED_SDL_FILE}: the baseline for breaking changes.",
        )

    def handle(self, *args, **options):
        sdl = code_sdl()
        repo_path(SDL_FILE).write_text(sdl, encoding="utf-8")
        self.stdout.write(f"Wrote {SDL_FILE}.")
        if options["release"]:
            repo_path(RELEASED_SDL_FILE).write_text(sdl, encoding="utf-8")
            self.stdout.write(f"Wrote {RELEASED_SDL_FILE}: move the changelog's Unreleased notes.")
