import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from medborgarloften import services
from medborgarloften.models import Activity
from tests.conftest import client_for, signing_data

FORM = {
    "heading": "Trygghet",
    "what": "Dörrknackning",
    "responsible": "polis",
    "target_kind": "antal",
    "target_count": "2",
    "target_unit": "ar",
    "target_every": "1",
    "target_multiplier": "1",
    "target_text": "",
}


def test_plan_page_shows_goals_promises_and_activities(samordnare, plan, lofte, activities):
    body = client_for(samordnare).get(plan.get_absolute_url()).content.decode()
    for text in (
        "Lokala mål",
        "Medborgarlöfte Norsjö",
        "Hastighet och rattfylleri",
        "Minst 10 kontroller per månad",
        "Under riskhelger",
        "Lägg till aktivitet",
        'id="plan-version"',
    ):
        assert text in body, text


def test_add_activity_without_javascript(samordnare, plan, lofte):
    response = client_for(samordnare).post(
        reverse("activity_create", args=[lofte.uuid]), {**FORM, "version": plan.version}
    )
    assert response.status_code == 302
    assert Activity.objects.get(lofte=lofte).target_display == "2 gånger per år"


def test_add_activity_with_htmx_returns_the_new_list_and_the_new_version(samordnare, plan, lofte):
    response = client_for(samordnare).post(
        reverse("activity_create", args=[lofte.uuid]), {**FORM, "version": plan.version}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response["HX-Retarget"] == f"#activities-{lofte.uuid}"
    assert "Dörrknackning" in body
    assert "<html" not in body
    plan.refresh_from_db()
    assert f'id="plan-version" value="{plan.version}" hx-swap-oob="true"' in body


def test_validation_errors_shown_in_place_in_swedish_keeping_the_input(samordnare, plan, lofte):
    response = client_for(samordnare).post(
        reverse("activity_create", args=[lofte.uuid]),
        {**FORM, "what": "Mitt förslag", "target_count": "0", "version": plan.version},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ange hur många gånger, minst 1." in body
    assert 'value="Mitt förslag"' in body
    assert body.lstrip().startswith('<li class="activity activity--editing">')
    assert not Activity.objects.filter(lofte=lofte).exists()


def test_concurrent_edit_gives_a_conflict_and_keeps_what_was_typed(samordnare, plan, activities):
    client = client_for(samordnare)
    stale = plan.version
    first = client.post(
        reverse("activity_edit", args=[activities[1].uuid]),
        {**FORM, "what": "Trygghetsvandring i centrum", "responsible": "kommun", "version": stale},
    )
    assert first.status_code == 302
    second = client.post(
        reverse("activity_edit", args=[activities[1].uuid]),
        {**FORM, "what": "Min egen formulering", "responsible": "kommun", "version": stale},
        HTTP_HX_REQUEST="true",
    )
    body = second.content.decode()
    assert "Någon annan har sparat ändringar" in body
    assert 'value="Min egen formulering"' in body
    assert "Den sparade versionen jämfört med det du skrev" in body
    assert "Trygghetsvandring i centrum" in body
    assert Activity.objects.get(pk=activities[1].pk).what == "Trygghetsvandring i centrum"


def test_move_and_remove_with_htmx(samordnare, plan, lofte, activities):
    client = client_for(samordnare)
    response = client.post(
        reverse("activity_move", args=[activities[2].uuid]),
        {"direction": "up", "version": plan.version},
        HTTP_HX_REQUEST="true",
    )
    listing = response.content.decode()
    assert listing.index("Nattvandring") < listing.index("Trygghetsvandring")
    plan.refresh_from_db()
    client.post(
        reverse("activity_delete", args=[activities[0].uuid]), {"version": plan.version}, HTTP_HX_REQUEST="true"
    )
    assert not Activity.objects.filter(pk=activities[0].pk).exists()


def test_stale_move_shows_the_conflict_in_the_list(samordnare, plan, activities):
    response = client_for(samordnare).post(
        reverse("activity_move", args=[activities[2].uuid]),
        {"direction": "up", "version": plan.version - 1},
        HTTP_HX_REQUEST="true",
    )
    assert "Någon annan har sparat ändringar" in response.content.decode()


def test_police_contact_edits_police_activities_but_not_the_kommuns(police_contact, plan, activities):
    client = client_for(police_contact)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Du kan ändra de aktiviteter som polisen ansvarar för" in page
    assert client.get(reverse("activity_edit", args=[activities[0].uuid])).status_code == 200
    assert client.get(reverse("activity_edit", args=[activities[1].uuid])).status_code == 403
    assert client.get(reverse("activity_create", args=[activities[0].lofte.uuid])).status_code == 403


def test_county_reader_reads_the_plan(county_reader, plan, activities):
    client = client_for(county_reader)
    assert "Hastighet och rattfylleri" in client.get(plan.get_absolute_url()).content.decode()
    assert client.get(reverse("activity_edit", args=[activities[0].uuid])).status_code == 403


@pytest.fixture
def published(
    lofte,
    activities,
    leader,
    police_leader,
    kommun,
    police_area,
    samordnare,
    seal_dir,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_lofte(lofte, actor=leader, organization=kommun)
        services.sign_lofte(lofte, actor=police_leader, organization=police_area)
    lofte.refresh_from_db()
    services.publish_lofte(lofte, actor=samordnare)
    services.add_occasion(
        activities[1],
        actor=samordnare,
        starts_at=datetime(2030, 5, 20, 18, tzinfo=ZoneInfo("Europe/Stockholm")),
        place="Torget",
    )
    return lofte


def test_public_page_shows_only_published_content_and_nothing_internal(client, published, plan, kommun, activities):
    response = client.get(reverse("public_loften", args=[kommun.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Medborgarlöfte Norsjö",
        "Minst 10 kontroller per månad",
        "Under riskhelger",
        "Ökad upplevd trygghet.",
        "Trygghetsvandring",
        "Torget",
    ):
        assert text in body, text
    # Internal: plan version, edit links, goals, the samordnare's name.
    for text in ("plan-version", "Redigera", "Lokala mål", "Sara Samordnare"):
        assert text not in body, text


def test_public_page_answers_404_before_publishing(client, lofte, kommun):
    assert client.get(reverse("public_loften", args=[kommun.slug])).status_code == 404


def test_json_feed(client, published, kommun):
    data = json.loads(client.get(reverse("public_loften_json", args=[kommun.slug])).content)
    lofte = data["medborgarloften"][0]
    assert data["kommun"]["kommunkod"] == "2417"
    assert lofte["rubrik"] == "Medborgarlöfte Norsjö"
    assert {a["aktivitet"]: a["mal"] for a in lofte["aktiviteter"]}["Nattvandring"] == "Under riskhelger"
    assert lofte["effekter"] == ["Ökad upplevd trygghet.", "Minskad brottslighet."]


def test_icalendar_feed(client, published, kommun):
    from icalendar import Calendar

    response = client.get(reverse("public_loften_ics", args=[kommun.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Trygghetsvandring"]
    assert str(events[0]["LOCATION"]) == "Torget"


def test_embed_may_be_framed_by_other_sites(client, published, kommun):
    response = client.get(reverse("public_loften_embed", args=[kommun.slug]))
    assert response.status_code == 200
    assert "X-Frame-Options" not in response


def test_signed_lofte_has_a_sealed_pdf_that_verifies(published, client):
    from samverkan.seal import verify_pdf

    with published.pdf.open("rb") as handle:
        data = handle.read()
    assert verify_pdf(data).ok
    body = client.post(reverse("verify"), {"file": _upload(data)}).content.decode()
    assert "Medborgarlöfte Norsjö" in body


def _upload(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("lofte.pdf", data)


def test_sign_page_requires_password(leader, lofte, activities):
    client = client_for(leader)
    response = client.post(reverse("lofte_sign", args=[lofte.uuid]), {**signing_data(), "password": "fel"})
    assert "Lösenordet stämmer inte." in response.content.decode()
    client.post(reverse("lofte_sign", args=[lofte.uuid]), signing_data())
    assert lofte.signatures.count() == 1
