import pytest
from django.utils import timezone

from agreements import services
from agreements.models import Agreement, Signature
from samverkan.access import ForgetUnread
from samverkan.errors import DomainError
from samverkan.fragments import is_generation_bump
from samverkan.models import Notification
from samverkan.tenancy import viewer_for

Status = Agreement.Status


def sign_all(agreement):
    for party in agreement.parties.select_related("signatory"):
        services.sign_agreement(agreement, party=party, actor=party.signatory)
    agreement.refresh_from_db()
    return agreement


def test_a_new_agreement_is_a_draft_with_its_author_as_accepted_party(draft, kommun):
    party = draft.parties.get()
    assert draft.status == Status.UTKAST
    assert draft.revision == 1
    assert party.organization == kommun
    assert party.accepted_at is not None


def test_readiness_lists_everything_missing_in_swedish(draft):
    problems = services.readiness_problems(draft)
    assert "Minst en part ska vara Polisen (lokalpolisområde eller polisregion)." in problems
    assert "Norsjö kommun saknar undertecknare." in problems
    assert "Överenskommelsen saknar fokusområden." in problems


def test_an_invited_party_must_accept_before_signing(ready, police_area):
    party = ready.parties.get(organization=police_area)
    party.accepted_at = None
    party.save()
    with pytest.raises(DomainError, match="har inte accepterat"):
        services.send_for_signature(ready, actor=None)


def test_focus_area_without_a_problem_behind_it_is_flagged(ready, samordnare):
    lone = services.add_focus_area(ready, actor=samordnare, title="Trygghet")
    assert services.focus_areas_without_problems(ready) == [lone]


def test_focus_areas_only_build_on_the_parties_problems(draft, samordnare, police_problem):
    # The police area is not (yet) a party, so its problems cannot be used.
    with pytest.raises(DomainError, match="parternas lägesbilder"):
        services.add_focus_area(draft, actor=samordnare, title="X", problems=[police_problem])


def test_full_lifecycle_draft_remiss_signature_active(
    ready, samordnare, police_contact, police_area, leader, django_capture_on_commit_callbacks
):
    services.send_for_comment(ready, actor=samordnare)
    assert ready.status == Status.REMISS
    comment = services.add_comment(ready, actor=police_contact, organization=police_area, text="Lägg till trafik.")
    assert comment.organization == police_area
    services.send_for_signature(ready, actor=samordnare)
    assert ready.status == Status.FOR_UNDERSKRIFT
    kommun_party = ready.parties.get(signatory=leader)
    services.sign_agreement(ready, party=kommun_party, actor=leader)
    ready.refresh_from_db()
    assert ready.status == Status.FOR_UNDERSKRIFT
    with django_capture_on_commit_callbacks() as callbacks:
        police_party = ready.parties.exclude(pk=kommun_party.pk).get()
        services.sign_agreement(ready, party=police_party, actor=police_party.signatory)
    ready.refresh_from_db()
    assert ready.status == Status.GALLANDE
    assert ready.activated_at is not None
    # The sealed PDF is queued after commit, and the e-mail of each "gällande" notice.
    told = Notification.objects.filter(kind="agreement_in_force").count()
    assert told > 0
    # (and, once each, the refresh of the fragment keys and the forgetting of the unread counts)
    assert len([c for c in callbacks if not is_generation_bump(c) and not isinstance(c, ForgetUnread)]) == 1 + told
    signature = Signature.objects.get(party=kommun_party)
    assert (signature.signed_by, signature.signer_title, signature.role) == (leader, "Kommunchef", "ledning")


def test_cannot_sign_a_draft(ready, leader):
    with pytest.raises(DomainError, match="inte skickad för underskrift"):
        services.sign_agreement(ready, party=ready.parties.get(signatory=leader), actor=leader)


def test_only_the_designated_signatory_signs_and_only_once(ready, leader, samordnare):
    services.send_for_signature(ready, actor=samordnare)
    party = ready.parties.get(signatory=leader)
    with pytest.raises(DomainError, match="inte utsedd"):
        services.sign_agreement(ready, party=party, actor=samordnare)
    services.sign_agreement(ready, party=party, actor=leader)
    with pytest.raises(DomainError, match="redan skrivit under"):
        services.sign_agreement(ready, party=party, actor=leader)


