from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from followup.totals import differences, recount
from samverkan.tenancy import system_scope


class Command(BaseCommand):
    help = (
        "Räkna om aktiviteternas löpande summor (per dag, vecka, månad, kvartal och år) från loggarna. "
        "Med --check jämförs bara: kommandot misslyckas och visar skillnaderna om summorna inte stämmer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Jämför bara; ändra ingenting.")

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        with system_scope():
            if check:
                wrong = differences()
                for line in wrong[:50]:
                    self.stdout.write(line)
                if wrong:
                    raise CommandError(f"{len(wrong)} summor stämmer inte med loggarna; kör utan --check.")
                self.stdout.write("Summorna stämmer med loggarna.")
                return
            self.stdout.write(f"{recount()} summor räknade från loggarna.")
