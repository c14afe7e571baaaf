"""The daily job that lets dates rule status (Celery beat, before the reminder scan): signed
agreements come into force on their start date, agreements past their end date end unless their
renewal rule says they run on, and medborgarlöften past their period end are avslutade. Each change
is made by its app's service with the system as actor (history: "systemet"); the job only finds
what is due. Run again the same day, or after days it did not run, it changes only what is still
due, so the first run catches up everything already past."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from agreements import services as agreement_services
from agreements.models import Agreement
from medborgarloften import services as plan_services
from medborgarloften.models import Medborgarlofte
from samverkan.errors import DomainError


@dataclass(frozen=True)
class Advanced:
    """One document moved on: what it is, and the status it now has."""

    kind: str
    title: str
    status: str


def _agreements(today: date, *, dry_run: bool) -> list[Advanced]:
    moved = []
    # Start before end: an agreement signed long ago for a period that has also ended (the first
    # run over old data) goes undertecknad → gällande → upphört in one run, as it would have.
    steps = (
        (agreement_services.due_to_start, agreement_services.enter_into_force, Agreement.Status.GALLANDE),
        (agreement_services.due_to_end, agreement_services.end_at_period_end, Agreement.Status.UPPHORT),
    )
    for due, service, status in steps:
        for agreement in due(today).order_by("pk"):
            if not dry_run:
                try:
                    service(agreement, actor=None, today=today)
                except DomainError:
                    continue  # moved on by someone else since it was found
            moved.append(Advanced(_("Överenskommelse"), agreement.title, str(Agreement.Status(status).label)))
    return moved


def _loften(today: date, *, dry_run: bool) -> list[Advanced]:
    moved = []
    due = Medborgarlofte.objects.filter(status=Medborgarlofte.Status.GALLANDE, period_end__lt=today)
    for lofte in due.order_by("pk"):
        if not dry_run:
            with transaction.atomic():
                locked = Medborgarlofte.all_objects.select_for_update().get(pk=lofte.pk)
                if locked.status != Medborgarlofte.Status.GALLANDE:
                    continue
                plan_services.end_lofte(locked, actor=None)
        moved.append(Advanced(_("Medborgarlöfte"), lofte.title, str(Medborgarlofte.Status.AVSLUTAT.label)))
    return moved


def advance_documents(today: date, *, dry_run: bool = False) -> list[Advanced]:
    """Move every agreement and medborgarlöfte whose dates say so on to its next status, as of
    `today`, across every tenant (the caller runs it in system scope). With `dry_run`, only list."""
    return [*_agreements(today, dry_run=dry_run), *_loften(today, dry_run=dry_run)]
