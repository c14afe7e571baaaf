from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from followup.services import run_reminder_scan
from samverkan.tenancy import system_scope


class Command(BaseCommand):
    help = "Kör påminnelseskanningen nu. Med --dry-run listas bara vad som skulle skickas."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Skicka inget, lista bara.")
        parser.add_argument("--datum", help="Kör som om det vore detta datum (ÅÅÅÅ-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["datum"]) if options["datum"] else timezone.localdate()
        except ValueError as error:
            raise CommandError("Datumet ska skrivas ÅÅÅÅ-MM-DD.") from error
        with system_scope(), transaction.atomic():
            result = run_reminder_scan(today, dry_run=options["dry_run"])
        for item in result.planned:
            self.stdout.write(f"{item.kind:<18} {item.user.email:<36} {item.period_key:<12} {item.title}")
        if options["dry_run"]:
            self.stdout.write(f"{len(result.planned)} påminnelser skulle skickas (inget skickades).")
        else:
            self.stdout.write(
                f"{len(result.created)} nya påminnelser skapades av {len(result.planned)} planerade "
                "(resten var redan skickade)."
            )
