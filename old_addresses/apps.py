from django.apps import AppConfig


class OldAddressesConfig(AppConfig):
    name = "old_addresses"
    verbose_name = "Old addresses"
