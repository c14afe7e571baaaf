"""Who may sign and approve for an organisation: only its leadership (SIGNING_ROLES), checked in
the services both when someone is named signatory and when they sign or approve, through the one
check `samverkan.tenancy.may_sign_for`. Every role is tried, including a person who enrolled a
second factor on her own."""

import pytest
from django.urls import reverse

from agreements import services as agreement_services
from agreements.forms import PartyForm
from agreements.models import AgreementParty, Signature
from followup import services as followup_services
from medborgarloften import services as plan_services
from medborgarloften.models import LofteSignature
from samverkan.errors import DomainError
from samverkan.forms import model_choice
from samverkan.models import Membership
from samverkan.tenancy import SIGNING_ROLES, may_sign_for, signers_of
from tests.conftest import client_for, enable_totp, make_person, signing_data

ROLES = [role for role, _label in Membership.Role.choices]


@pytest.fixture(params=ROLES)
def person_of_every_role(request, kommun):
    person = make_person(kommun, request.param, f"{request.param}@norsjo-roll.test", f"Person {request.param}")
    enable_totp(person)  # a second factor is not an authority to sign
    person.role = request.param  # type: ignore[attr-defined]
    return person


def test_every_role_is_covered_and_only_leadership_signs():
    assert set(ROLES) == {"samordnare", "kontaktperson", "ledning", "lasare", "admin"}
    assert {"ledning"} == SIGNING_ROLES


def test_becoming_signatory_of_an_agreement_needs_the_signing_authority(draft, kommun, person_of_every_role):
    party = draft.parties.get(organization=kommun)
    may = person_of_every_role.role in SIGNING_ROLES
    assert may_sign_for(person_of_every_role, kommun) is may
    assert (person_of_every_role in signers_of(kommun)) is may
    if may:
        agreement_services.update_party(
            party, actor=None, expected_version=party.version, signatory=person_of_every_role, signatory_title="Chef"
        )
        party.refresh_from_db()
        assert party.signatory == person_of_every_role
    else:
        with pytest.raises(DomainError, match="inte behörighet"):
            agreement_services.update_party(
                party, actor=None, expected_version=party.version, signatory=person_of_every_role, signatory_title="X"
            )
        party.refresh_from_db()
        assert party.signatory is None


def test_the_signatory_picker_offers_only_people_with_the_authority(draft, kommun, person_of_every_role, samordnare):
    party = draft.parties.get(organization=kommun)
    form = PartyForm(data={"signatory": person_of_every_role.pk, "signatory_title": "X"}, instance=party)
    offered = set(model_choice(form, "signatory").queryset or [])
    assert samordnare not in offered
    assert (person_of_every_role in offered) is (person_of_every_role.role in SIGNING_ROLES)
    assert form.is_valid() is (person_of_every_role.role in SIGNING_ROLES)


def test_making_oneself_signatory_through_the_page_is_refused(draft, kommun, samordnare):
    enable_totp(samordnare)
    party = draft.parties.get(organization=kommun)
    response = client_for(samordnare).post(
        reverse("party_edit", args=[party.uuid]),
        {"signatory": samordnare.pk, "signatory_title": "Samordnare", "version": party.version},
    )
    assert response.status_code == 200
    # Refused for the missing authority, not for a stale version.
    assert "Någon annan har sparat" not in response.content.decode()
    assert draft.parties.get(organization=kommun).signatory is None


def test_acting_as_signatory_of_an_agreement_needs_the_signing_authority(
    ready, kommun, samordnare, person_of_every_role
):
    agreement_services.send_for_signature(ready, actor=samordnare)
    party = ready.parties.get(organization=kommun)
    # As if named before the rule, or before losing the role: the service checks again at signing.
    AgreementParty.all_objects.filter(pk=party.pk).update(signatory=person_of_every_role)
    party.refresh_from_db()
    if person_of_every_role.role in SIGNING_ROLES:
        signature = agreement_services.sign_agreement(ready, party=party, actor=person_of_every_role)
        assert signature.role == "ledning"
    else:
        with pytest.raises(DomainError, match="inte behörighet"):
            agreement_services.sign_agreement(ready, party=party, actor=person_of_every_role)
        assert not Signature.objects.filter(party=party).exists()


def test_signing_a_medborgarlofte_needs_the_signing_authority(lofte, activities, kommun, person_of_every_role):
    if person_of_every_role.role in SIGNING_ROLES:
        plan_services.sign_lofte(lofte, actor=person_of_every_role, organization=kommun)
        assert LofteSignature.objects.filter(lofte=lofte, organization=kommun).exists()
    else:
        with pytest.raises(DomainError, match="Bara ledningen"):
            plan_services.sign_lofte(lofte, actor=person_of_every_role, organization=kommun)
        assert not LofteSignature.objects.filter(lofte=lofte).exists()


def test_approving_an_annual_report_needs_the_signing_authority(ready, kommun, samordnare, person_of_every_role):
    report = followup_services.create_report(ready, actor=samordnare, organization=kommun, year=2026)
    followup_services.update_report(
        report, actor=samordnare, expected_version=report.version, summary="S", worked="W", changes_next_year="C"
    )
    followup_services.submit_report(report, actor=samordnare)
    if person_of_every_role.role in SIGNING_ROLES:
        approval = followup_services.approve_report(report, actor=person_of_every_role, organization=kommun)
        assert approval.approved_by == person_of_every_role
    else:
        with pytest.raises(DomainError, match="Bara ledningen"):
            followup_services.approve_report(report, actor=person_of_every_role, organization=kommun)
        assert not report.approvals.exists()


def test_signing_page_refuses_a_samordnare_named_signatory_behind_the_rules_back(ready, kommun, samordnare):
    enable_totp(samordnare)
    agreement_services.send_for_signature(ready, actor=samordnare)
    party = ready.parties.get(organization=kommun)
    AgreementParty.all_objects.filter(pk=party.pk).update(signatory=samordnare)
    client_for(samordnare).post(reverse("agreement_sign", args=[ready.uuid]), signing_data())
    assert not Signature.objects.filter(party=party).exists()
