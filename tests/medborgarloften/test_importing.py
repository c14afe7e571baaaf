"""Importing Norsjö's medborgarlöften (seed 002) as text, Word and PDF: every one of its 14
activities lands under its heading with the responsible party and the structured target the demo
gives it (demo/del2.py), with the period, introduction, dialogues, effects and communication."""

from datetime import date

import pytest
from django.urls import reverse

from agreements import services as agreement_services
from demo.agreements import NORSJO
from demo.del2 import NORSJO_ACTIVITIES, NORSJO_EFFECTS
from medborgarloften import importing
from medborgarloften import services as plan_services
from medborgarloften.models import Activity, Medborgarlofte
from medborgarloften.targets import TargetKind, Unit
from samverkan.importing import start_import
from samverkan.importjobs import ImportJob
from samverkan.recognising import DISCARD
from tests.conftest import client_for
from tests.importing import as_file

TARGET_FIELDS = (
    "target_kind",
    "target_count",
    "target_unit",
    "target_every",
    "target_minimum",
    "target_multiplier",
)


@pytest.fixture
def plan(kommun, police_area, samordnare):
    agreement = agreement_services.create_agreement(
        kommun, actor=samordnare, title=NORSJO.title, period_start=date(2019, 1, 1), period_end=date(2022, 12, 31)
    )
    agreement_services.add_party(agreement, actor=samordnare, organization=police_area)
    for spec in NORSJO.focus:
        agreement_services.add_focus_area(agreement, actor=samordnare, title=spec.title, description=spec.description)
    return plan_services.create_plan(
        agreement,
        actor=samordnare,
        organization=kommun,
        title="Norsjö kommuns genomförandeplan 2019–2023",
        period_start=date(2019, 1, 1),
        period_end=date(2023, 12, 31),
    )


def _dashes(text: str) -> str:
    return text.replace("–", "-")


def _structured(fields: dict) -> tuple:
    defaults = {
        "target_count": 0,
        "target_unit": "",
        "target_every": 1,
        "target_minimum": False,
        "target_multiplier": 1,
    }
    return tuple(fields.get(name, defaults.get(name)) for name in TARGET_FIELDS)


@pytest.mark.parametrize("extension", ["txt", "docx", "pdf"])
def test_every_one_of_norsjos_14_activities_lands_with_its_target(plan, samordnare, extension):
    job = start_import(
        plan.organization,
        actor=samordnare,
        upload=as_file("002", extension),
        kind=ImportJob.Kind.LOFTE,
        target=plan.uuid,
    )
    found = importing.recognise(importing.pieces_of(job), plan)
    assert found.title == "Norsjö – medborgarlöften 2019–2023"
    assert (found.period_start, found.period_end) == (date(2019, 1, 1), date(2023, 12, 31))
    assert found.introduction.startswith("Följande avtal ingås härmed")
    assert found.dialogues == ["medborgardialog", "medarbetardialog", "webbenkat"]
    assert found.dialogue_description.startswith("Framtagande av medborgarlöftena")
    assert len(found.focus_titles) == 4
    assert found.effects[:2] == NORSJO_EFFECTS[:2]
    assert len(found.effects) == 5
    assert found.kommunikation.startswith("Redovisningen av arbetet")
    assert found.unplaced == []
    assert found.unparsed_targets == []
    assert len(found.activities) == 14
    for got, want in zip(found.activities, NORSJO_ACTIVITIES, strict=True):
        assert got["heading"] == want["heading"]
        assert got["what"] == want["what"]
        assert got["responsible"] == want["responsible"], want["what"]
        assert _structured(got) == _structured(want), want["what"]
        assert _dashes(got["target_text"]) == _dashes(want["target_text"])
        assert got["partners"] == want.get("partners", ""), want["what"]
        assert _dashes(got["description"]) == _dashes(want.get("description", "")), want["what"]


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("Minst 10 kontroller per månad", (TargetKind.QUANTITY, 10, Unit.MONTH, 1, True, 1)),
        ("2 gånger/år", (TargetKind.QUANTITY, 2, Unit.YEAR, 1, False, 1)),
        ("1 gång per år per klass 6–9", (TargetKind.QUANTITY, 1, Unit.YEAR, 1, False, 4)),
        ("Var tredje helg", (TargetKind.QUANTITY, 1, Unit.WEEKEND, 3, False, 1)),
        ("Varannan vecka", (TargetKind.QUANTITY, 1, Unit.WEEK, 2, False, 1)),
        ("Fyra gånger per år", (TargetKind.QUANTITY, 4, Unit.YEAR, 1, False, 1)),
        ("Vid behov", (TargetKind.TRIGGER, 0, "", 1, False, 1)),
        ("Under riskhelger", (TargetKind.TRIGGER, 0, "", 1, False, 1)),
        ("Kontinuerligt", (TargetKind.CONTINUOUS, 0, "", 1, False, 1)),
    ],
)
def test_target_wordings_become_structured_targets(wording, expected):
    parsed = importing.parse_target(wording)
    assert parsed is not None
    assert _structured(parsed) == expected


