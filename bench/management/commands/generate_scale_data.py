import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench import scale
from samverkan.tenancy import system_scope


class Command(BaseCommand):
    help = (
        "Bygger ett nationellt dataset för prestandamätningen i PostgreSQL: 290 kommuner i 21 län, "
        "cirka 95 lokalpolisområden i 7 polisregioner, överenskommelse, lägesbild och del 2 per kommun "
        "och åtta års loggar (över en miljon rader)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-missing", action="store_true", help="Gör inget om skaldatan redan finns.")
        parser.add_argument("--seed", type=int, default=2026, help="Slumpfrö; samma frö ger samma data.")
        parser.add_argument("--years", type=int, default=scale.YEARS, help="Antal år med loggar (standard 8).")

    def handle(self, *args: Any, **options: Any) -> None:
        with system_scope():
            if scale.exists():
                if options["if_missing"]:
                    self.stdout.write("Skaldatan finns redan.")
                    return
                raise CommandError("Skaldatan finns redan i databasen. Använd en tom databas.")
            started = time.perf_counter()
            try:
                built = scale.build(seed=options["seed"], log_years=options["years"], out=self.stdout)
            except RuntimeError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(
            f"Klart på {time.perf_counter() - started:.0f} s: {built.organizations} organisationer, "
            f"{built.people} personer, {built.activities} aktiviteter, {built.logs} loggar."
        )
