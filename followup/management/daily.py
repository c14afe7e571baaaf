"""What the daily jobs' commands share: run as if on a given day, or only list what would happen."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone


class DailyJobCommand(BaseCommand):
    """A command for one of the daily jobs, with `--datum ÅÅÅÅ-MM-DD` and `--dry-run`."""

    dry_run_help = "Ändra inget, lista bara."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)
        parser.add_argument("--datum", help="Kör som om det vore detta datum (ÅÅÅÅ-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["datum"]) if options["datum"] else timezone.localdate()
        except ValueError as error:
            raise CommandError("Datumet ska skrivas ÅÅÅÅ-MM-DD.") from error
        self.run(today, dry_run=options["dry_run"])

    def run(self, today: date, *, dry_run: bool) -> None:
        raise NotImplementedError
