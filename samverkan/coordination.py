"""The kommun's samordningsfunktion and the cycle it renews its duties by (Lag 2023:196): who
coordinates the work, from when, and how often the lägesbild, the åtgärdsplan and the follow-up are
renewed. Callers have checked that `actor` may make the change (tenancy)."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from .concurrency import save_if_unchanged
from .errors import ConflictError, DomainError
from .history import acting_as
from .models import DutyCycle, Membership, Organization, Samordningsfunktion, User


def _ensure_kommun(organization: Organization) -> None:
    if organization.kind != Organization.Kind.KOMMUN:
        raise DomainError(_("Bara en kommun har skyldigheterna enligt lagen (2023:196)."))


@transaction.atomic
def appoint_samordningsfunktion(
    organization: Organization,
    *,
    actor: User | None,
    role_title: str,
    from_date: date,
    people: Iterable[User] = (),
    decided_by: str = "",
    diarienummer: str = "",
    paragraph: str = "",
) -> Samordningsfunktion:
    """Name the kommun's samordningsfunktion from `from_date`: a role and, when decided, the people
    in it (members of the kommun). The earlier appointment stays in the record."""
    _ensure_kommun(organization)
    people = list(people)
    members = set(Membership.objects.filter(organization=organization).values_list("user_id", flat=True))
    if any(person.pk not in members for person in people):
        raise DomainError(
            _("Bara personer i kommunen kan ingå i samordningsfunktionen."), {"people": _("Välj personer i kommunen.")}
        )
    if not role_title.strip():
        raise DomainError(_("Ange funktionen."), {"role_title": _("Ange funktionen.")})
    with acting_as(actor):
        appointment = Samordningsfunktion.objects.create(
            organization=organization,
            role_title=role_title.strip(),
            from_date=from_date,
            decided_by=decided_by.strip(),
            diarienummer=diarienummer.strip(),
            paragraph=paragraph.strip(),
        )
        appointment.people.set(people)
    return appointment


def current_samordningsfunktioner(
    org_ids: Iterable[int], today: date, *, people: bool = True
) -> dict[int, Samordningsfunktion]:
    """Each kommun's samordningsfunktion in force on `today` (the latest that has begun), in two
    queries whatever the number of kommuner (one without its `people`)."""
    current: dict[int, Samordningsfunktion] = {}
    appointments = Samordningsfunktion.objects.filter(organization_id__in=list(org_ids), from_date__lte=today).order_by(
        "organization_id", "-from_date", "-pk"
    )
    if people:
        appointments = appointments.prefetch_related("people")
    for appointment in appointments:
        current.setdefault(appointment.organization_id, appointment)
    return current


def cycle_of(organization: Organization) -> DutyCycle:
    """The kommun's cycle, or the defaults (unsaved) when it has set none."""
    return DutyCycle.objects.filter(organization=organization).first() or DutyCycle(organization=organization)


def cycles_of(org_ids: Iterable[int]) -> dict[int, DutyCycle]:
    """Each kommun's cycle, the defaults for those that set none, in one query."""
    ids = list(org_ids)
    cycles = {cycle.organization_id: cycle for cycle in DutyCycle.objects.filter(organization_id__in=ids)}
    return {org_id: cycles.get(org_id) or DutyCycle(organization_id=org_id) for org_id in ids}


@transaction.atomic
def set_duty_cycle(cycle: DutyCycle, *, actor: User | None, expected_version: int | None, **fields: Any) -> DutyCycle:
    """Change how often the kommun renews its duties; refuses when someone else saved in between."""
    _ensure_kommun(cycle.organization)
    with acting_as(actor):
        if cycle.pk is None:
            # The first change of the defaults creates the row; if someone else created it since
            # the page was loaded, that is a conflict like any other.
            cycle, created = DutyCycle.objects.get_or_create(organization=cycle.organization)
            if not created:
                raise ConflictError
            expected_version = cycle.version
        save_if_unchanged(cycle, expected_version=expected_version, fields=fields)
    return cycle
