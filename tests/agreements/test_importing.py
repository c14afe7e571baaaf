"""Importing seed 001 (Arvidsjaur, Arjeplog and the police) and seed 004 (Umeå, recognised from a
scan) as text, Word and PDF: each section, the period, the renewal rule and the parties land
where the demo puts them; the review moves and discards paragraphs; only confirming creates
the draft."""

from datetime import date
from difflib import SequenceMatcher

import pytest
from django.urls import reverse

from agreements import importing
from agreements.models import Agreement, AgreementParty, Commitment, SectionItem
from samverkan.importing import start_import
from samverkan.importjobs import ImportJob
from samverkan.models import Membership, Organization
from samverkan.recognising import DISCARD, fold
from tests.conftest import client_for, make_person
from tests.importing import as_file

Kind = Organization.Kind
FORMATS = ["txt", "docx", "pdf"]


@pytest.fixture
def inland(county, other_county):
    return {
        "arvidsjaur": Organization.objects.create(
            slug="arvidsjaur", kind=Kind.KOMMUN, name="Arvidsjaurs kommun", code="2505", county=other_county
        ),
        "arjeplog": Organization.objects.create(
            slug="arjeplog", kind=Kind.KOMMUN, name="Arjeplogs kommun", code="2506", county=other_county
        ),
        "lpo": Organization.objects.create(
            slug="lpo-pitea-alvdal", kind=Kind.LOKALPOLISOMRADE, name="Lokalpolisområde Piteå Älvdal"
        ),
        "umea": Organization.objects.create(
            slug="umea", kind=Kind.KOMMUN, name="Umeå kommun", code="2480", county=county
        ),
        "lpo-umea": Organization.objects.create(
            slug="lpo-umea", kind=Kind.LOKALPOLISOMRADE, name="Lokalpolisområde Umeå"
        ),
    }


@pytest.fixture
def arvidsjaur_samordnare(inland):
    return make_person(inland["arvidsjaur"], Membership.Role.SAMORDNARE, "samordnare@arvidsjaur.test", "Sam Ordnare")


def _imported(organization, user, number, extension):
    job = start_import(organization, actor=user, upload=as_file(number, extension), kind=ImportJob.Kind.AGREEMENT)
    pieces = importing.pieces_of(job)
    return job, pieces, importing.recognise(pieces, list(Organization.objects.all()))


@pytest.mark.parametrize("extension", FORMATS)
def test_seed_001_lands_in_the_sections_the_demo_puts_it(inland, arvidsjaur_samordnare, extension):
    _job, _pieces, found = _imported(inland["arvidsjaur"], arvidsjaur_samordnare, "001", extension)
    assert found.title == "Samverkansöverenskommelse mellan Polismyndigheten, Arvidsjaur kommun och Arjeplog kommun"
    assert (found.period_start, found.period_end) == (date(2023, 1, 1), date(2026, 12, 31))
    assert found.starts_on_signing
    assert found.renewal == Agreement.Renewal.REVISE
    assert set(found.parties) == {inland["arvidsjaur"], inland["arjeplog"], inland["lpo"]}
    assert found.unmatched_parties == []
    assert found.signatory_titles[inland["lpo"].pk] == "Lokalpolisområdeschef Piteå Älvdal"
    assert found.signatory_titles[inland["arjeplog"].pk] == "Kommunalråd Arjeplogs kommun"
    texts = found.texts
    assert texts["inledning"].startswith("Ett effektivt brottsförebyggande arbetet kräver samverkan.")
    assert "Psykisk ohälsa bland unga" in texts["inledning"]
    assert texts["syfte"].startswith("För att nå framgång i arbetet")
    assert texts["samverkansmodell"].startswith("Utgångspunkten för en fungerande samverkan")
    assert texts["gemensam_lagesbild"].startswith("Kommunerna är lika, men varje kommun är unik.")
    assert "glesbygdskommuner" in texts["gemensam_lagesbild"]
    assert texts["fokus_inledning"].startswith("Alla kommuner har tillsammans med polisen")
    assert texts["strategiska_forutsattningar"].startswith("I båda kommunerna bör det finnas")
    assert texts["medborgarloften"].startswith("Medborgarlöftet är ett löfte och ett avtal")
    assert "Överenskommelsen gäller" not in " ".join(texts.values())
    assert len(found.items[SectionItem.Section.UTGANGSPUNKT]) == 5
    assert found.items[SectionItem.Section.UTGANGSPUNKT][0] == "Polismyndighetens uppdrag"
    assert len(found.items[SectionItem.Section.MODELLSTEG]) == 5
    assert [title for title, _d in found.focus_areas] == [
        "Alkohol, narkotika, doping, tobak och spel (ANDT-S)",
        "Brottsförebyggande arbete (BRÅ)",
        "Psykisk och fysisk hälsa",
    ]
    assert [who for who, _text in found.commitments] == [
        Commitment.Who.GEMENSAMT,
        Commitment.Who.KOMMUNERNA,
        Commitment.Who.POLISEN,
        *[Commitment.Who.GEMENSAMT] * 4,
    ]
    assert found.unplaced == []


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, fold(a), fold(b)).ratio() > 0.9


