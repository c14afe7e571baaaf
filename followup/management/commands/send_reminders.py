from datetime import date

from django.db import transaction

from followup.management.daily import DailyJobCommand
from followup.services import run_reminder_scan
from samverkan.tenancy import system_scope


class Command(DailyJobCommand):
    help = "Kör påminnelseskanningen nu. Med --dry-run listas bara vad som skulle skickas."

    dry_run_help = "Skicka inget, lista bara."

    def run(self, today: date, *, dry_run: bool) -> None:
        with system_scope(), transaction.atomic():
            result = run_reminder_scan(today, dry_run=dry_run)
        for item in result.planned:
            self.stdout.write(f"{item.kind:<18} {item.user.email:<36} {item.period_key:<12} {item.title}")
        if dry_run:
            self.stdout.write(f"{len(result.planned)} påminnelser skulle skickas (inget skickades).")
        else:
            self.stdout.write(
                f"{len(result.created)} nya påminnelser skapades av {len(result.planned)} planerade "
                "(resten var redan skickade)."
            )
