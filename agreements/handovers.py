"""Whose turn it is in an agreement's life: the notices each hand-over sends (called by one line in
the services) and the agreement items on a person's "Att göra" (registered in AppConfig.ready)."""

from functools import partial

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.handovers import TodoItem, notify_handover, people
from samverkan.models import Membership, User
from samverkan.tenancy import EDITOR_ROLES, LEADER_ROLES, Viewer

from .models import Agreement, AgreementParty, Comment, Signature

Status = Agreement.Status
Role = Membership.Role
#: Who is told of an invitation and accepts it for their organisation.
INVITEES = EDITOR_ROLES
#: Who gives a remissvar for their organisation: its editors and its leadership.
COMMENTERS = EDITOR_ROLES | LEADER_ROLES


def _parties(agreement: Agreement) -> list[AgreementParty]:
    return list(
        AgreementParty.all_objects.filter(agreement=agreement).select_related("organization", "signatory", "signature")
    )


def _author(parties: list[AgreementParty]) -> AgreementParty:
    """The party that drafted the agreement: the first one (create_agreement adds it first)."""
    return min(parties, key=lambda p: (p.order, p.pk))


def party_invited(party: AgreementParty, *, actor: User | None) -> None:
    """An organisation is invited: its samordnare and kontaktpersoner are asked to accept."""
    agreement = party.agreement
    notify_handover(
        people([party.organization_id], INVITEES, exclude=actor),
        kind="agreement_invited",
        subject_key=f"agreement:{agreement.pk}:party:{party.pk}",
        period_key="inbjuden",
        title=lambda: _("%(org)s är inbjuden till en överenskommelse") % {"org": party.organization},
        body=lambda: (
            _("Ni är inbjudna att delta i %(title)s. Läs utkastet och acceptera att delta.")
            % {"title": agreement.title}
        ),
        url=agreement.get_absolute_url() + "#parter",
    )


def remiss_requested(agreement: Agreement, *, actor: User | None) -> None:
    """The agreement went out on remiss: every party's commenters are asked for a remissvar."""
    parties = _parties(agreement)
    notify_handover(
        people([p.organization_id for p in parties], COMMENTERS, exclude=actor),
        kind="remiss_requested",
        subject_key=f"agreement:{agreement.pk}",
        period_key=f"remiss:v{agreement.version}",
        title=lambda: _("Remiss: %(title)s") % {"title": agreement.title},
        body=lambda: _("Överenskommelsen är på remiss. Lämna er organisations synpunkter på utkastet."),
        url=agreement.get_absolute_url() + "#remiss",
    )


def remiss_answered(comment: Comment, *, actor: User | None) -> None:
    """A party gave its remissvar: the drafting organisation's samordnare are told."""
    agreement = comment.agreement
    author = _author(_parties(agreement))
    notify_handover(
        people([author.organization_id], [Role.SAMORDNARE], exclude=actor),
        kind="remiss_answered",
        subject_key=f"agreement:{agreement.pk}:comment:{comment.pk}",
        period_key="remissvar",
        title=lambda: _("Remissvar från %(org)s") % {"org": comment.organization},
        body=lambda: (
            _("%(org)s har lämnat synpunkter på %(title)s.") % {"org": comment.organization, "title": agreement.title}
        ),
        url=agreement.get_absolute_url() + "#remiss",
    )


def _waiting_for_signature(organization: object) -> str:
    return _("Överenskommelsen väntar på din underskrift för %(org)s.") % {"org": organization}


def signatures_requested(agreement: Agreement, *, actor: User | None) -> None:
    """The agreement went för underskrift: each named signatory is asked to sign."""
    for party in _parties(agreement):
        if party.signatory is None or not party.signatory.is_active:
            continue
        waiting = partial(_waiting_for_signature, party.organization)
        notify_handover(
            [party.signatory],
            kind="signature_requested",
            subject_key=f"agreement:{agreement.pk}:party:{party.pk}",
            period_key=f"sign:v{agreement.version}",
            title=lambda: _("Skriv under: %(title)s") % {"title": agreement.title},
            body=waiting,
            url=reverse("agreement_sign", args=[agreement.uuid]),
        )