@pytest.mark.parametrize("extension", FORMATS)
def test_seed_004_recognised_from_a_scan_lands_in_its_sections(inland, extension):
    user = make_person(inland["umea"], Membership.Role.SAMORDNARE, "samordnare@umea.test", "Ulla Umeå")
    _job, _pieces, found = _imported(inland["umea"], user, "004", extension)
    assert _similar(
        found.title, "Överenskommelse om samverkan och prioriteringar mellan Umeå kommun och Polismyndigheten 2025-2027"
    )
    assert (found.period_start, found.period_end) == (date(2025, 1, 1), date(2027, 12, 31))
    assert found.renewal == Agreement.Renewal.CONTINUES
    assert not found.starts_on_signing
    assert found.signing_place == "Umeå"
    assert found.signing_date == date(2025, 3, 11)
    assert set(found.parties) == {inland["umea"], inland["lpo-umea"]}
    # The scanner's "Umed kommun" is no organisation of ours: flagged, not guessed.
    assert found.unmatched_parties == ["Umed kommun"]
    assert fold(found.texts["syfte"]).startswith("syftet med samverkans")
    assert fold(found.texts["inledning"]).startswith("samhallet har allt att vinna")
    assert fold(found.texts["samverkansmodell"]).startswith("respektive organisations samlade kunskaper")
    assert fold(found.texts["medborgarloften"]).startswith("medborgarloften ar en utveckling")
    assert fold(found.texts["fokus_inledning"]).startswith("umea har en lag brottslighet")
    assert [fold(v)[:20] for v in found.items[SectionItem.Section.VISION]] == [
        "minska brottslighete",
        "oka tryggheten i ume",
        "minska nyttjandet av",
    ]
    titles = [title for title, _description in found.focus_areas]
    expected = [
        "Förebygga och motverka organiserad brottslighet",
        "Arbeta förebyggande mot våld och stötta särskilt utsatta brottsoffer",
        "Trygga och säkra offentliga miljöer",
    ]
    assert len(titles) == 3
    assert all(_similar(got, want) for got, want in zip(titles, expected, strict=True)), titles
    assert "samverkan for att forebygga" in fold(found.focus_areas[0][1])


def test_review_moves_and_discards_paragraphs_and_confirming_creates_the_draft(inland, arvidsjaur_samordnare):
    client = client_for(arvidsjaur_samordnare)
    response = client.post(reverse("agreement_import", kwargs={"slug": "arvidsjaur"}), {"file": as_file("001", "docx")})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("agreement_import_review", kwargs={"uuid": job.uuid})
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Ett effektivt brottsförebyggande arbetet" in page.content.decode()
    assert Agreement.objects.count() == 0, "inget sparas före bekräftelsen"

    pieces = importing.pieces_of(job)
    data: dict[str, object] = {f"p{i}": piece.section for i, piece in enumerate(pieces)}
    psykisk = next(i for i, p in enumerate(pieces) if p.text.startswith("Psykisk ohälsa bland unga"))
    lokala = next(i for i, p in enumerate(pieces) if p.text.startswith("De lokala lägesbilderna bygger"))
    data[f"p{psykisk}"] = "gemensam_lagesbild"  # moved
    data[f"p{lokala}"] = DISCARD  # discarded
    found = importing.recognise(pieces, list(Organization.objects.all()))
    data |= {"title": "Importerad SÖK", "period_start": "2023-01-01", "period_end": "2026-12-31"}
    data["parties"] = [o.pk for o in found.parties if o != inland["arvidsjaur"]]

    shown = client.post(response["Location"], {**data, "action": "visa"})
    assert shown.status_code == 302
    job.refresh_from_db()
    assert job.assignments[str(psykisk)] == "gemensam_lagesbild"
    assert Agreement.objects.count() == 0

    created = client.post(response["Location"], {**data, "action": "skapa"})
    agreement = Agreement.objects.get()
    assert created["Location"] == agreement.get_absolute_url()
    assert agreement.status == Agreement.Status.UTKAST
    assert agreement.title == "Importerad SÖK"
    assert agreement.starts_on_signing
    assert agreement.renewal == Agreement.Renewal.REVISE
    assert "Psykisk ohälsa bland unga" not in agreement.inledning
    assert "Psykisk ohälsa bland unga" in agreement.gemensam_lagesbild
    assert "De lokala lägesbilderna bygger" not in agreement.gemensam_lagesbild
    assert {p.organization for p in AgreementParty.objects.filter(agreement=agreement)} == {
        inland["arvidsjaur"],
        inland["arjeplog"],
        inland["lpo"],
    }
    assert agreement.focus_areas.count() == 3
    assert agreement.commitments.count() == 7
    assert agreement.items.filter(section=SectionItem.Section.MODELLSTEG).count() == 5
    party = AgreementParty.objects.get(agreement=agreement, organization=inland["lpo"])
    assert party.signatory_title == "Lokalpolisområdeschef Piteå Älvdal"
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.paragraphs == []
    # The review of a finished import leads to the draft.
    assert client.get(response["Location"])["Location"] == agreement.get_absolute_url()


def test_an_outsider_cannot_see_or_confirm_an_import(inland, arvidsjaur_samordnare, samordnare):
    outsider = samordnare  # Norsjö's, who has nothing to do with Arvidsjaur
    job = start_import(
        inland["arvidsjaur"],
        actor=arvidsjaur_samordnare,
        upload=as_file("001", "txt"),
        kind=ImportJob.Kind.AGREEMENT,
    )
    client = client_for(outsider)
    for name in ("agreement_import_review", "import_status"):
        url = reverse(name, kwargs={"uuid": job.uuid})
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "skapa"}).status_code in (404, 405)
    assert client.get(reverse("agreement_import", kwargs={"slug": "arvidsjaur"})).status_code == 404
    assert Agreement.objects.count() == 0