def test_comments_only_while_on_remiss(ready, police_contact, police_area):
    with pytest.raises(DomainError, match="på remiss"):
        services.add_comment(ready, actor=police_contact, organization=police_area, text="Synpunkt")


def test_returning_to_draft_withdraws_signatures(ready, samordnare, leader):
    services.send_for_signature(ready, actor=samordnare)
    services.sign_agreement(ready, party=ready.parties.get(signatory=leader), actor=leader)
    services.return_to_draft(ready, actor=samordnare)
    assert ready.status == Status.UTKAST
    assert not Signature.objects.filter(agreement=ready).exists()


def test_an_active_agreement_cannot_be_edited_only_revised(ready, samordnare):
    services.send_for_signature(ready, actor=samordnare)
    sign_all(ready)
    with pytest.raises(DomainError, match="Föreslå en revidering"):
        services.update_agreement(ready, actor=samordnare, expected_version=ready.version, syfte="Nytt")
    with pytest.raises(DomainError):
        services.add_commitment(ready, actor=samordnare, who="polisen", text="Mer")


def test_revision_carries_everything_over_and_replaces_the_old_version_when_signed(ready, samordnare):
    services.send_for_signature(ready, actor=samordnare)
    sign_all(ready)
    revision = services.propose_revision(ready, actor=samordnare)
    assert (revision.revision, revision.previous, revision.series, revision.status) == (
        2,
        ready,
        ready.series,
        Status.UTKAST,
    )
    assert [p.organization for p in revision.parties.all()] == [p.organization for p in ready.parties.all()]
    assert list(revision.focus_areas.values_list("title", flat=True)) == ["ANDT-S"]
    assert revision.focus_areas.get().problems.count() == 2
    assert revision.commitments.count() == 2
    assert revision.items.count() == 2
    with pytest.raises(DomainError, match="redan en revidering"):
        services.propose_revision(ready, actor=samordnare)

    services.update_agreement(
        revision, actor=samordnare, expected_version=revision.version, syfte="Minska brottsligheten kraftigt."
    )
    diff = services.revision_diff(revision)
    syfte = next(d for d in diff if d.label == "Syfte")
    assert syfte.html == "Minska <del>brottsligheten.</del> <ins>brottsligheten kraftigt.</ins>"
    assert all(d.label != "Rubrik" for d in diff)

    ready.refresh_from_db()
    assert ready.status == Status.GALLANDE  # still in force while the revision is drafted
    services.send_for_signature(revision, actor=samordnare)
    sign_all(revision)
    ready.refresh_from_db()
    assert revision.status == Status.GALLANDE
    assert ready.status == Status.ERSATT
    assert Agreement.objects.filter(series=ready.series).count() == 2  # every version is kept


def test_starts_on_signing_sets_the_start_date(ready, samordnare):
    services.update_agreement(ready, actor=samordnare, expected_version=ready.version, starts_on_signing=True)
    services.send_for_signature(ready, actor=samordnare)
    sign_all(ready)
    assert ready.period_start == timezone.localdate()


def test_end_agreement(ready, samordnare):
    services.send_for_signature(ready, actor=samordnare)
    sign_all(ready)
    services.end_agreement(ready, actor=samordnare)
    assert ready.status == Status.UPPHORT
    assert ready.ended_at is not None


def test_parties_read_each_others_lagesbild_only_after_accepting(
    draft, kommun, police_area, samordnare, police_problem
):
    party = services.add_party(draft, actor=samordnare, organization=police_area)
    # Being invited is not consent: the inviter does not see the police picture yet.
    assert police_area.pk not in viewer_for(samordnare).partner_org_ids
    services.accept_participation(party, actor=None)
    assert police_area.pk in viewer_for(samordnare).partner_org_ids


def test_signatory_must_belong_to_the_party(draft, kommun, outsider, samordnare):
    party = draft.parties.get()
    with pytest.raises(DomainError, match="inte behörighet"):
        services.update_party(
            party, actor=samordnare, expected_version=party.version, signatory=outsider, signatory_title="X"
        )


def test_the_last_party_cannot_be_removed(draft, samordnare):
    with pytest.raises(DomainError, match="minst en part"):
        services.remove_party(draft.parties.get(), actor=samordnare)
