"""'Skriv under' shows only to a named signatory who has not signed an agreement waiting for
signatures; the sign page refuses everything else with a message that says why."""

import pytest
from django.urls import reverse

from agreements import services
from tests.conftest import client_for, signing_data

SIGN = "Skriv under för"


def shows_sign_button(agreement, user):
    return SIGN in client_for(user).get(agreement.get_absolute_url()).content.decode()


def test_no_one_sees_it_on_a_draft_or_on_remiss(ready, samordnare, leader, police_leader, police_contact):
    people = (samordnare, leader, police_leader, police_contact)
    assert not any(shows_sign_button(ready, p) for p in people)
    services.send_for_comment(ready, actor=samordnare)
    assert not any(shows_sign_button(ready, p) for p in people)


def test_only_signatories_who_have_not_signed_see_it_while_waiting_for_signatures(
    ready, samordnare, leader, police_leader, police_contact
):
    services.send_for_signature(ready, actor=samordnare)
    assert shows_sign_button(ready, leader)
    assert shows_sign_button(ready, police_leader)
    assert not shows_sign_button(ready, samordnare)
    assert not shows_sign_button(ready, police_contact)
    services.sign_agreement(ready, party=ready.parties.get(signatory=leader), actor=leader)
    assert not shows_sign_button(ready, leader)
    assert shows_sign_button(ready, police_leader)
    services.sign_agreement(ready, party=ready.parties.get(signatory=police_leader), actor=police_leader)
    # Gällande: nobody has anything left to sign.
    assert not shows_sign_button(ready, leader)
    assert not shows_sign_button(ready, police_leader)


@pytest.mark.parametrize("status", ["utkast", "remiss"])
def test_the_sign_page_refuses_an_agreement_not_waiting_for_signatures(ready, samordnare, leader, status):
    if status == "remiss":
        services.send_for_comment(ready, actor=samordnare)
    client = client_for(leader)
    response = client.post(reverse("agreement_sign", args=[ready.uuid]), signing_data(), follow=True)
    assert "väntar inte på underskrifter" in response.content.decode()
    assert not ready.signatures.exists()
