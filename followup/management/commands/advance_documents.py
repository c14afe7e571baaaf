from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from followup.periods import advance_documents
from samverkan.tenancy import system_scope


class Command(BaseCommand):
    help = (
        "För överenskommelser och medborgarlöften vidare när datumen säger det: gällande från startdatum, "
        "upphört eller avslutat efter slutdatum. Med --dry-run listas bara vad som skulle ändras."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Ändra inget, lista bara.")
        parser.add_argument("--datum", help="Kör som om det vore detta datum (ÅÅÅÅ-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["datum"]) if options["datum"] else timezone.localdate()
        except ValueError as error:
            raise CommandError("Datumet ska skrivas ÅÅÅÅ-MM-DD.") from error
        with system_scope():
            moved = advance_documents(today, dry_run=options["dry_run"])
        for item in moved:
            self.stdout.write(f"{item.kind:<16} {item.status:<10} {item.title}")
        if options["dry_run"]:
            self.stdout.write(f"{len(moved)} handlingar skulle föras vidare (inget ändrades).")
        else:
            self.stdout.write(f"{len(moved)} handlingar fördes vidare per {today}.")
