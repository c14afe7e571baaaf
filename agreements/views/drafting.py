"""Drafting an agreement: the list, the agreement and its joint picture, parties, focus areas and
commitments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lagesbild.services import side_by_side
from samverkan.coordination import current_samordningsfunktioner
from samverkan.forms import create_page, edit_page, perform
from samverkan.fragments import sealed_fragment
from samverkan.http import Request, person
from samverkan.tenancy import (
    LEADER_ROLES,
    can_change,
    can_edit_for,
    get_object_for,
    get_organization_for,
    visible_organizations,
)

from .. import services
from ..documents import document_context
from ..forms import AgreementForm, CommentForm, CommitmentForm, FocusAreaForm, NewAgreementForm, PartyAddForm, PartyForm
from ..models import Agreement, AgreementParty, Commitment, FocusArea
from . import COMMENTERS, EDITORS, agreement_anchor


@require_GET
@login_required
def agreement_list(request: Request) -> HttpResponse:
    viewer = request.viewer
    agreements = Agreement.objects.prefetch_related("parties__organization").order_by("-period_start", "title")
    creatable = [org for org in visible_organizations(viewer) if can_edit_for(viewer, org, EDITORS)]
    return render(request, "agreements/agreement_list.html", {"agreements": agreements, "creatable": creatable})


@require_http_methods(["GET", "POST"])
@login_required
def agreement_create(request: Request, slug: str) -> HttpResponse:
    organization = get_organization_for(request.viewer, slug, roles=EDITORS)
    year = timezone.localdate().year
    form = NewAgreementForm(
        request.POST or None,
        initial={
            "title": _("Samverkansöverenskommelse"),
            "period_start": f"{year}-01-01",
            "period_end": f"{year + 3}-12-31",
        },
    )
    return create_page(
        request,
        form,
        services.create_agreement,
        organization,
        success=_("Utkastet är skapat. Lägg till parter, text, fokusområden och åtaganden."),
        then=lambda agreement: agreement,
        template="agreements/agreement_new.html",
        context={"organization": organization},
    )


@require_GET
@login_required
def agreement_detail(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    agreement = get_object_for(viewer, Agreement, uuid=uuid)
    context = document_context(agreement)
    own_parties = [p for p in context["parties"] if p.organization_id in viewer.own_org_ids]
    versions = Agreement.objects.filter(series=agreement.series).order_by("revision")
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            **context,
            "document_fragment": sealed_fragment(
                "agreement_document", agreement, viewer, [p.organization_id for p in context["parties"]]
            ),
            "can_edit": can_change(viewer, agreement, EDITORS),
            "can_lead": can_change(viewer, agreement, LEADER_ROLES),
            "own_parties": own_parties,
            # Only a named signatory who has not signed, and only while the agreement waits for signatures.
            "to_sign": [
                p
                for p in context["parties"]
                if agreement.status == Agreement.Status.FOR_UNDERSKRIFT
                and p.signatory_id == request.user.pk
                and p.pk not in context["signatures"]
            ],
            "readiness": services.readiness_problems(agreement) if agreement.is_editable else [],
            "unbacked": {a.pk for a in services.focus_areas_without_problems(agreement)},
            "comments": agreement.comments.select_related("author", "organization"),
            "comment_form": CommentForm(),
            "versions": versions,
            "revision_in_progress": Agreement.objects.filter(previous=agreement).first(),
            "samordning": current_samordningsfunktioner(
                [p.organization_id for p in context["parties"]], timezone.localdate()
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def agreement_edit(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(request.viewer, Agreement, uuid=uuid, write=EDITORS)
    if not agreement.is_editable:
        messages.error(request, _("Överenskommelsen kan inte ändras i sin nuvarande status."))
        return redirect(agreement)
    form = AgreementForm(request.POST or None, instance=agreement)
    return edit_page(
        request,
        form,
        services.update_agreement,
        agreement,
        success=_("Överenskommelsen är sparad."),
        then=agreement,
        template="agreements/agreement_form.html",
        context={"agreement": agreement},
    )


@require_GET
@login_required
def joint_picture(request: Request, uuid: str) -> HttpResponse:
    """The parties' current lägesbilder side by side, and which problems became focus areas."""
    agreement = get_object_for(request.viewer, Agreement, uuid=uuid)
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


