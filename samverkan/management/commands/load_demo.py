from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

from samverkan.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from samverkan.tenancy import system_scope


class Command(BaseCommand):
    help = "Läser in demodata byggd på seed-dokumenten. Kan köras flera gånger."

    def handle(self, *args: Any, **options: Any) -> None:
        logins: list[str] = []
        # Each app of ours may have a `demo` module with `load()`; they run in process order
        # (INSTALLED_APPS), found at run time so that no app imports one further down.
        with system_scope():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if config.name not in settings.SAMVERKAN_APPS:
                    continue
                if find_spec(module_name) is None:
                    continue
                lines = import_module(module_name).load()
                if config.name == "samverkan":
                    logins = lines
                self.stdout.write(f"Demodata inläst: {config.verbose_name}")
        self.stdout.write("")
        self.stdout.write(f"Demokonton (lösenord för alla: {DEMO_PASSWORD}):")
        for line in logins:
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(
            "Ledning och administratörer loggar in med tvåstegsverifiering. Lägg in nyckeln "
            f"{DEMO_TOTP_SECRET} i en autentiseringsapp, eller kör 'make demo-code' för aktuell kod."
        )
