import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.urls import reverse

from lagesbild import services
from lagesbild.models import Lagesbild, Problem, Source
from tests.conftest import client_for

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_samordnare_creates_a_lagesbild(samordnare, kommun):
    client = client_for(samordnare)
    assert "personuppgifter" in client.get(reverse("lagesbild_create", args=[kommun.slug])).content.decode()
    response = client.post(
        reverse("lagesbild_create", args=[kommun.slug]),
        {"title": "Lägesbild 2026", "period_start": "2026-01-01", "period_end": "2026-12-31", "analys": "A"},
    )
    lagesbild = Lagesbild.objects.get(title="Lägesbild 2026")
    assert response["Location"] == lagesbild.get_absolute_url()
    assert lagesbild.organization == kommun


def test_bad_period_is_explained_and_what_was_typed_is_kept(samordnare, kommun):
    response = client_for(samordnare).post(
        reverse("lagesbild_create", args=[kommun.slug]),
        {
            "title": "Min rubrik",
            "period_start": "2026-12-31",
            "period_end": "2026-01-01",
            "analys": "Min analys",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Slutdatum kan inte vara före startdatum" in body
    assert 'value="Min rubrik"' in body
    assert "Min analys" in body
    assert not Lagesbild.objects.filter(title="Min rubrik").exists()


def test_reader_and_police_cannot_create_for_the_kommun(county_reader, police_contact, kommun):
    assert client_for(county_reader).get(reverse("lagesbild_create", args=[kommun.slug])).status_code == 403
    assert client_for(police_contact).get(reverse("lagesbild_create", args=[kommun.slug])).status_code == 404


def test_detail_shows_parts_problems_and_sources(samordnare, lagesbild, problems, source):
    body = client_for(samordnare).get(lagesbild.get_absolute_url()).content.decode()
    for text in (
        "Kartläggning",
        "Annan information",
        "Analys",
        "Anmälda brott ökar i centrum.",
        "Narkotika bland unga",
        "Orsak A",
        source.title,
        "Flytta ned",
    ):
        assert text in body


def test_county_reader_reads_but_cannot_edit(county_reader, lagesbild, problems):
    client = client_for(county_reader)
    body = client.get(lagesbild.get_absolute_url()).content.decode()
    assert "Narkotika bland unga" in body
    assert "Flytta ned" not in body
    assert "Du kan inte ändra den" in body
    assert client.get(reverse("lagesbild_edit", args=[lagesbild.uuid])).status_code == 403
    response = client.post(reverse("problem_move", args=[problems[1].uuid]), {"direction": "up"})
    assert response.status_code == 403
    assert Problem.objects.get(pk=problems[1].pk).priority == 2


def test_edit_conflict_keeps_what_the_second_person_typed(samordnare, lagesbild):
    client = client_for(samordnare)
    form = {
        "title": lagesbild.title,
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "analys": "",
        "version": lagesbild.version,
    }
    assert client.post(reverse("lagesbild_edit", args=[lagesbild.uuid]), {**form, "analys": "Först"}).status_code == 302
    response = client.post(reverse("lagesbild_edit", args=[lagesbild.uuid]), {**form, "analys": "Min andra text"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar" in body
    assert "Min andra text" in body
    assert Lagesbild.objects.get(pk=lagesbild.pk).analys == "Först"


def test_priority_moves_without_javascript_redirect_back(samordnare, lagesbild, problems):
    response = client_for(samordnare).post(reverse("problem_move", args=[problems[2].uuid]), {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"] == f"{lagesbild.get_absolute_url()}#problem-{problems[2].uuid}"
    assert Problem.objects.get(pk=problems[2].pk).priority == 2


def test_priority_moves_with_htmx_return_only_the_list(samordnare, lagesbild, problems):
    response = client_for(samordnare).post(
        reverse("problem_move", args=[problems[0].uuid]), {"direction": "down"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="problem-list">')
    assert "<html" not in body
    listing = body[body.index("<ol") :]
    assert listing.index("Trafikbrott") < listing.index("Narkotika bland unga")
    assert "Narkotika bland unga har nu prioritet 2." in body
    # Focus stays on the moved problem's button for the same direction (static/js/app.js).
    moved = listing[listing.index(f'id="problem-{problems[0].uuid}"') :]
    moved = moved[: moved.index('<li id="problem-')] if '<li id="problem-' in moved else moved
    assert moved.count("data-autofocus") == 1
    assert re.search(r"data-autofocus>Flytta ned<span", moved)
    assert body.count("data-autofocus") == 1


def test_adopt_from_the_browser_then_the_picture_is_locked(samordnare, lagesbild, problems):
    client = client_for(samordnare)
    response = client.post(
        reverse("lagesbild_adopt", args=[lagesbild.uuid]),
        {"adopted_on": "2025-02-01", "adopted_by": "Kommunstyrelsen"},
    )
    assert response.status_code == 302
    body = client.get(lagesbild.get_absolute_url()).content.decode()
    assert "Fastställd" in body
    assert "Ny lägesbild utifrån denna" in body
    response = client.get(reverse("lagesbild_edit", args=[lagesbild.uuid]), follow=True)
    assert "kan inte ändras" in response.content.decode()


def test_adopt_refusal_is_shown_in_swedish(samordnare, lagesbild):
    response = client_for(samordnare).post(
        reverse("lagesbild_adopt", args=[lagesbild.uuid]), {"adopted_on": "2025-02-01", "adopted_by": "KS"}
    )
    assert "minst ett prioriterat problem" in response.content.decode()


def test_problem_form_offers_only_this_pictures_sources(samordnare, lagesbild, source, kommun, themes):
    other = services.create_lagesbild(
        kommun, actor=samordnare, title="Annan", period_start=date(2024, 1, 1), period_end=date(2024, 12, 31)
    )
    foreign = services.add_source(other, actor=samordnare, kind="annat", title="Främmande", date=date(2024, 1, 1))
    client = client_for(samordnare)
    response = client.post(
        reverse("problem_create", args=[lagesbild.uuid]),
        {"title": "Nytt", "theme": themes["trafik"].pk, "sources": [foreign.pk], "causes": "En\nTvå"},
    )
    assert response.status_code == 200
    assert "giltigt val" in response.content.decode() or "Välj ett giltigt" in response.content.decode()
    response = client.post(
        reverse("problem_create", args=[lagesbild.uuid]),
        {"title": "Nytt", "theme": themes["trafik"].pk, "sources": [source.pk], "causes": "En\n\nTvå\n"},
    )
    assert response.status_code == 302
    problem = Problem.objects.get(title="Nytt")
    assert [c.description for c in problem.causes.all()] == ["En", "Två"]


def test_upload_a_pdf_source_and_download_it(samordnare, lagesbild, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(samordnare)
    upload = SimpleUploadedFile("Polisens statistik.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        reverse("source_create", args=[lagesbild.uuid]),
        {"kind": "polisens_statistik", "title": "Statistik", "date": "2025-01-10", "upload": upload},
    )
    assert response.status_code == 302
    source = Source.objects.get(title="Statistik")
    assert "Polisens" not in source.attachment.name  # stored under a random name
    download = client.get(reverse("source_attachment", args=[source.uuid]))
    assert download.status_code == 200
    assert isinstance(download, FileResponse)
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert (
        'filename="Polisens statistik.pdf"' in download["Content-Disposition"]
        or "Polisens" in download["Content-Disposition"]
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ...", "tas inte emot"),
        ("fake.pdf", b"<html>not a pdf</html>", "ser inte ut att vara en PDF"),
        ("fake.xlsx", b"PK\x03\x04garbage", "ser inte ut att vara en Excel"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason_and_the_form_keeps_its_text(
    samordnare, lagesbild, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path
    response = client_for(samordnare).post(
        reverse("source_create", args=[lagesbild.uuid]),
        {
            "kind": "annat",
            "title": "Min titel",
            "date": "2025-01-10",
            "upload": SimpleUploadedFile(name, content),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert 'value="Min titel"' in body
    assert not Source.objects.filter(title="Min titel").exists()


def test_too_large_upload_is_refused(samordnare, lagesbild, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SAMVERKAN_MAX_UPLOAD_BYTES = 100
    response = client_for(samordnare).post(
        reverse("source_create", args=[lagesbild.uuid]),
        {
            "kind": "annat",
            "title": "Stor",
            "date": "2025-01-10",
            "upload": SimpleUploadedFile("stor.csv", b"2020;1\n" * 50),
        },
    )
    assert "för stor" in response.content.decode()


def test_indicator_page_shows_an_svg_chart_and_takes_measurements(samordnare, indicator):
    client = client_for(samordnare)
    response = client.post(reverse("measurement_add", args=[indicator.uuid]), {"period": "2023", "value": "18,5"})
    assert response.status_code == 302
    body = client.get(reverse("indicator_detail", args=[indicator.uuid])).content.decode()
    assert "<svg" in body
    assert "2023: 18,5" in body
    svg = client.get(reverse("indicator_chart", args=[indicator.uuid]))
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert b"<circle" in svg.content


def test_bad_measurement_keeps_the_input_and_explains(samordnare, indicator):
    response = client_for(samordnare).post(
        reverse("measurement_add", args=[indicator.uuid]), {"period": "förra året", "value": "tolv"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "ÅÅÅÅ" in body
    assert "måste vara ett tal" in body
    assert 'value="förra året"' in body


def test_csv_import_view_reports_bad_rows_and_saves_nothing(samordnare, indicator):
    data = SimpleUploadedFile("v.csv", b"2021;12\n2022;tolv\n", content_type="text/csv")
    response = client_for(samordnare).post(reverse("measurement_import", args=[indicator.uuid]), {"file": data})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Rad 2: ”tolv” är inte ett tal." in body
    assert indicator.measurements.count() == 0


def test_csv_import_view_imports_good_files(samordnare, indicator):
    data = SimpleUploadedFile("v.csv", "år;värde\n2021;12\n2022;11,5\n".encode(), content_type="text/csv")
    response = client_for(samordnare).post(
        reverse("measurement_import", args=[indicator.uuid]), {"file": data}, follow=True
    )
    assert "2 nya och 0 uppdaterade" in response.content.decode()
    assert indicator.measurements.count() == 2


def test_compare_shows_only_organisations_the_person_may_read(county_reader, kommun, second_kommun, other_kommun):
    body = client_for(county_reader).get(reverse("lagesbild_compare")).content.decode()
    assert kommun.name in body
    assert second_kommun.name in body
    assert other_kommun.name not in body
    body = (
        client_for(county_reader)
        .get(reverse("lagesbild_compare"), {"org": [kommun.slug, other_kommun.slug]})
        .content.decode()
    )
    assert other_kommun.name not in body


def test_history_page_shows_before_and_after(samordnare, lagesbild):
    services.update_lagesbild(lagesbild, actor=samordnare, expected_version=lagesbild.version, analys="Ny analys")
    body = client_for(samordnare).get(reverse("lagesbild_history", args=[lagesbild.uuid])).content.decode()
    assert "Ny analys" in body
    assert "Narkotika bland unga är det största problemet." in body
    assert samordnare.full_name in body
