"""Create the admin account from the environment, or say how to create one."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create a superuser from DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD if set."

    def handle(self, *args, **options):
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "")
        User = get_user_model()
        if not username or not password:
            if not User.objects.filter(is_superuser=True).exists():
                self.stdout.write(
                    "No admin account yet. Create one with:\n"
                    "  .venv/bin/python manage.py createsuperuser\n"
                    "or set DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD and run make serve."
                )
            return
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Admin account '{username}' already exists.")
            return
        try:
            validate_password(password, User(username=username, email=email))
        except ValidationError as error:
            self.stderr.write("DJANGO_SUPERUSER_PASSWORD is too weak: " + " ".join(error.messages))
            return
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(f"Created admin account '{username}'.")
