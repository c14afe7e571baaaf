from datetime import date

from followup.management.daily import DailyJobCommand
from followup.periods import advance_documents
from samverkan.tenancy import system_scope


class Command(DailyJobCommand):
    help = (
        "För överenskommelser och medborgarlöften vidare när datumen säger det: gällande från startdatum, "
        "upphört eller avslutat efter slutdatum. Med --dry-run listas bara vad som skulle ändras."
    )

    def run(self, today: date, *, dry_run: bool) -> None:
        with system_scope():
            moved = advance_documents(today, dry_run=dry_run)
        for item in moved:
            self.stdout.write(f"{item.kind:<16} {item.status:<10} {item.title}")
        if dry_run:
            self.stdout.write(f"{len(moved)} handlingar skulle föras vidare (inget ändrades).")
        else:
            self.stdout.write(f"{len(moved)} handlingar fördes vidare per {today}.")