@require_http_methods(["GET", "POST"])
@login_required
def party_add(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(request.viewer, Agreement, uuid=uuid, write=EDITORS)
    form = PartyAddForm(request.POST or None, agreement=agreement)
    return create_page(
        request,
        form,
        services.add_party,
        agreement,
        success=_("%(org)s är inbjuden. Den blir part när den accepterar.")
        % {"org": form.cleaned_data.get("organization", "") if form.is_bound and form.is_valid() else ""},
        then=agreement_anchor(agreement, "parter"),
        template="agreements/party_add.html",
        context={"agreement": agreement},
    )


def _own_party(request: Request, uuid: str) -> AgreementParty:
    """A party row that the person's own organisation is, with a role to act for it."""
    viewer = request.viewer
    party = get_object_for(viewer, AgreementParty.objects.select_related("agreement", "organization"), uuid=uuid)
    if not viewer.has_role(party.organization, COMMENTERS):
        raise PermissionDenied(_("Bara parten själv bestämmer detta."))
    return party


@require_http_methods(["GET", "POST"])
@login_required
def party_edit(request: Request, uuid: str) -> HttpResponse:
    party = _own_party(request, uuid)
    form = PartyForm(request.POST or None, instance=party)
    return edit_page(
        request,
        form,
        services.update_party,
        party,
        success=_("Undertecknaren är sparad."),
        then=agreement_anchor(party.agreement, "parter"),
        template="agreements/party_form.html",
        context={"party": party, "agreement": party.agreement},
    )


@require_POST
@login_required
def party_accept(request: Request, uuid: str) -> HttpResponse:
    party = _own_party(request, uuid)
    return perform(
        request,
        lambda: services.accept_participation(party, actor=person(request)),
        success=_("%(org)s deltar nu i överenskommelsen.") % {"org": party.organization},
        then=agreement_anchor(party.agreement, "parter"),
    )


@require_POST
@login_required
def party_remove(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    party = get_object_for(viewer, AgreementParty.objects.select_related("agreement", "organization"), uuid=uuid)
    if not can_change(viewer, party.agreement, EDITORS):
        raise PermissionDenied(_("Du kan läsa detta men inte ändra det."))
    return perform(
        request,
        lambda: services.remove_party(party, actor=person(request)),
        success=_("Parten är borttagen."),
        confirm=_("Ta bort %(org)s som part i överenskommelsen?") % {"org": party.organization},
        then=agreement_anchor(party.agreement, "parter"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def focus_create(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(request.viewer, Agreement, uuid=uuid, write=EDITORS)
    form = FocusAreaForm(request.POST or None, agreement=agreement)
    return create_page(
        request,
        form,
        services.add_focus_area,
        agreement,
        success=_("Fokusområdet är tillagt."),
        then=agreement_anchor(agreement, "fokusomraden"),
        template="agreements/part_form.html",
        context={"agreement": agreement, "heading": _("Nytt fokusområde")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def focus_edit(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    area = get_object_for(viewer, FocusArea.objects.select_related("agreement"), uuid=uuid, write=EDITORS)
    form = FocusAreaForm(request.POST or None, instance=area, agreement=area.agreement)
    return edit_page(
        request,
        form,
        services.update_focus_area,
        area,
        success=_("Fokusområdet är sparat."),
        then=agreement_anchor(area.agreement, "fokusomraden"),
        template="agreements/part_form.html",
        context={"agreement": area.agreement, "heading": _("Redigera fokusområde")},
    )


@require_POST
@login_required
def focus_delete(request: Request, uuid: str) -> HttpResponse:
    area = get_object_for(request.viewer, FocusArea.objects.select_related("agreement"), uuid=uuid, write=EDITORS)
    return perform(
        request,
        lambda: services.delete_focus_area(area, actor=person(request)),
        success=_("Fokusområdet är borttaget."),
        confirm=_("Ta bort fokusområdet ”%(title)s”?") % {"title": area.title},
        then=agreement_anchor(area.agreement, "fokusomraden"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def commitment_create(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(request.viewer, Agreement, uuid=uuid, write=EDITORS)
    form = CommitmentForm(request.POST or None)
    return create_page(
        request,
        form,
        services.add_commitment,
        agreement,
        success=_("Åtagandet är tillagt."),
        then=agreement_anchor(agreement, "ataganden"),
        template="agreements/part_form.html",
        context={"agreement": agreement, "heading": _("Nytt åtagande")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def commitment_edit(request: Request, uuid: str) -> HttpResponse:
    commitment = get_object_for(
        request.viewer, Commitment.objects.select_related("agreement"), uuid=uuid, write=EDITORS
    )
    form = CommitmentForm(request.POST or None, instance=commitment)
    return edit_page(
        request,
        form,
        services.update_commitment,
        commitment,
        success=_("Åtagandet är sparat."),
        then=agreement_anchor(commitment.agreement, "ataganden"),
        template="agreements/part_form.html",
        context={"agreement": commitment.agreement, "heading": _("Redigera åtagande")},
    )


@require_POST
@login_required
def commitment_delete(request: Request, uuid: str) -> HttpResponse:
    commitment = get_object_for(
        request.viewer, Commitment.objects.select_related("agreement"), uuid=uuid, write=EDITORS
    )
    return perform(
        request,
        lambda: services.delete_commitment(commitment, actor=person(request)),
        success=_("Åtagandet är borttaget."),
        confirm=_("Ta bort åtagandet ”%(text)s”?") % {"text": commitment.text[:120]},
        then=agreement_anchor(commitment.agreement, "ataganden"),
    )
