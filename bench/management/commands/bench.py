from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench import runner, scale
from samverkan.tenancy import system_scope


class Command(BaseCommand):
    help = (
        "Mäter nyckelsidorna på det nationella datasetet (generate_scale_data) med gunicorn och wrk, och "
        "PDF-rendering och påminnelseskanning; skriver bench/results.json och tabellen i README."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workers", type=int, default=4, help="gunicorn-arbetare (standard 4).")
        parser.add_argument("--connections", type=int, default=4, help="Samtidiga anslutningar från wrk.")
        parser.add_argument("--duration", type=int, default=10, help="Sekunder per sida (standard 10).")
        parser.add_argument("--warmup", type=int, default=2, help="Sekunder uppvärmning per sida.")
        parser.add_argument(
            "--profile-only", action="store_true", help="Bara profilen per sida, i processen, utan last."
        )
        parser.add_argument("--no-readme", action="store_true", help="Skriv inte tabellen i README.md.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DEBUG:
            raise CommandError("Mät utan DJANGO_DEBUG: produktionsinställningarna ska mätas.")
        config = runner.Settings(
            workers=options["workers"],
            connections=options["connections"],
            duration=options["duration"],
            warmup=options["warmup"],
        )
        with system_scope():
            if not scale.exists():
                raise CommandError("Skaldatan saknas: kör 'python manage.py generate_scale_data' först.")
            if options["profile_only"]:
                runner.profile_only(out=self.stdout.write)
                return
            try:
                results = runner.run(config, out=self.stdout.write)
            except RuntimeError as error:
                raise CommandError(str(error)) from error
        base = Path(settings.BASE_DIR)
        path = runner.write(results, base / "bench")
        self.stdout.write(f"Resultat: {path}")
        if not options["no_readme"]:
            runner.update_readme(base / "README.md", results)
        self.stdout.write(runner.table(results))
