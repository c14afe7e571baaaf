"""Drafting an agreement: its text, parties, focus areas and commitments, while it is editable."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild.models import Problem
from samverkan.concurrency import create_editable, save_if_unchanged
from samverkan.errors import DomainError
from samverkan.history import acting_as
from samverkan.models import Organization, User
from samverkan.tenancy import may_sign_for

from .. import handovers
from ..models import Agreement, AgreementParty, Commitment, FocusArea, SectionItem

Status = Agreement.Status


def _ensure_editable(agreement: Agreement) -> None:
    if not agreement.is_editable:
        if agreement.status == Status.GALLANDE:
            raise DomainError(_("En gällande överenskommelse ändras inte. Föreslå en revidering i stället."))
        if agreement.status == Status.FOR_UNDERSKRIFT:
            raise DomainError(
                _("Överenskommelsen är skickad för underskrift. Ta tillbaka den till utkast för att ändra den.")
            )
        raise DomainError(_("Överenskommelsen har upphört eller ersatts och kan inte ändras."))


@transaction.atomic
def create_agreement(
    organization: Organization,
    *,
    actor: User | None,
    title: str,
    period_start: date,
    period_end: date,
    **fields: Any,
) -> Agreement:
    """Start a draft with `organization` as its first party (which has accepted, being the author)."""
    if period_end < period_start:
        raise DomainError(_("Periodens slutdatum kan inte vara före startdatum."))
    if set(fields) - set(Agreement.editable_fields):
        raise TypeError(f"Not editable: {sorted(set(fields) - set(Agreement.editable_fields))}")
    with acting_as(actor):
        agreement = Agreement.objects.create(title=title, period_start=period_start, period_end=period_end, **fields)
        AgreementParty.objects.create(agreement=agreement, organization=organization, accepted_at=timezone.now())
    return agreement


@transaction.atomic
def update_agreement(
    agreement: Agreement,
    *,
    actor: User | None,
    expected_version: int | None,
    items: dict[str, Sequence[str]] | None = None,
    **fields: Any,
) -> Agreement:
    """Change the text of a draft (or one on remiss) and, with `items`, its bullet lists by section;
    refuses when someone else saved in between."""
    _ensure_editable(agreement)
    if fields.get("period_end", agreement.period_end) < fields.get("period_start", agreement.period_start):
        raise DomainError(_("Periodens slutdatum kan inte vara före startdatum."))
    with acting_as(actor):
        save_if_unchanged(agreement, expected_version=expected_version, fields=fields)
    for section, texts in (items or {}).items():
        set_items(agreement, actor=actor, section=section, texts=texts)
    return agreement


@transaction.atomic
def set_items(agreement: Agreement, *, actor: User | None, section: str, texts: Sequence[str]) -> None:
    """Replace one of the agreement's bullet lists (utgångspunkter, modellsteg, vision)."""
    _ensure_editable(agreement)
    with acting_as(actor):
        SectionItem.objects.filter(agreement=agreement, section=section).delete()
        for order, text in enumerate(t.strip() for t in texts if t.strip()):
            SectionItem.objects.create(agreement=agreement, section=section, text=text, order=order)


def check_signatory(organization: Organization, signatory: User | None) -> None:
    """Only someone who holds the authority to sign for the organisation (its leadership) is named
    signatory or signs; checked when named and again when signing."""
    if signatory is not None and not may_sign_for(signatory, organization):
        raise DomainError(
            _("%(name)s har inte behörighet att skriva under för %(org)s; det har bara ledningen.")
            % {"name": signatory, "org": organization}
        )


@transaction.atomic
def add_party(
    agreement: Agreement,
    *,
    actor: User | None,
    organization: Organization,
    signatory: User | None = None,
    signatory_title: str = "",
) -> AgreementParty:
    """Invite another organisation to the agreement; it takes part once it accepts."""
    _ensure_editable(agreement)
    if AgreementParty.all_objects.filter(agreement=agreement, organization=organization).exists():
        raise DomainError(_("%(org)s är redan part i överenskommelsen.") % {"org": organization})
    check_signatory(organization, signatory)
    with acting_as(actor):
        order = AgreementParty.all_objects.filter(agreement=agreement).count()
        party = AgreementParty.objects.create(
            agreement=agreement,
            organization=organization,
            signatory=signatory,
            signatory_title=signatory_title,
            order=order,
        )
    handovers.party_invited(party, actor=actor)
    return party


