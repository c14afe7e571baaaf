"""Every change to an agreement: drafting, parties, remiss, signing, revisions. Callers have
checked through the tenancy module that `actor` may see the agreement; rules about who may do
what to it live here because they depend on the agreement's state."""

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lagesbild.models import Problem
from samverkan.concurrency import save_if_unchanged
from samverkan.errors import DomainError
from samverkan.history import acting_as
from samverkan.models import Membership, Organization, User
from samverkan.sealed import queue_seal
from samverkan.tenancy import SIGNING_ROLES, may_sign_for

from .models import Agreement, AgreementParty, Comment, Commitment, FocusArea, SectionItem, Signature

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


# --- Drafting ------------------------------------------------------------------------------


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


# --- Parties -------------------------------------------------------------------------------


def _check_signatory(organization: Organization, signatory: User | None) -> None:
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
    _check_signatory(organization, signatory)
    with acting_as(actor):
        order = AgreementParty.all_objects.filter(agreement=agreement).count()
        return AgreementParty.objects.create(
            agreement=agreement,
            organization=organization,
            signatory=signatory,
            signatory_title=signatory_title,
            order=order,
        )


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
    _check_signatory(party.organization, signatory)
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


# --- Focus areas and commitments -----------------------------------------------------------


def _check_problems(agreement: Agreement, problems: Iterable[Problem]) -> list[Problem]:
    problems = list(problems)
    party_orgs = set(AgreementParty.all_objects.filter(agreement=agreement).values_list("organization_id", flat=True))
    if any(p.lagesbild.organization_id not in party_orgs for p in problems):
        raise DomainError(_("Fokusområden kan bara bygga på problem i parternas lägesbilder."))
    return problems


@transaction.atomic
def add_focus_area(
    agreement: Agreement, *, actor: User | None, title: str, description: str = "", problems: Iterable[Problem] = ()
) -> FocusArea:
    """Add a focus area last, linked to the prioritised problems behind it."""
    _ensure_editable(agreement)
    problems = _check_problems(agreement, problems)
    with acting_as(actor):
        order = FocusArea.all_objects.filter(agreement=agreement).count()
        area = FocusArea.objects.create(agreement=agreement, title=title, description=description, order=order)
        area.problems.set(problems)
    return area


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
def add_commitment(agreement: Agreement, *, actor: User | None, who: str, text: str) -> Commitment:
    """Add what a party commits to."""
    _ensure_editable(agreement)
    with acting_as(actor):
        order = Commitment.all_objects.filter(agreement=agreement).count()
        return Commitment.objects.create(agreement=agreement, who=who, text=text, order=order)


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


# --- Lifecycle -----------------------------------------------------------------------------


def readiness_problems(agreement: Agreement) -> list[str]:
    """What stops the agreement from going out for signature, in words a person understands."""
    parties = list(AgreementParty.all_objects.filter(agreement=agreement).select_related("organization"))
    problems = []
    if not any(p.organization.is_police for p in parties):
        problems.append(_("Minst en part ska vara Polisen (lokalpolisområde eller polisregion)."))
    if not any(p.organization.kind == Organization.Kind.KOMMUN for p in parties):
        problems.append(_("Minst en part ska vara en kommun."))
    for party in parties:
        if party.accepted_at is None:
            problems.append(_("%(org)s har inte accepterat att delta.") % {"org": party.organization})
        if party.signatory_id is None:
            problems.append(_("%(org)s saknar undertecknare.") % {"org": party.organization})
    if not FocusArea.all_objects.filter(agreement=agreement).exists():
        problems.append(_("Överenskommelsen saknar fokusområden."))
    return problems


def focus_areas_without_problems(agreement: Agreement) -> list[FocusArea]:
    """Focus areas with no prioritised lägesbild problem behind them, to be flagged."""
    return list(FocusArea.all_objects.filter(agreement=agreement, problems__isnull=True).order_by("order"))


@transaction.atomic
def send_for_comment(agreement: Agreement, *, actor: User | None) -> Agreement:
    """Utkast → på remiss: the parties comment on the draft."""
    if agreement.status != Status.UTKAST:
        raise DomainError(_("Bara ett utkast kan skickas på remiss."))
    if AgreementParty.all_objects.filter(agreement=agreement).count() < 2:
        raise DomainError(_("Lägg till minst en part till innan överenskommelsen skickas på remiss."))
    return _set_status(agreement, actor, Status.REMISS)


