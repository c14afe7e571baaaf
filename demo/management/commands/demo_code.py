from typing import Any

from django.core.management.base import BaseCommand

from demo.organisations import DEMO_TOTP_SECRET
from samverkan.security import current_code


class Command(BaseCommand):
    help = "Skriver ut den aktuella koden för demokontonas tvåstegsverifiering."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(current_code(DEMO_TOTP_SECRET))
