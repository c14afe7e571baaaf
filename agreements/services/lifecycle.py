"""An agreement's lifecycle: remiss, signing and the sealed PDF, ending, revisions and the diff
between versions."""

import difflib
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from samverkan.errors import DomainError
from samverkan.history import acting_as
from samverkan.models import Membership, Organization, User
from samverkan.sealed import queue_seal
from samverkan.tenancy import SIGNING_ROLES

from .. import handovers
from ..models import Agreement, AgreementParty, Comment, Commitment, FocusArea, SectionItem, Signature
from ..signals import agreement_replaced
from .drafting import check_signatory

Status = Agreement.Status


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
    agreement = _set_status(agreement, actor, Status.REMISS)
    handovers.remiss_requested(agreement, actor=actor)
    return agreement


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
        comment = Comment.objects.create(
            agreement=agreement, organization=organization, author=actor, text=text.strip()
        )
    handovers.remiss_answered(comment, actor=actor)
    return comment


@transaction.atomic
def send_for_signature(agreement: Agreement, *, actor: User | None) -> Agreement:
    """Utkast or på remiss → för underskrift, once every party has accepted and has a signatory."""
    if agreement.status not in Agreement.EDITABLE:
        raise DomainError(_("Bara ett utkast eller en överenskommelse på remiss kan skickas för underskrift."))
    problems = readiness_problems(agreement)
    if problems:
        raise DomainError(_("Överenskommelsen kan inte skickas för underskrift än: ") + " ".join(problems))
    agreement = _set_status(agreement, actor, Status.FOR_UNDERSKRIFT)
    handovers.signatures_requested(agreement, actor=actor)
    return agreement


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
    check_signatory(party.organization, actor)
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
    handovers.signature_arrived(signature, actor=actor)
    unsigned = AgreementParty.all_objects.filter(agreement=agreement, signature__isnull=True).exists()
    if not unsigned:
        _activate(agreement, actor, now)
    return signature


def _activate(agreement: Agreement, actor: User, now: Any) -> None:
    """Every party has signed: in force now, or – signed before its start date – undertecknad
    until the daily job (agreements.services.periods) brings it into force on that date."""
    extra: dict[str, Any] = {"activated_at": now}
    if agreement.starts_on_signing:
        extra["period_start"] = timezone.localdate(now)
        if extra["period_start"] > agreement.period_end:
            extra["period_start"] = agreement.period_end
    if extra.get("period_start", agreement.period_start) > timezone.localdate(now):
        _set_status(agreement, actor, Status.UNDERTECKNAD, **extra)
    else:
        _set_status(agreement, actor, Status.GALLANDE, **extra)
        replace_previous(agreement, actor=actor, ended_at=now)
        handovers.in_force(agreement, actor=actor)
    queue_seal(agreement)


def replace_previous(agreement: Agreement, *, actor: User | None, ended_at: Any) -> None:
    """The version this one revises is replaced from the day this one comes into force."""
    if agreement.previous_id:
        previous = Agreement.all_objects.get(pk=agreement.previous_id)
        if previous.status == Status.GALLANDE:
            _set_status(previous, actor, Status.ERSATT, ended_at=ended_at)
            # Del 2 moves to the version in force (medborgarloften listens; imports only run down).
            agreement_replaced.send(sender=Agreement, agreement=agreement, previous=previous, actor=actor, now=ended_at)


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
                agreement=new, series=area.series, title=area.title, description=area.description, order=area.order
            )
            copy.problems.set(area.problems.all())
        for commitment in Commitment.all_objects.filter(agreement=agreement):
            Commitment.objects.create(agreement=new, who=commitment.who, text=commitment.text, order=commitment.order)
    return new


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
