from typing import Any

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from demo import organisations
from demo.parts import PARTS
from samverkan.tenancy import system_scope


class Command(BaseCommand):
    help = "Läser in demodata byggd på seed-dokumenten. Kan köras flera gånger."

    def handle(self, *args: Any, **options: Any) -> None:
        logins: list[str] = []
        # Building the demo goes through the services, which tell people whose turn it is; those
        # notices stay in the app, but are not e-mailed to the terminal as the data loads.
        with system_scope(), override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            for name, part in PARTS:
                lines = part.load()
                if part is organisations:
                    logins = lines
                self.stdout.write(f"Demodata inläst: {name}")
        self.stdout.write("")
        self.stdout.write(f"Demokonton (lösenord för alla: {organisations.DEMO_PASSWORD}):")
        for line in logins:
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(
            "Ledning och administratörer loggar in med tvåstegsverifiering. Lägg in nyckeln "
            f"{organisations.DEMO_TOTP_SECRET} i en autentiseringsapp, eller kör 'make demo-code' för aktuell kod."
        )