def test_a_wording_that_cannot_be_read_is_kept_as_words_and_flagged():
    activity = importing.parse_activity("Något nytt. (Enligt överenskommelse. Samverkan: Kommunen.)")
    assert activity["parsed"] is False
    assert activity["target_text"] == "Enligt överenskommelse"
    assert activity["responsible"] == Activity.Responsible.KOMMUN


def test_review_and_confirm_create_the_draft_promise_under_the_plan(plan, samordnare, police_area):
    client = client_for(samordnare)
    response = client.post(reverse("lofte_import", kwargs={"uuid": plan.uuid}), {"file": as_file("002", "pdf")})
    job = ImportJob.objects.get()
    review = reverse("lofte_import_review", kwargs={"uuid": job.uuid})
    assert response["Location"] == review
    page = client.get(review).content.decode()
    assert "Minst 10 gånger per månad" in page
    assert Medborgarlofte.objects.count() == 0

    pieces = importing.pieces_of(job)
    data = {f"p{i}": piece.section for i, piece in enumerate(pieces)}
    nattvandring = next(i for i, p in enumerate(pieces) if p.text.startswith("Nattvandring"))
    data[f"p{nattvandring}"] = DISCARD
    data |= {
        "title": "Norsjö – medborgarlöften 2019–2023",
        "period_start": "2019-01-01",
        "period_end": "2023-12-31",
        "police_area": police_area.pk,
        "action": "skapa",
    }
    created = client.post(review, data)
    lofte = Medborgarlofte.objects.get()
    assert created["Location"] == lofte.get_absolute_url()
    assert lofte.status == Medborgarlofte.Status.UTKAST
    assert lofte.plan == plan
    assert lofte.police_area == police_area
    assert lofte.focus_areas.count() == 4
    assert lofte.effects.count() == 5
    activities = list(Activity.objects.filter(lofte=lofte).order_by("order"))
    assert len(activities) == 13
    assert "Nattvandring" not in {a.what for a in activities}
    controls = next(a for a in activities if a.heading == "Trafikkontroller")
    assert (controls.target_kind, controls.target_count, controls.target_unit, controls.target_minimum) == (
        TargetKind.QUANTITY,
        10,
        Unit.MONTH,
        True,
    )
    assert controls.focus_area is not None
    assert controls.focus_area.title == "Insatser mot brott och förseelser i trafikmiljön"
    plan.refresh_from_db()
    assert plan.kommunikation.startswith("Redovisningen av arbetet")


def test_a_failed_import_says_why_and_saves_nothing(plan, samordnare, settings):
    client = client_for(samordnare)
    url = reverse("lofte_import", kwargs={"uuid": plan.uuid})
    from django.core.files.uploadedfile import SimpleUploadedFile

    scanned = client.post(url, {"file": SimpleUploadedFile("skannad.pdf", _image_only_pdf())})
    assert "ingen text att läsa" in scanned.content.decode()
    wrong = client.post(url, {"file": SimpleUploadedFile("avtal.doc", b"\xd0\xcf\x11\xe0 gammal Word-fil")})
    assert "Filtypen ”.doc” tas inte emot" in wrong.content.decode()
    disguised = client.post(url, {"file": SimpleUploadedFile("avtal.docx", b"%PDF-1.7 inte en Word-fil")})
    assert "ser inte ut att vara en Word (DOCX)-fil" in disguised.content.decode()
    settings.SAMVERKAN_MAX_UPLOAD_BYTES = 1000
    large = client.post(url, {"file": as_file("002", "txt")})
    assert "Filen är för stor" in large.content.decode()
    assert ImportJob.objects.count() == 0
    assert Medborgarlofte.objects.count() == 0


def _image_only_pdf() -> bytes:
    from weasyprint import HTML

    square = "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>"
    return HTML(string=f'<html><body><img src="{square}"></body></html>').write_pdf()


def test_a_large_file_is_read_by_celery_with_its_progress_shown(
    plan, samordnare, settings, django_capture_on_commit_callbacks
):
    settings.SAMVERKAN_IMPORT_INLINE_BYTES = 10
    client = client_for(samordnare)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(reverse("lofte_import", kwargs={"uuid": plan.uuid}), {"file": as_file("002", "docx")})
    job = ImportJob.objects.get()
    status = reverse("import_status", kwargs={"uuid": job.uuid})
    assert response["Location"] == status
    assert job.status == ImportJob.Status.WAITING
    waiting = client.get(status, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in waiting.content.decode()
    assert "<html" not in waiting.content.decode()
    for callback in queued:
        callback()  # the task runs in-process, as under `make run`
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READ
    assert job.progress == 100
    assert not job.upload
    done = client.get(status, headers={"HX-Request": "true"})
    assert done["HX-Redirect"] == reverse("lofte_import_review", kwargs={"uuid": job.uuid})
