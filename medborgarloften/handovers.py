"""Whose turn it is with a medborgarlöfte: the notices when one side signs, when the promise is in
force and when it is published (called by one line in the services), and the promises to sign on a
leader's "Att göra" (registered in AppConfig.ready)."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.handovers import TodoItem, notify_handover, people
from samverkan.models import User
from samverkan.tenancy import EDITOR_ROLES, LEADER_ROLES, Viewer

from .models import Activity, LofteSignature, Medborgarlofte

#: Who is told that a promise is in force or published: those who carry it out and sign it.
WORKERS = EDITOR_ROLES | LEADER_ROLES


def lofte_signed(signature: LofteSignature, *, actor: User | None) -> None:
    """One side signed: while the other side has not, its leadership is asked to sign; when both
    have, everyone working with the promise on both sides is told it is in force."""
    lofte = signature.lofte
    sides = {lofte.plan.organization_id, lofte.police_area_id}
    if lofte.status == Medborgarlofte.Status.GALLANDE:
        notify_handover(
            people(sides, WORKERS),
            kind="lofte_in_force",
            subject_key=f"lofte:{lofte.pk}",
            period_key="gallande",
            title=lambda: _("Medborgarlöftet gäller: %(title)s") % {"title": lofte.title},
            body=lambda: (
                _("Kommunen och polisen har skrivit under %(title)s. Nästa steg är att publicera det.")
                % {"title": lofte.title}
            ),
            url=lofte.get_absolute_url(),
        )
        return
    waiting = sides - set(LofteSignature.all_objects.filter(lofte=lofte).values_list("organization_id", flat=True))
    notify_handover(
        people(waiting, LEADER_ROLES, exclude=actor),
        kind="signature_requested",
        subject_key=f"lofte:{lofte.pk}",
        period_key=f"sign:{signature.pk}",
        title=lambda: _("Skriv under medborgarlöftet: %(title)s") % {"title": lofte.title},
        body=lambda: (
            _("%(name)s har skrivit under för %(org)s; nu väntar medborgarlöftet på er underskrift.")
            % {"name": signature.signer_name, "org": signature.organization}
        ),
        url=reverse("lofte_sign", args=[lofte.uuid]),
    )


def lofte_published(lofte: Medborgarlofte, *, actor: User | None) -> None:
    """The promise is on the kommun's public page: both sides are told."""
    notify_handover(
        people([lofte.plan.organization_id, lofte.police_area_id], WORKERS, exclude=actor),
        kind="lofte_in_force",
        subject_key=f"lofte:{lofte.pk}",
        period_key="publicerat",
        title=lambda: _("Medborgarlöftet är publicerat: %(title)s") % {"title": lofte.title},
        body=lambda: _("%(title)s visas nu på kommunens publika sida.") % {"title": lofte.title},
        url=lofte.get_absolute_url(),
    )


def todo_for(user: User, viewer: Viewer) -> list[TodoItem]:
    """Promises a leader can sign now: a draft with activities that their side has not signed.
    One query: whether each side has signed comes with the promise."""
    leading = viewer.org_ids_with_role(LEADER_ROLES)
    if not leading:
        return []
    signatures = LofteSignature.all_objects.filter(lofte=OuterRef("pk"))
    loften = list(
        Medborgarlofte.objects.filter(Q(plan__organization_id__in=leading) | Q(police_area_id__in=leading))
        .filter(status=Medborgarlofte.Status.UTKAST)
        .filter(Exists(Activity.all_objects.filter(lofte=OuterRef("pk"))))
        .annotate(
            kommun_signed=Exists(signatures.filter(organization=OuterRef("plan__organization"))),
            police_signed=Exists(signatures.filter(organization=OuterRef("police_area"))),
        )
        .select_related("plan__organization", "police_area")
    )
    items = []
    for lofte in loften:
        for side, signed in ((lofte.plan.organization, lofte.kommun_signed), (lofte.police_area, lofte.police_signed)):
            if side.pk in leading and not signed:
                items.append(
                    TodoItem(
                        action=_("Skriv under medborgarlöftet"),
                        title=lofte.title,
                        url=reverse("lofte_sign", args=[lofte.uuid]),
                        detail=_("För %(org)s.") % {"org": side},
                    )
                )
                break
    return items
