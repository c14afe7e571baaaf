"""An agreement's lifecycle: moving it along (remiss, för underskrift, upphör), remissvar, signing,
revisions with their diff, history and the PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverkan.forms import ReauthenticateForm, perform, submit
from samverkan.history import history_of
from samverkan.http import Request, file_response, person
from samverkan.numbers import format_date
from samverkan.tenancy import (
    LEADER_ROLES,
    get_object_for,
)

from .. import services
from ..documents import document_context, render_agreement_pdf
from ..forms import CommentForm
from ..models import Agreement
from . import COMMENTERS, EDITORS, agreement_anchor


@require_POST
@login_required
def agreement_transition(request: Request, uuid: str) -> HttpResponse:
    """Move the agreement along its lifecycle: remiss, för underskrift, back to utkast, upphör."""
    viewer = request.viewer
    action = request.POST.get("action", "")
    roles = LEADER_ROLES if action == "upphor" else EDITORS
    agreement = get_object_for(viewer, Agreement, uuid=uuid, write=roles)
    transitions = {
        "remiss": (services.send_for_comment, _("Överenskommelsen är skickad på remiss till parterna.")),
        "underskrift": (services.send_for_signature, _("Överenskommelsen är skickad för underskrift.")),
        "utkast": (services.return_to_draft, _("Överenskommelsen är tillbaka som utkast.")),
        "upphor": (services.end_agreement, _("Överenskommelsen har upphört.")),
    }
    if action not in transitions:
        messages.error(request, _("Okänd åtgärd."))
        return redirect(agreement)
    service, success = transitions[action]
    return perform(request, lambda: service(agreement, actor=person(request)), success=success, then=agreement)


@require_POST
@login_required
def agreement_revise(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(request.viewer, Agreement, uuid=uuid, write=EDITORS)
    return perform(
        request,
        lambda: services.propose_revision(agreement, actor=person(request)),
        success=_("En ny version är skapad som utkast. Den gällande versionen gäller tills den nya är underskriven."),
        then=lambda new: new or agreement,
    )


@require_GET
@login_required
def agreement_diff(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(request.viewer, Agreement, uuid=uuid)
    return render(
        request, "agreements/agreement_diff.html", {"agreement": agreement, "diff": services.revision_diff(agreement)}
    )


@require_GET
@login_required
def agreement_history(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(request.viewer, Agreement, uuid=uuid)
    return render(
        request, "agreements/agreement_history.html", {"agreement": agreement, "entries": history_of(agreement)}
    )


@require_GET
@login_required
def agreement_pdf(request: Request, uuid: str) -> HttpResponse:
    """The sealed original when there is one; otherwise a preview marked UTKAST."""
    agreement = get_object_for(request.viewer, Agreement, uuid=uuid)
    filename = f"samverkansoverenskommelse-{agreement.period_label}-v{agreement.revision}"
    data = agreement.sealed_pdf_bytes()
    if data is None:
        data = render_agreement_pdf(agreement, draft=True)
        filename += "-utkast"
    return file_response(data, f"{filename}.pdf", "application/pdf")


@require_POST
@login_required
def comment_add(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    agreement = get_object_for(viewer, Agreement, uuid=uuid)
    party = next(
        (p for p in agreement.parties.select_related("organization") if viewer.has_role(p.organization, COMMENTERS)),
        None,
    )
    if party is None:
        raise PermissionDenied(_("Bara parternas samordnare och ledning lämnar remissvar."))
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skriv en synpunkt."))
        return redirect(agreement_anchor(agreement, "remiss"))
    return perform(
        request,
        lambda: services.add_comment(
            agreement, actor=person(request), organization=party.organization, text=form.cleaned_data["text"]
        ),
        success=_("Tack, din synpunkt är lämnad."),
        then=agreement_anchor(agreement, "remiss"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def agreement_sign(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    agreement = get_object_for(viewer, Agreement, uuid=uuid)
    if agreement.status != Agreement.Status.FOR_UNDERSKRIFT:
        messages.error(
            request,
            _("Överenskommelsen väntar inte på underskrifter; den är %(status)s.")
            % {"status": agreement.get_status_display().lower()},
        )
        return redirect(agreement)
    party = (
        agreement.parties.filter(signatory_id=request.user.pk, signature__isnull=True)
        .select_related("organization")
        .first()
    )
    if party is None:
        messages.error(request, _("Det finns inget för dig att skriva under här."))
        return redirect(agreement)
    form = ReauthenticateForm(request.POST or None, user=person(request), session=request.session)
    done = submit(
        request,
        form,
        lambda: services.sign_agreement(agreement, party=party, actor=person(request)),
        success=None,
        then=agreement,
    )
    if done:
        agreement.refresh_from_db()
        if agreement.status == Agreement.Status.GALLANDE:
            messages.success(
                request, _("Du har skrivit under. Alla parter har skrivit under och överenskommelsen gäller nu.")
            )
        elif agreement.status == Agreement.Status.UNDERTECKNAD:
            messages.success(
                request,
                _("Du har skrivit under. Alla parter har skrivit under och överenskommelsen gäller från %(day)s.")
                % {"day": format_date(agreement.period_start)},
            )
        else:
            messages.success(request, _("Du har skrivit under för %(org)s.") % {"org": party.organization})
        if agreement.status == Agreement.Status.GALLANDE and agreement.previous_id:
            messages.info(
                request,
                _(
                    "Den här versionen ersätter version %(revision)s. Del 2-planerna under den är flyttade hit "
                    "med sina fokusområden; på varje plan står vad som flyttades."
                )
                % {"revision": agreement.revision - 1},
            )
        return done
    return render(
        request,
        "agreements/agreement_sign.html",
        {"form": form, "agreement": agreement, "party": party, **document_context(agreement)},
    )
