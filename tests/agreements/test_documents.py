"""The agreement's PDF: every section in the text, the seal validating, the verify page."""

import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import services
from agreements.documents import render_agreement_pdf
from agreements.models import Agreement
from samverkan.history import history_of
from samverkan.seal import sha256_hex, verify_pdf
from samverkan.sealed import store_sealed_pdf
from samverkan.tasks import seal_document
from samverkan.tenancy import no_scope
from tests.conftest import client_for


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)  # noqa: S607
    return " ".join(result.stdout.decode().split())


@pytest.fixture
def active(ready, samordnare, seal_dir, django_capture_on_commit_callbacks):
    services.send_for_signature(ready, actor=samordnare)
    with django_capture_on_commit_callbacks(execute=True):
        for party in ready.parties.select_related("signatory"):
            services.sign_agreement(ready, party=party, actor=party.signatory)
    ready.refresh_from_db()
    return ready


def test_draft_preview_is_marked_utkast_and_not_sealed(ready, seal_dir):
    data = render_agreement_pdf(ready, draft=True)
    text = pdf_text(data)
    assert "UTKAST" in text
    assert not verify_pdf(data).is_sealed


def test_signing_by_every_party_seals_the_pdf_and_stores_its_hash(active):
    assert active.status == Agreement.Status.GALLANDE
    assert active.pdf
    assert len(active.pdf_sha256) == 64
    with active.pdf.open("rb") as handle:
        data = handle.read()
    assert sha256_hex(data) == active.pdf_sha256
    result = verify_pdf(data)
    assert result.ok
    assert result.signer == "Samverkan organisationssigill"


def test_sealed_pdf_holds_every_section_parties_and_signature_page(active, leader, police_leader):
    with active.pdf.open("rb") as handle:
        text = pdf_text(handle.read())
    for expected in (
        "Överenskommelse Norsjö 2025–2027",
        "Syfte",
        "Minska brottsligheten.",
        "Samverkande parter",
        "Norsjö kommun",
        "Lokalpolisområde Skellefteå",
        "Gemensam vision",
        "öka tryggheten",
        "Prioriterade fokusområden",
        "ANDT-S",
        "Polisen åtar sig",
        "Polisen utser en kontaktperson.",
        "Kommunen utser en samordnare.",
        "giltighetstid",
        "tills vidare",
        "Underskrifter",
        leader.full_name,
        police_leader.full_name,
        "Lokalpolisområdeschef",
        "Undertecknat elektroniskt",
        "Sida 1 av",
    ):
        assert expected in text, expected
    assert "UTKAST" not in text


def test_sealing_twice_changes_nothing(active):
    first = active.pdf_sha256
    assert store_sealed_pdf("agreements.agreement", active.pk) == first


def test_the_task_runs_without_a_viewer_in_scope(ready, samordnare, seal_dir):
    services.send_for_signature(ready, actor=samordnare)
    for party in ready.parties.select_related("signatory"):
        services.sign_agreement(ready, party=party, actor=party.signatory)
    with no_scope():
        digest = seal_document.apply(args=("agreements.agreement", ready.pk)).get()
    ready.refresh_from_db()
    assert digest == ready.pdf_sha256


def test_agreement_page_shows_the_sha256(active, samordnare):
    body = client_for(samordnare).get(active.get_absolute_url()).content.decode()
    assert active.pdf_sha256 in body


def test_pdf_download_gives_the_sealed_original(active, samordnare):
    response = client_for(samordnare).get(reverse("agreement_pdf", args=[active.uuid]))
    assert response["Content-Type"] == "application/pdf"
    assert sha256_hex(response.content) == active.pdf_sha256


def test_verify_page_recognises_our_sealed_pdf(active, client):
    with active.pdf.open("rb") as handle:
        data = handle.read()
    response = client.post(reverse("verify"), {"file": SimpleUploadedFile("a.pdf", data)})
    body = response.content.decode()
    assert "Dokumentet är förseglat av Samverkan och har inte ändrats." in body
    assert active.title in body
    assert "Norsjö kommun" in body


def test_verify_page_rejects_an_altered_pdf(active, client):
    with active.pdf.open("rb") as handle:
        data = bytearray(handle.read())
    index = data.find(b"/Producer")
    data[index + 1] = ord("Q")
    response = client.post(reverse("verify"), {"file": SimpleUploadedFile("a.pdf", bytes(data))})
    body = response.content.decode()
    assert "har ändrats efter att det förseglades" in body
    assert active.title not in body


def test_verify_page_on_an_unsealed_or_broken_file(ready, client, seal_dir):
    draft = render_agreement_pdf(ready, draft=True)
    body = client.post(reverse("verify"), {"file": SimpleUploadedFile("d.pdf", draft)}).content.decode()
    assert "saknar Samverkans sigill" in body
    body = client.post(reverse("verify"), {"file": SimpleUploadedFile("x.pdf", b"nonsense")}).content.decode()
    assert "kunde inte läsas som PDF" in body


def test_pdf_downloads_as_a_file_with_its_name_intact(draft, samordnare):
    # The period label has an en dash: the name must arrive as written, not as an encoded-word.
    disposition = client_for(samordnare).get(reverse("agreement_pdf", args=[draft.uuid]))["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "=?utf-8?" not in disposition
    assert "filename*=utf-8''samverkansoverenskommelse-2025%E2%80%932027-v1-utkast.pdf" in disposition


def test_the_document_leaves_out_empty_sections_and_names_the_reporting_month(draft, samordnare):
    # Seed 004 has neither strategic prerequisites nor commitments: no empty heading for them.
    body = client_for(samordnare).get(draft.get_absolute_url()).content.decode()
    assert "Strategiska förutsättningar för samverkan" not in body
    services.update_agreement(
        draft, actor=samordnare, expected_version=draft.version, uppfoljning="Årlig uppföljning.", reporting_month=3
    )
    body = client_for(samordnare).get(draft.get_absolute_url()).content.decode()
    assert "sker i mars." in body
    assert "månad 3" not in body


def test_the_reporting_month_is_chosen_and_remembered_by_its_name(draft, samordnare):
    body = client_for(samordnare).get(reverse("agreement_edit", args=[draft.uuid])).content.decode()
    assert '<option value="11">november</option>' in body
    assert '<option value="3">3</option>' not in body
    services.update_agreement(draft, actor=samordnare, expected_version=draft.version, reporting_month=11)
    change = next(c for c in history_of(draft)[0].changes if c.field == "reporting_month")
    assert change.new == "november"
