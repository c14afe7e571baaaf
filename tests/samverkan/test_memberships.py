from django.core import mail
from django.urls import reverse

from samverkan.models import Membership, User
from samverkan.personal_data import anonymise_person, export_person
from tests.conftest import client_for, enable_totp, make_person


def admin_of(kommun):
    admin = make_person(kommun, "admin", "admin@norsjo.test", "Ada Admin")
    enable_totp(admin)
    return admin


def test_admin_invites_a_new_person_who_gets_a_link_to_choose_a_password(kommun, django_capture_on_commit_callbacks):
    admin = admin_of(kommun)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post(
            reverse("organization_members", args=[kommun.slug]),
            {
                "email": "Ny.Person@Norsjo.test",
                "full_name": "Ny Person",
                "title": "Folkhälsostrateg",
                "role": "samordnare",
            },
        )
    assert response.status_code == 302
    person = User.objects.get(email="ny.person@norsjo.test")
    assert Membership.objects.filter(user=person, organization=kommun, role="samordnare").exists()
    assert not person.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["ny.person@norsjo.test"]
    assert "Välj ditt lösenord" in message.body
    assert "/konto/password/reset/key/" in message.body


def test_removing_a_membership_removes_access_at_once(kommun, samordnare):
    admin = admin_of(kommun)
    client = client_for(samordnare)
    assert client.get(reverse("organization_detail", args=[kommun.slug])).status_code == 200
    membership = Membership.objects.get(user=samordnare, organization=kommun)
    client_for(admin).post(reverse("membership_remove", args=[membership.uuid]), {"bekraftat": "1"})
    assert client.get(reverse("organization_detail", args=[kommun.slug])).status_code == 404


def test_the_last_admin_cannot_be_removed(kommun):
    admin = admin_of(kommun)
    membership = Membership.objects.get(user=admin, organization=kommun)
    response = client_for(admin).post(
        reverse("membership_remove", args=[membership.uuid]), {"bekraftat": "1"}, follow=True
    )
    assert "minst en administratör" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_only_the_organisations_admin_manages_people(kommun, samordnare, outsider):
    assert client_for(samordnare).get(reverse("organization_members", args=[kommun.slug])).status_code == 403
    assert client_for(outsider).get(reverse("organization_members", args=[kommun.slug])).status_code == 404


def test_export_holds_everything_about_me_and_nothing_about_others(samordnare, leader, lagesbild_for_export):
    data = export_person(samordnare)
    assert data["person"]["e-post"] == samordnare.email
    memberships = data["uppgifter"]["samverkan.membership (user)"]
    assert [m["role"] for m in memberships] == ["samordnare"]
    assert any("historical" in key for key in data["uppgifter"])  # changes attributed to me
    assert leader.email not in str(data)


def test_export_download(samordnare):
    response = client_for(samordnare).get(reverse("my_data_export"))
    assert response["Content-Type"].startswith("application/json")
    assert samordnare.email in response.content.decode()


def test_anonymisation_keeps_records_but_removes_identity(samordnare, kommun, lagesbild_for_export):
    email = samordnare.email
    anonymise_person(samordnare, actor=None)
    samordnare.refresh_from_db()
    assert samordnare.full_name == "Anonymiserad person"
    assert samordnare.email != email
    assert not samordnare.is_active
    assert not samordnare.has_usable_password()
    assert not Membership.objects.filter(user=samordnare).exists()
    # The lägesbild history still says a (now anonymous) person made it.
    assert lagesbild_for_export.history.filter(history_user=samordnare).exists()
