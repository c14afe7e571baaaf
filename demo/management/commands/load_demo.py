from typing import Any

from django.core.management.base import BaseCommand

from demo import organisations
from demo.parts import PARTS
from samverkan.tenancy import system_scope


class Command(BaseCommand):
    help = "Läser in demodata byggd på seed-dokumenten. Kan köras flera gånger."

    def handle(self, *args: Any, **options: Any) -> None:
        logins: list[str] = []
        with system_scope():
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
