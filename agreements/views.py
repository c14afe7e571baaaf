from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lagesbild.services import side_by_side
from samverkan.forms import ReauthenticateForm, perform, submit
from samverkan.history import history_of
from samverkan.http import Request, person, viewer_of
from samverkan.tenancy import (
    EDITOR_ROLES,
    LEADER_ROLES,
    can_change,
    can_edit_for,
    get_object_for,
    get_organization_for,
    visible_organizations,
)

from . import services
from .documents import document_context, render_agreement_pdf
from .forms import (
    AgreementForm,
    CommentForm,
    CommitmentForm,
    FocusAreaForm,
    NewAgreementForm,
    PartyAddForm,
    PartyForm,
)
from .models import Agreement, AgreementParty, Commitment, FocusArea

EDITORS = EDITOR_ROLES
#: People who may give remissvar for their organisation: its editors and its leadership.
COMMENTERS = EDITOR_ROLES | LEADER_ROLES


def _at(agreement: Agreement, anchor: str = "") -> str:
    return agreement.get_absolute_url() + (f"#{anchor}" if anchor else "")


@require_GET
@login_required
def agreement_list(request: Request) -> HttpResponse:
    viewer = viewer_of(request)
    agreements = Agreement.objects.prefetch_related("parties__organization").order_by("-period_start", "title")
    creatable = [org for org in visible_organizations(viewer) if can_edit_for(viewer, org, EDITORS)]
    return render(request, "agreements/agreement_list.html", {"agreements": agreements, "creatable": creatable})


@require_http_methods(["GET", "POST"])
@login_required
def agreement_create(request: Request, slug: str) -> HttpResponse:
    organization = get_organization_for(viewer_of(request), slug, roles=EDITORS)
    year = timezone.localdate().year
    form = NewAgreementForm(
        request.POST or None,
        initial={
            "title": _("Samverkansöverenskommelse"),
            "period_start": f"{year}-01-01",
            "period_end": f"{year + 3}-12-31",
        },
    )
    done = submit(
        request,
        form,
        lambda: services.create_agreement(organization, actor=person(request), **form.cleaned_data),
        success=_("Utkastet är skapat. Lägg till parter, text, fokusområden och åtaganden."),
        then=lambda agreement: agreement,
    )
    if done:
        return done
    return render(request, "agreements/agreement_new.html", {"form": form, "organization": organization})


