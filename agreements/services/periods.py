"""Dates rule an agreement's status. An agreement signed before its start date is undertecknad
until that day and then gällande; past its end date it has upphört, unless its renewal rule says
it runs on (förlängs tills vidare). The daily job (`followup.periods`) finds what is due and calls
these services; each checks again under a row lock, so a second run changes nothing."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.errors import DomainError
from samverkan.models import User
from samverkan.numbers import format_date

from .. import handovers
from ..models import Agreement
from .lifecycle import _set_status, replace_previous

Status = Agreement.Status


def end_of_day(day: date) -> datetime:
    """The last minute of `day` in the local time zone: when a period that ends that day ends."""
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def due_to_start(today: date) -> QuerySet[Agreement]:
    """Signed agreements whose start date has come."""
    return Agreement.objects.filter(status=Status.UNDERTECKNAD, period_start__lte=today)


def due_to_end(today: date) -> QuerySet[Agreement]:
    """Agreements in force past their end date whose renewal rule does not let them run on."""
    return Agreement.objects.filter(status=Status.GALLANDE, period_end__lt=today).exclude(
        renewal=Agreement.Renewal.CONTINUES
    )


@transaction.atomic
def enter_into_force(agreement: Agreement, *, actor: User | None, today: date) -> Agreement:
    """Undertecknad → gällande on the start date; the version it revises is replaced then."""
    agreement = Agreement.all_objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != Status.UNDERTECKNAD:
        raise DomainError(_("Bara en undertecknad överenskommelse kan börja gälla."))
    if agreement.period_start > today:
        raise DomainError(
            _("Överenskommelsen gäller först från %(day)s.") % {"day": format_date(agreement.period_start)}
        )
    _set_status(agreement, actor, Status.GALLANDE)
    replace_previous(agreement, actor=actor, ended_at=end_of_day(agreement.period_start - timedelta(days=1)))
    handovers.in_force(agreement, actor=actor)
    return agreement


@transaction.atomic
def end_at_period_end(agreement: Agreement, *, actor: User | None, today: date) -> Agreement:
    """Gällande → upphört after the end date, recorded as ending on that date."""
    agreement = Agreement.all_objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != Status.GALLANDE:
        raise DomainError(_("Bara en gällande överenskommelse kan upphöra."))
    if agreement.period_end >= today:
        raise DomainError(
            _("Överenskommelsen gäller till och med %(day)s.") % {"day": format_date(agreement.period_end)}
        )
    if agreement.renewal == Agreement.Renewal.CONTINUES:
        raise DomainError(_("Överenskommelsen förlängs tills vidare tills en ny tecknas."))
    return _set_status(agreement, actor, Status.UPPHORT, ended_at=end_of_day(agreement.period_end))
