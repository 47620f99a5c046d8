"""Create the admin account from the environment, or say how to create one."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

# Wagtail's account form requires a name and an e-mail address: an account without them cannot
# save any account setting (not even the admin language), so the command always gives both.
DEFAULT_FIRST_NAME = "Site"
DEFAULT_LAST_NAME = "Administrator"
DEFAULT_EMAIL = "admin@localhost"


class Command(BaseCommand):
    help = (
        "Create a superuser from DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD if set "
        "(name and e-mail from DJANGO_SUPERUSER_FIRST_NAME, _LAST_NAME and _EMAIL)."
    )

    def handle(self, *args, **options):
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        profile = {
            "first_name": os.environ.get("DJANGO_SUPERUSER_FIRST_NAME") or DEFAULT_FIRST_NAME,
            "last_name": os.environ.get("DJANGO_SUPERUSER_LAST_NAME") or DEFAULT_LAST_NAME,
            "email": os.environ.get("DJANGO_SUPERUSER_EMAIL") or DEFAULT_EMAIL,
        }
        User = get_user_model()
        if not username or not password:
            if not User.objects.filter(is_superuser=True).exists():
                self.stdout.write(
                    "No admin account yet. Create one with:\n"
                    "  .venv/bin/python manage.py createsuperuser\n"
                    "or set DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD and run make serve."
                )
            return
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            self._complete_profile(existing, profile)
            return
        try:
            validate_password(password, User(username=username, email=profile["email"]))
        except ValidationError as error:
            self.stderr.write("DJANGO_SUPERUSER_PASSWORD is too weak: " + " ".join(error.messages))
            return
        User.objects.create_superuser(username=username, password=password, **profile)
        self.stdout.write(f"Created admin account '{username}'.")

    def _complete_profile(self, user, profile: dict[str, str]) -> None:
        """Fill a name or e-mail an older run left empty; never overwrite what the editor set."""
        missing = [field for field, value in profile.items() if not getattr(user, field)]
        for field in missing:
            setattr(user, field, profile[field])
        if missing:
            user.save(update_fields=missing)
            self.stdout.write(f"Admin account '{user.username}': filled in {', '.join(missing)}.")
        else:
            self.stdout.write(f"Admin account '{user.username}' already exists.")
