from django.urls import reverse

from agreements import services
from agreements.models import Agreement, AgreementParty
from tests.conftest import client_for, signing_data


def test_samordnare_drafts_an_agreement_in_the_browser(samordnare, kommun):
    client = client_for(samordnare)
    response = client.post(
        reverse("agreement_create", args=[kommun.slug]),
        {"title": "Ny överenskommelse", "period_start": "2026-01-01", "period_end": "2028-12-31"},
    )
    agreement = Agreement.objects.get(title="Ny överenskommelse")
    assert response["Location"] == agreement.get_absolute_url()
    body = client.get(agreement.get_absolute_url()).content.decode()
    assert "Utkast" in body
    assert "Minst en part ska vara Polisen" in body


def test_edit_keeps_typed_text_on_conflict(samordnare, draft):
    client = client_for(samordnare)
    form = {
        "title": draft.title,
        "period_start": "2025-01-01",
        "period_end": "2027-12-31",
        "renewal": "revideras",
        "version": draft.version,
        "vision": "minska brottsligheten\növa tryggheten",
    }
    assert client.post(reverse("agreement_edit", args=[draft.uuid]), {**form, "syfte": "Första"}).status_code == 302
    draft.refresh_from_db()
    assert list(draft.items.values_list("text", flat=True)) == ["minska brottsligheten", "öva tryggheten"]
    response = client.post(reverse("agreement_edit", args=[draft.uuid]), {**form, "syfte": "Min andra version"})
    assert "Någon annan har sparat" in response.content.decode()
    assert "Min andra version" in response.content.decode()


def test_detail_shows_every_section_and_flags_unbacked_focus_areas(samordnare, ready):
    services.add_focus_area(ready, actor=samordnare, title="Trygghet utan underlag")
    body = client_for(samordnare).get(ready.get_absolute_url()).content.decode()
    for text in (
        "Syfte",
        "Minska brottsligheten.",
        "Gemensam vision",
        "minska brottsligheten",
        "ANDT-S",
        "Polisen åtar sig",
        "Polisen utser en kontaktperson.",
        "Kommunen utser en samordnare.",
        "Inget prioriterat problem",
        "förlängs denna överenskommelse tills vidare",
        "Underskrifter",
    ):
        assert text in body, text


def test_lifecycle_buttons_and_refusals_in_the_browser(samordnare, ready, leader):
    client = client_for(samordnare)
    url = reverse("agreement_transition", args=[ready.uuid])
    client.post(url, {"action": "underskrift"})
    ready.refresh_from_db()
    assert ready.status == "for_underskrift"
    response = client.get(reverse("agreement_edit", args=[ready.uuid]), follow=True)
    assert "kan inte ändras" in response.content.decode()
    response = client.post(url, {"action": "remiss"}, follow=True)
    assert "Bara ett utkast kan skickas på remiss." in response.content.decode()


def test_reader_cannot_change_the_agreement(county_reader, ready):
    client = client_for(county_reader)
    assert client.get(ready.get_absolute_url()).status_code == 200
    assert client.post(reverse("agreement_transition", args=[ready.uuid]), {"action": "underskrift"}).status_code == 403
    assert client.get(reverse("agreement_edit", args=[ready.uuid])).status_code == 403


def test_signing_needs_the_password_and_records_the_signature(samordnare, ready, leader):
    services.send_for_signature(ready, actor=samordnare)
    client = client_for(leader)
    page = client.get(ready.get_absolute_url()).content.decode()
    assert "Skriv under för Norsjö kommun" in page
    response = client.post(reverse("agreement_sign", args=[ready.uuid]), {**signing_data(), "password": "fel"})
    assert "Lösenordet stämmer inte." in response.content.decode()
    assert not ready.signatures.exists()
    response = client.post(reverse("agreement_sign", args=[ready.uuid]), signing_data(), follow=True)
    assert "Du har skrivit under för Norsjö kommun." in response.content.decode()
    assert ready.signatures.get().signed_by == leader


def test_someone_who_is_not_a_signatory_has_nothing_to_sign(samordnare, ready):
    services.send_for_signature(ready, actor=samordnare)
    response = client_for(samordnare).get(reverse("agreement_sign", args=[ready.uuid]), follow=True)
    assert "inget för dig att skriva under" in response.content.decode()


def test_invited_party_accepts_and_names_its_signatory(samordnare, draft, police_area, police_contact, police_leader):
    client_for(samordnare).post(
        reverse("party_add", args=[draft.uuid]), {"organization": police_area.pk, "signatory_title": "LPO-chef"}
    )
    party = AgreementParty.objects.get(agreement=draft, organization=police_area)
    assert party.accepted_at is None
    police = client_for(police_contact)
    assert "Acceptera att delta" in police.get(draft.get_absolute_url()).content.decode()
    police.post(reverse("party_accept", args=[party.uuid]))
    police.post(
        reverse("party_edit", args=[party.uuid]),
        {"signatory": police_leader.pk, "signatory_title": "LPO-chef", "version": party.version},
    )
    party.refresh_from_db()
    assert party.accepted_at is not None
    assert party.signatory == police_leader
    # The kommun cannot decide who signs for the police.
    assert client_for(samordnare).get(reverse("party_edit", args=[party.uuid])).status_code == 403


def test_party_form_refuses_a_signatory_from_another_organisation(samordnare, draft, outsider):
    party = draft.parties.get()
    response = client_for(samordnare).post(
        reverse("party_edit", args=[party.uuid]), {"signatory": outsider.pk, "signatory_title": "X"}
    )
    assert response.status_code == 200
    party.refresh_from_db()
    assert party.signatory is None


def test_remiss_comment_from_a_party(samordnare, ready, police_contact):
    services.send_for_comment(ready, actor=samordnare)
    response = client_for(police_contact).post(
        reverse("agreement_comment", args=[ready.uuid]), {"text": "Lägg till trafik."}, follow=True
    )
    assert "Lägg till trafik." in response.content.decode()


def test_joint_picture_shows_parties_side_by_side_with_focus_areas(samordnare, ready):
    body = client_for(samordnare).get(reverse("agreement_joint_picture", args=[ready.uuid])).content.decode()
    assert "Narkotika bland unga" in body
    assert "Narkotikabrott" in body
    assert "Rattfylleri" in body
    assert "gemensamt" in body
    assert "Fokusområde: ANDT-S" in body


def test_revise_and_diff_pages(samordnare, ready):
    services.send_for_signature(ready, actor=samordnare)
    for party in ready.parties.select_related("signatory"):
        services.sign_agreement(ready, party=party, actor=party.signatory)
    response = client_for(samordnare).post(reverse("agreement_revise", args=[ready.uuid]))
    revision = Agreement.objects.get(previous=ready)
    assert response["Location"] == revision.get_absolute_url()
    services.update_agreement(revision, actor=samordnare, expected_version=revision.version, syfte="Helt ny text.")
    body = client_for(samordnare).get(reverse("agreement_diff", args=[revision.uuid])).content.decode()
    assert "<ins>Helt ny text.</ins>" in body or "<ins>Helt ny" in body