@transaction.atomic
def add_comment(agreement: Agreement, *, actor: User, organization: Organization, text: str) -> Comment:
    """A party's remissvar."""
    if agreement.status != Status.REMISS:
        raise DomainError(_("Synpunkter lämnas medan överenskommelsen är på remiss."))
    if not AgreementParty.all_objects.filter(agreement=agreement, organization=organization).exists():
        raise DomainError(_("Bara parterna lämnar remissvar."))
    if not text.strip():
        raise DomainError(_("Skriv en synpunkt."))
    with acting_as(actor):
        return Comment.objects.create(agreement=agreement, organization=organization, author=actor, text=text.strip())


@transaction.atomic
def send_for_signature(agreement: Agreement, *, actor: User | None) -> Agreement:
    """Utkast or på remiss → för underskrift, once every party has accepted and has a signatory."""
    if agreement.status not in Agreement.EDITABLE:
        raise DomainError(_("Bara ett utkast eller en överenskommelse på remiss kan skickas för underskrift."))
    problems = readiness_problems(agreement)
    if problems:
        raise DomainError(_("Överenskommelsen kan inte skickas för underskrift än: ") + " ".join(problems))
    return _set_status(agreement, actor, Status.FOR_UNDERSKRIFT)


@transaction.atomic
def return_to_draft(agreement: Agreement, *, actor: User | None) -> Agreement:
    """För underskrift or på remiss → utkast; signatures given so far are withdrawn, because the
    text they signed may now change."""
    if agreement.status not in (Status.FOR_UNDERSKRIFT, Status.REMISS):
        raise DomainError(_("Överenskommelsen kan inte tas tillbaka till utkast nu."))
    with acting_as(actor):
        Signature.all_objects.filter(agreement=agreement).delete()
    return _set_status(agreement, actor, Status.UTKAST)


def _set_status(agreement: Agreement, actor: User | None, status: str, **extra: Any) -> Agreement:
    with acting_as(actor):
        agreement.status = status
        for name, value in extra.items():
            setattr(agreement, name, value)
        agreement.version += 1
        agreement.save()
    return agreement


@transaction.atomic
def sign_agreement(agreement: Agreement, *, party: AgreementParty, actor: User) -> Signature:
    """The party's designated signatory signs (the caller has re-authenticated them). When the
    last party has signed, the agreement becomes active, replaces its previous version, and its
    PDF is rendered and sealed."""
    agreement = Agreement.all_objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != Status.FOR_UNDERSKRIFT:
        raise DomainError(_("Överenskommelsen är inte skickad för underskrift."))
    if party.agreement_id != agreement.pk:
        raise DomainError(_("Parten hör inte till överenskommelsen."))
    if party.signatory_id != actor.pk:
        raise DomainError(_("Du är inte utsedd att skriva under för %(org)s.") % {"org": party.organization})
    if Signature.all_objects.filter(party=party).exists():
        raise DomainError(_("%(org)s har redan skrivit under.") % {"org": party.organization})
    # Checked again now: the signatory may have lost the authority since being named.
    _check_signatory(party.organization, actor)
    role = (
        Membership.objects.filter(user=actor, organization=party.organization, role__in=SIGNING_ROLES)
        .values_list("role", flat=True)
        .first()
    )
    now = timezone.now()
    with acting_as(actor):
        signature = Signature.objects.create(
            agreement=agreement,
            party=party,
            signed_by=actor,
            signer_name=actor.full_name,
            signer_title=party.signatory_title or actor.title,
            role=role or "",
            signed_at=now,
        )
    unsigned = AgreementParty.all_objects.filter(agreement=agreement, signature__isnull=True).exists()
    if not unsigned:
        _activate(agreement, actor, now)
    return signature


def _activate(agreement: Agreement, actor: User, now: Any) -> None:
    extra: dict[str, Any] = {"activated_at": now}
    if agreement.starts_on_signing:
        extra["period_start"] = timezone.localdate(now)
        if extra["period_start"] > agreement.period_end:
            extra["period_start"] = agreement.period_end
    _set_status(agreement, actor, Status.GALLANDE, **extra)
    if agreement.previous_id:
        previous = Agreement.all_objects.get(pk=agreement.previous_id)
        _set_status(previous, actor, Status.ERSATT, ended_at=now)
    queue_seal(agreement)