@transaction.atomic
def update_party(
    party: AgreementParty,
    *,
    actor: User | None,
    expected_version: int | None,
    signatory: User | None,
    signatory_title: str,
) -> AgreementParty:
    """Name who signs for a party and with which title."""
    _ensure_editable(party.agreement)
    check_signatory(party.organization, signatory)
    with acting_as(actor):
        save_if_unchanged(
            party,
            expected_version=expected_version,
            fields={"signatory": signatory, "signatory_title": signatory_title},
        )
    return party


@transaction.atomic
def accept_participation(party: AgreementParty, *, actor: User | None) -> AgreementParty:
    """The invited organisation agrees to take part; from now on the parties read each other's
    lägesbilder."""
    if party.agreement.status in (Status.UPPHORT, Status.ERSATT):
        raise DomainError(_("Överenskommelsen har upphört."))
    with acting_as(actor):
        if party.accepted_at is None:
            party.accepted_at = timezone.now()
            party.save()
    return party


@transaction.atomic
def remove_party(party: AgreementParty, *, actor: User | None) -> None:
    """Take an organisation off a draft."""
    agreement = party.agreement
    _ensure_editable(agreement)
    if AgreementParty.all_objects.filter(agreement=agreement).count() <= 1:
        raise DomainError(_("En överenskommelse måste ha minst en part."))
    with acting_as(actor):
        party.delete()


def _check_problems(agreement: Agreement, problems: Iterable[Problem]) -> list[Problem]:
    problems = list(problems)
    party_orgs = set(AgreementParty.all_objects.filter(agreement=agreement).values_list("organization_id", flat=True))
    if any(p.lagesbild.organization_id not in party_orgs for p in problems):
        raise DomainError(_("Fokusområden kan bara bygga på problem i parternas lägesbilder."))
    return problems


@transaction.atomic
def add_focus_area(
    agreement: Agreement, *, actor: User | None, problems: Iterable[Problem] = (), **fields: Any
) -> FocusArea:
    """Add a focus area last, linked to the prioritised problems behind it."""
    _ensure_editable(agreement)
    fields["problems"] = _check_problems(agreement, problems)
    with acting_as(actor):
        order = FocusArea.all_objects.filter(agreement=agreement).count()
        return create_editable(FocusArea, fields, agreement=agreement, order=order)


@transaction.atomic
def update_focus_area(area: FocusArea, *, actor: User | None, expected_version: int | None, **fields: Any) -> FocusArea:
    """Change a focus area and the problems behind it."""
    _ensure_editable(area.agreement)
    if "problems" in fields:
        fields["problems"] = _check_problems(area.agreement, fields["problems"])
    with acting_as(actor):
        save_if_unchanged(area, expected_version=expected_version, fields=fields)
    return area


@transaction.atomic
def delete_focus_area(area: FocusArea, *, actor: User | None) -> None:
    """Remove a focus area from a draft."""
    _ensure_editable(area.agreement)
    with acting_as(actor):
        area.delete()


@transaction.atomic
def add_commitment(agreement: Agreement, *, actor: User | None, **fields: Any) -> Commitment:
    """Add what a party commits to."""
    _ensure_editable(agreement)
    with acting_as(actor):
        order = Commitment.all_objects.filter(agreement=agreement).count()
        return create_editable(Commitment, fields, agreement=agreement, order=order)


@transaction.atomic
def update_commitment(
    commitment: Commitment, *, actor: User | None, expected_version: int | None, **fields: Any
) -> Commitment:
    """Change a commitment."""
    _ensure_editable(commitment.agreement)
    with acting_as(actor):
        save_if_unchanged(commitment, expected_version=expected_version, fields=fields)
    return commitment


@transaction.atomic
def delete_commitment(commitment: Commitment, *, actor: User | None) -> None:
    """Remove a commitment from a draft."""
    _ensure_editable(commitment.agreement)
    with acting_as(actor):
        commitment.delete()
