"""Every sealed kind, built through its services, seals the same way: one task stores the hash
once, the verify page names the document, an unready document is refused, a tampered copy fails."""

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import services as agreement_services
from followup import services as followup_services
from medborgarloften import services as plan_services
from samverkan.seal import sha256_hex, verify_pdf
from samverkan.sealed import NotReadyToSealError, SealedDocument, find_sealed, sealed_kinds, store_sealed_pdf
from samverkan.tasks import seal_document
from samverkan.tenancy import no_scope

# Each builder returns a document that may not be sealed yet, and what makes it ready (the
# service calls a person makes). Sealing is left to the test: on_commit does not run here.
Builder = Callable[[pytest.FixtureRequest], tuple[SealedDocument, Callable[[], None]]]


def agreement(request: pytest.FixtureRequest) -> tuple[SealedDocument, Callable[[], None]]:
    ready = request.getfixturevalue("ready")
    samordnare = request.getfixturevalue("samordnare")

    def sign() -> None:
        agreement_services.send_for_signature(ready, actor=samordnare)
        for party in ready.parties.select_related("signatory"):
            agreement_services.sign_agreement(ready, party=party, actor=party.signatory)

    return ready, sign


def medborgarlofte(request: pytest.FixtureRequest) -> tuple[SealedDocument, Callable[[], None]]:
    lofte = request.getfixturevalue("lofte")
    request.getfixturevalue("activities")
    leader, police_leader = request.getfixturevalue("leader"), request.getfixturevalue("police_leader")
    kommun, police_area = request.getfixturevalue("kommun"), request.getfixturevalue("police_area")

    def sign() -> None:
        plan_services.sign_lofte(lofte, actor=leader, organization=kommun)
        plan_services.sign_lofte(lofte, actor=police_leader, organization=police_area)

    return lofte, sign


def annual_report(request: pytest.FixtureRequest) -> tuple[SealedDocument, Callable[[], None]]:
    ready = request.getfixturevalue("ready")
    request.getfixturevalue("active_lofte")
    samordnare, leader = request.getfixturevalue("samordnare"), request.getfixturevalue("leader")
    police_leader = request.getfixturevalue("police_leader")
    kommun, police_area = request.getfixturevalue("kommun"), request.getfixturevalue("police_area")
    report = followup_services.create_report(ready, actor=samordnare, organization=kommun, year=2026)

    def approve() -> None:
        followup_services.update_report(
            report, actor=samordnare, expected_version=report.version, summary="S", worked="W", changes_next_year="C"
        )
        followup_services.submit_report(report, actor=samordnare)
        followup_services.approve_report(report, actor=leader, organization=kommun)
        followup_services.approve_report(report, actor=police_leader, organization=police_area)

    return report, approve


def minutes(request: pytest.FixtureRequest) -> tuple[SealedDocument, Callable[[], None]]:
    from datetime import timedelta

    from django.utils import timezone

    from followup.meetings import services as meeting_services
    from samverkan.groups import services as group_services

    kommun, samordnare = request.getfixturevalue("kommun"), request.getfixturevalue("samordnare")
    group = group_services.create_group(kommun, actor=samordnare, name="Trygghetsrådet", kind="trygghetsrad")
    meeting = meeting_services.plan_meeting(
        group, actor=samordnare, title="Rådsmöte", starts_at=timezone.now() - timedelta(hours=2)
    )

    def approve() -> None:
        meeting_services.hold_meeting(meeting, actor=samordnare)
        meeting_services.update_meeting(meeting, actor=samordnare, expected_version=meeting.version, minutes="P")
        meeting_services.approve_minutes(meeting, actor=samordnare)

    return meeting, approve


BUILDERS: dict[str, Builder] = {
    "followup.meeting": minutes,
    "agreements.agreement": agreement,
    "medborgarloften.medborgarlofte": medborgarlofte,
    "followup.annualreport": annual_report,
}


def test_every_sealed_kind_has_a_builder_here():
    assert set(sealed_kinds()) == set(BUILDERS)


@pytest.mark.parametrize("label", sorted(sealed_kinds()))
def test_sealed_kind_seals_once_verifies_and_refuses_when_unready(label, request, seal_dir, client):
    document, make_ready = BUILDERS[label](request)

    with pytest.raises(NotReadyToSealError) as refused:
        store_sealed_pdf(label, document.pk)
    assert str(refused.value) == document.seal_refusal() != ""
    document.refresh_from_db()
    assert not document.pdf
    assert not document.pdf_sha256
    assert document.sealed_at is None

    make_ready()
    with no_scope():  # the task re-establishes its own scope
        digest = seal_document.apply(args=(label, document.pk)).get()
    document.refresh_from_db()
    assert len(digest) == 64
    assert document.pdf_sha256 == digest
    assert document.sealed_at is not None
    data = document.sealed_pdf_bytes()
    assert data is not None
    assert sha256_hex(data) == digest
    assert verify_pdf(data).ok
    assert store_sealed_pdf(label, document.pk) == digest
    document.refresh_from_db()
    assert document.sealed_pdf_bytes() == data

    described = find_sealed(digest)
    assert described is not None
    assert described.kind == str(type(document)._meta.verbose_name).capitalize()
    body = client.post(reverse("verify"), {"file": SimpleUploadedFile("d.pdf", data)}).content.decode()
    assert "förseglat av Samverkan och har inte ändrats" in body
    assert described.title in body

    tampered = bytearray(data)
    index = tampered.find(b"/Producer")
    tampered[index + 1] = ord("Q")
    assert not verify_pdf(bytes(tampered)).ok
    assert find_sealed(sha256_hex(bytes(tampered))) is None
    body = client.post(reverse("verify"), {"file": SimpleUploadedFile("d.pdf", bytes(tampered))}).content.decode()
    assert "har ändrats efter att det förseglades" in body
    assert described.title not in body