@transaction.atomic
def end_agreement(agreement: Agreement, *, actor: User | None) -> Agreement:
    """Gällande → upphört."""
    if agreement.status != Status.GALLANDE:
        raise DomainError(_("Bara en gällande överenskommelse kan upphöra."))
    return _set_status(agreement, actor, Status.UPPHORT, ended_at=timezone.now())


@transaction.atomic
def propose_revision(agreement: Agreement, *, actor: User | None) -> Agreement:
    """Start the next version of an active agreement as a draft that carries over all its content.
    The active version stays in force until the revision is signed."""
    if agreement.status != Status.GALLANDE:
        raise DomainError(_("Bara en gällande överenskommelse revideras."))
    if Agreement.all_objects.filter(previous=agreement).exists():
        raise DomainError(_("Det finns redan en revidering på gång av den här överenskommelsen."))
    with acting_as(actor):
        new = Agreement.objects.create(
            series=agreement.series,
            revision=agreement.revision + 1,
            previous=agreement,
            **{name: getattr(agreement, name) for name in Agreement.editable_fields},
        )
        for party in AgreementParty.all_objects.filter(agreement=agreement):
            AgreementParty.objects.create(
                agreement=new,
                organization_id=party.organization_id,
                signatory_id=party.signatory_id,
                signatory_title=party.signatory_title,
                accepted_at=party.accepted_at,
                order=party.order,
            )
        for item in SectionItem.all_objects.filter(agreement=agreement):
            SectionItem.objects.create(agreement=new, section=item.section, text=item.text, order=item.order)
        for area in FocusArea.all_objects.filter(agreement=agreement).prefetch_related("problems"):
            copy = FocusArea.objects.create(
                agreement=new, title=area.title, description=area.description, order=area.order
            )
            copy.problems.set(area.problems.all())
        for commitment in Commitment.all_objects.filter(agreement=agreement):
            Commitment.objects.create(agreement=new, who=commitment.who, text=commitment.text, order=commitment.order)
    return new


# --- Reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionDiff:
    label: str
    html: SafeString


def _lines(agreement: Agreement) -> dict[str, str]:
    """The agreement as labelled blocks of text, for comparing versions."""
    blocks: dict[str, str] = {}
    for name in Agreement.editable_fields:
        field = Agreement._meta.get_field(name)
        value = getattr(agreement, name)
        if hasattr(agreement, f"get_{name}_display"):
            value = getattr(agreement, f"get_{name}_display")()
        blocks[str(getattr(field, "verbose_name", name)).capitalize()] = "" if value is None else str(value)
    parties = AgreementParty.all_objects.filter(agreement=agreement).select_related("organization", "signatory")
    blocks[_("Parter")] = "\n".join(
        f"{p.organization} – {p.signatory or '–'}, {p.signatory_title or '–'}" for p in parties
    )
    for section in SectionItem.Section:
        items = SectionItem.all_objects.filter(agreement=agreement, section=section).values_list("text", flat=True)
        blocks[str(section.label)] = "\n".join(items)
    blocks[_("Fokusområden")] = "\n".join(
        f"{a.title}: {a.description}" for a in FocusArea.all_objects.filter(agreement=agreement)
    )
    blocks[_("Åtaganden")] = "\n".join(
        f"{c.get_who_display()}: {c.text}" for c in Commitment.all_objects.filter(agreement=agreement)
    )
    return blocks


def _word_diff(old: str, new: str) -> SafeString:
    old_words, new_words = old.split(" "), new.split(" ")
    out: list[str] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            out.append(f"<del>{escape(' '.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            out.append(f"<ins>{escape(' '.join(new_words[b1:b2]))}</ins>")
    return mark_safe(" ".join(out).replace("\n", "<br>"))  # noqa: S308 - every piece of text is escaped above


def revision_diff(agreement: Agreement) -> list[SectionDiff]:
    """What changed in this version against the previous one, section by section."""
    if agreement.previous_id is None:
        return []
    previous = Agreement.all_objects.get(pk=agreement.previous_id)
    old, new = _lines(previous), _lines(agreement)
    return [
        SectionDiff(label, _word_diff(old.get(label, ""), text))
        for label, text in new.items()
        if old.get(label, "") != text
    ]