def signature_arrived(signature: Signature, *, actor: User | None) -> None:
    """A party signed and others have not yet: those still to sign and the drafting organisation's
    samordnare hear who signed and whom it waits for. (The last signature makes the agreement
    gällande, which `in_force` tells everyone.)"""
    agreement = signature.agreement
    parties = _parties(agreement)
    waiting = [p for p in parties if not hasattr(p, "signature") and p.pk != signature.party_id]
    if not waiting:
        return
    recipients = {p.signatory for p in waiting if p.signatory is not None and p.signatory.is_active}
    recipients.update(people([_author(parties).organization_id], [Role.SAMORDNARE]))
    if actor is not None:
        recipients.discard(actor)
    names = ", ".join(str(p.organization) for p in waiting)
    notify_handover(
        sorted(recipients, key=lambda u: u.pk),
        kind="signature_arrived",
        subject_key=f"agreement:{agreement.pk}:signature:{signature.pk}",
        period_key="underskrift",
        title=lambda: _("%(org)s har skrivit under") % {"org": signature.party.organization},
        body=lambda: (
            _("%(name)s har skrivit under %(title)s för %(org)s; nu väntar %(waiting)s.")
            % {
                "name": signature.signer_name,
                "title": agreement.title,
                "org": signature.party.organization,
                "waiting": names,
            }
        ),
        url=agreement.get_absolute_url(),
    )


def in_force(agreement: Agreement, *, actor: User | None) -> None:
    """Every party has signed: everyone with a role in a party is told the agreement is gällande."""
    notify_handover(
        people([p.organization_id for p in _parties(agreement)]),
        kind="agreement_in_force",
        subject_key=f"agreement:{agreement.pk}",
        period_key="gallande",
        title=lambda: _("Överenskommelsen gäller: %(title)s") % {"title": agreement.title},
        body=lambda: (
            _("Alla parter har skrivit under %(title)s (%(period)s).")
            % {"title": agreement.title, "period": agreement.period_label}
        ),
        url=agreement.get_absolute_url(),
    )


# --- Att göra -----------------------------------------------------------------------------


def todo_for(user: User, viewer: Viewer) -> list[TodoItem]:
    """Invitations to accept, remissvar to give and signatures to make: the parties concerned in
    one query, sorted into the three kinds here."""
    invitee_orgs = viewer.org_ids_with_role(INVITEES)
    commenter_orgs = viewer.org_ids_with_role(COMMENTERS)
    ended = [Status.UPPHORT, Status.ERSATT]
    invited = Q(organization_id__in=invitee_orgs, accepted_at__isnull=True) & ~Q(agreement__status__in=ended)
    remiss = Q(organization_id__in=commenter_orgs, agreement__status=Status.REMISS, answered=False)
    to_sign = Q(signatory_id=user.pk, agreement__status=Status.FOR_UNDERSKRIFT, signed=False)
    answered = Comment.all_objects.filter(agreement=OuterRef("agreement"), organization=OuterRef("organization"))
    parties = list(
        AgreementParty.objects.annotate(
            answered=Exists(answered), signed=Exists(Signature.all_objects.filter(party=OuterRef("pk")))
        )
        .filter(invited | remiss | to_sign)
        .select_related("agreement", "organization")
    )
    items = []
    for party in parties:  # the same conditions as in the query, each kind in turn
        status = party.agreement.status
        if party.organization_id in invitee_orgs and party.accepted_at is None and status not in ended:
            items.append(
                TodoItem(
                    action=_("Acceptera att delta"),
                    title=party.agreement.title,
                    url=party.agreement.get_absolute_url() + "#parter",
                    detail=_("%(org)s är inbjuden som part.") % {"org": party.organization},
                )
            )
    for party in parties:
        if party.organization_id in commenter_orgs and party.agreement.status == Status.REMISS and not party.answered:
            items.append(
                TodoItem(
                    action=_("Lämna remissvar"),
                    title=party.agreement.title,
                    url=party.agreement.get_absolute_url() + "#remiss",
                    detail=_("För %(org)s.") % {"org": party.organization},
                )
            )
    for party in parties:
        if party.signatory_id == user.pk and party.agreement.status == Status.FOR_UNDERSKRIFT and not party.signed:
            items.append(
                TodoItem(
                    action=_("Skriv under"),
                    title=party.agreement.title,
                    url=reverse("agreement_sign", args=[party.agreement.uuid]),
                    detail=_("För %(org)s.") % {"org": party.organization},
                )
            )
    return items