@require_GET
@login_required
def agreement_detail(request: Request, uuid: str) -> HttpResponse:
    viewer = viewer_of(request)
    agreement = get_object_for(viewer, Agreement, uuid=uuid)
    context = document_context(agreement)
    own_parties = [p for p in context["parties"] if p.organization_id in viewer.own_org_ids]
    versions = Agreement.objects.filter(series=agreement.series).order_by("revision")
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            **context,
            "can_edit": can_change(viewer, agreement, EDITORS),
            "can_lead": can_change(viewer, agreement, LEADER_ROLES),
            "own_parties": own_parties,
            "to_sign": [
                p for p in context["parties"] if p.signatory_id == request.user.pk and p.pk not in context["signatures"]
            ],
            "readiness": services.readiness_problems(agreement) if agreement.is_editable else [],
            "unbacked": {a.pk for a in services.focus_areas_without_problems(agreement)},
            "comments": agreement.comments.select_related("author", "organization"),
            "comment_form": CommentForm(),
            "versions": versions,
            "revision_in_progress": Agreement.objects.filter(previous=agreement).first(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def agreement_edit(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(viewer_of(request), Agreement, uuid=uuid, write=EDITORS)
    if not agreement.is_editable:
        messages.error(request, _("Överenskommelsen kan inte ändras i sin nuvarande status."))
        return redirect(agreement)
    form = AgreementForm(request.POST or None, instance=agreement)
    done = submit(
        request,
        form,
        lambda: services.update_agreement(
            agreement, actor=person(request), expected_version=form.expected_version, **form.changes()
        ),
        success=_("Överenskommelsen är sparad."),
        then=agreement,
    )
    if done:
        return done
    return render(request, "agreements/agreement_form.html", {"form": form, "agreement": agreement})


@require_POST
@login_required
def agreement_transition(request: Request, uuid: str) -> HttpResponse:
    """Move the agreement along its lifecycle: remiss, för underskrift, back to utkast, upphör."""
    viewer = viewer_of(request)
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
    agreement = get_object_for(viewer_of(request), Agreement, uuid=uuid, write=EDITORS)
    return perform(
        request,
        lambda: services.propose_revision(agreement, actor=person(request)),
        success=_("En ny version är skapad som utkast. Den gällande versionen gäller tills den nya är underskriven."),
        then=lambda new: new or agreement,
    )


@require_GET
@login_required
def agreement_diff(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(viewer_of(request), Agreement, uuid=uuid)
    return render(
        request, "agreements/agreement_diff.html", {"agreement": agreement, "diff": services.revision_diff(agreement)}
    )


@require_GET
@login_required
def agreement_history(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(viewer_of(request), Agreement, uuid=uuid)
    return render(
        request, "agreements/agreement_history.html", {"agreement": agreement, "entries": history_of(agreement)}
    )


@require_GET
@login_required
def joint_picture(request: Request, uuid: str) -> HttpResponse:
    """The parties' current lägesbilder side by side, and which problems became focus areas."""
    agreement = get_object_for(viewer_of(request), Agreement, uuid=uuid)
    parties = [p.organization for p in agreement.parties.select_related("organization")]
    on = max(min(timezone.localdate(), agreement.period_end), agreement.period_start)
    result = side_by_side(parties, on)
    areas_by_problem: dict[int, list[FocusArea]] = {}
    for area in agreement.focus_areas.prefetch_related("problems"):
        for problem in area.problems.all():
            areas_by_problem.setdefault(problem.pk, []).append(area)
    return render(
        request,
        "agreements/joint_picture.html",
        {"agreement": agreement, "result": result, "areas_by_problem": areas_by_problem},
    )


@require_GET
@login_required
def agreement_pdf(request: Request, uuid: str) -> HttpResponse:
    """The sealed original when there is one; otherwise a preview marked UTKAST."""
    agreement = get_object_for(viewer_of(request), Agreement, uuid=uuid)
    filename = f"samverkansoverenskommelse-{agreement.period_label}-v{agreement.revision}"
    data = agreement.sealed_pdf_bytes()
    if data is None:
        data = render_agreement_pdf(agreement, draft=True)
        filename += "-utkast"
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


# --- Parties -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def party_add(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(viewer_of(request), Agreement, uuid=uuid, write=EDITORS)
    form = PartyAddForm(request.POST or None, agreement=agreement)
    done = submit(
        request,
        form,
        lambda: services.add_party(agreement, actor=person(request), **form.cleaned_data),
        success=_("%(org)s är inbjuden. Den blir part när den accepterar.")
        % {"org": form.cleaned_data.get("organization", "") if form.is_bound and form.is_valid() else ""},
        then=_at(agreement, "parter"),
    )
    if done:
        return done
    return render(request, "agreements/party_add.html", {"form": form, "agreement": agreement})


def _own_party(request: Request, uuid: str) -> AgreementParty:
    """A party row that the person's own organisation is, with a role to act for it."""
    viewer = viewer_of(request)
    party = get_object_for(viewer, AgreementParty.objects.select_related("agreement", "organization"), uuid=uuid)
    if not viewer.has_role(party.organization, COMMENTERS):
        raise PermissionDenied(_("Bara parten själv bestämmer detta."))
    return party


@require_http_methods(["GET", "POST"])
@login_required
def party_edit(request: Request, uuid: str) -> HttpResponse:
    party = _own_party(request, uuid)
    form = PartyForm(request.POST or None, instance=party)
    done = submit(
        request,
        form,
        lambda: services.update_party(
            party, actor=person(request), expected_version=form.expected_version, **form.changes()
        ),
        success=_("Undertecknaren är sparad."),
        then=_at(party.agreement, "parter"),
    )
    if done:
        return done
    return render(request, "agreements/party_form.html", {"form": form, "party": party, "agreement": party.agreement})


@require_POST
@login_required
def party_accept(request: Request, uuid: str) -> HttpResponse:
    party = _own_party(request, uuid)
    return perform(
        request,
        lambda: services.accept_participation(party, actor=person(request)),
        success=_("%(org)s deltar nu i överenskommelsen.") % {"org": party.organization},
        then=_at(party.agreement, "parter"),
    )


@require_POST
@login_required
def party_remove(request: Request, uuid: str) -> HttpResponse:
    viewer = viewer_of(request)
    party = get_object_for(viewer, AgreementParty.objects.select_related("agreement", "organization"), uuid=uuid)
    if not can_change(viewer, party.agreement, EDITORS):
        raise PermissionDenied(_("Du kan läsa detta men inte ändra det."))
    return perform(
        request,
        lambda: services.remove_party(party, actor=person(request)),
        success=_("Parten är borttagen."),
        then=_at(party.agreement, "parter"),
    )


# --- Focus areas and commitments ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def focus_create(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(viewer_of(request), Agreement, uuid=uuid, write=EDITORS)
    form = FocusAreaForm(request.POST or None, agreement=agreement)
    done = submit(
        request,
        form,
        lambda: services.add_focus_area(agreement, actor=person(request), **form.changes()),
        success=_("Fokusområdet är tillagt."),
        then=_at(agreement, "fokusomraden"),
    )
    if done:
        return done
    return render(
        request, "agreements/part_form.html", {"form": form, "agreement": agreement, "heading": _("Nytt fokusområde")}
    )


@require_http_methods(["GET", "POST"])
@login_required
def focus_edit(request: Request, uuid: str) -> HttpResponse:
    viewer = viewer_of(request)
    area = get_object_for(viewer, FocusArea.objects.select_related("agreement"), uuid=uuid, write=EDITORS)
    form = FocusAreaForm(request.POST or None, instance=area, agreement=area.agreement)
    done = submit(
        request,
        form,
        lambda: services.update_focus_area(
            area, actor=person(request), expected_version=form.expected_version, **form.changes()
        ),
        success=_("Fokusområdet är sparat."),
        then=_at(area.agreement, "fokusomraden"),
    )
    if done:
        return done
    return render(
        request,
        "agreements/part_form.html",
        {"form": form, "agreement": area.agreement, "heading": _("Redigera fokusområde")},
    )


@require_POST
@login_required
def focus_delete(request: Request, uuid: str) -> HttpResponse:
    area = get_object_for(viewer_of(request), FocusArea.objects.select_related("agreement"), uuid=uuid, write=EDITORS)
    return perform(
        request,
        lambda: services.delete_focus_area(area, actor=person(request)),
        success=_("Fokusområdet är borttaget."),
        then=_at(area.agreement, "fokusomraden"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def commitment_create(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(viewer_of(request), Agreement, uuid=uuid, write=EDITORS)
    form = CommitmentForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.add_commitment(agreement, actor=person(request), **form.changes()),
        success=_("Åtagandet är tillagt."),
        then=_at(agreement, "ataganden"),
    )
    if done:
        return done
    return render(
        request, "agreements/part_form.html", {"form": form, "agreement": agreement, "heading": _("Nytt åtagande")}
    )


@require_http_methods(["GET", "POST"])
@login_required
def commitment_edit(request: Request, uuid: str) -> HttpResponse:
    commitment = get_object_for(
        viewer_of(request), Commitment.objects.select_related("agreement"), uuid=uuid, write=EDITORS
    )
    form = CommitmentForm(request.POST or None, instance=commitment)
    done = submit(
        request,
        form,
        lambda: services.update_commitment(
            commitment, actor=person(request), expected_version=form.expected_version, **form.changes()
        ),
        success=_("Åtagandet är sparat."),
        then=_at(commitment.agreement, "ataganden"),
    )
    if done:
        return done
    return render(
        request,
        "agreements/part_form.html",
        {"form": form, "agreement": commitment.agreement, "heading": _("Redigera åtagande")},
    )


@require_POST
@login_required
def commitment_delete(request: Request, uuid: str) -> HttpResponse:
    commitment = get_object_for(
        viewer_of(request), Commitment.objects.select_related("agreement"), uuid=uuid, write=EDITORS
    )
    return perform(
        request,
        lambda: services.delete_commitment(commitment, actor=person(request)),
        success=_("Åtagandet är borttaget."),
        then=_at(commitment.agreement, "ataganden"),
    )


# --- Remiss and signing ------------------------------------------------------------------


@require_POST
@login_required
def comment_add(request: Request, uuid: str) -> HttpResponse:
    viewer = viewer_of(request)
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
        return redirect(_at(agreement, "remiss"))
    return perform(
        request,
        lambda: services.add_comment(
            agreement, actor=person(request), organization=party.organization, text=form.cleaned_data["text"]
        ),
        success=_("Tack, din synpunkt är lämnad."),
        then=_at(agreement, "remiss"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def agreement_sign(request: Request, uuid: str) -> HttpResponse:
    viewer = viewer_of(request)
    agreement = get_object_for(viewer, Agreement, uuid=uuid)
    party = (
        agreement.parties.filter(signatory_id=request.user.pk, signature__isnull=True)
        .select_related("organization")
        .first()
    )
    if party is None:
        messages.error(request, _("Det finns inget för dig att skriva under här."))
        return redirect(agreement)
    form = ReauthenticateForm(request.POST or None, user=person(request))
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
        else:
            messages.success(request, _("Du har skrivit under för %(org)s.") % {"org": party.organization})
        return done
    return render(
        request,
        "agreements/agreement_sign.html",
        {"form": form, "agreement": agreement, "party": party, **document_context(agreement)},
    )
