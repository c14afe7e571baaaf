"""Every hand-over in an agreement's life tells the people whose turn it is, once, and shows on
their "Att göra" until they have done it; outsiders hear and see nothing."""

from django.core import mail

from agreements import handovers, services
from samverkan.handovers import todo_for
from samverkan.models import Notification, NotificationPreference
from samverkan.tenancy import viewer_for


def told(kind):
    """Who got a notification of `kind`, by e-mail address."""
    return sorted(Notification.objects.filter(kind=kind).values_list("user__email", flat=True))


def todo(user):
    return [(item.action, item.title) for item in todo_for(user, viewer_for(user))]


def test_an_invited_party_is_told_once_and_accepts_from_att_gora(
    draft, samordnare, police_area, police_contact, police_leader, outsider
):
    party = services.add_party(draft, actor=samordnare, organization=police_area)
    # The people who accept for the police area: its editors (the leader signs later).
    assert told("agreement_invited") == [police_contact.email]
    handovers.party_invited(party, actor=samordnare)  # the same hand-over again creates nothing
    assert Notification.objects.filter(kind="agreement_invited").count() == 1
    [item] = todo_for(police_contact, viewer_for(police_contact))
    assert (item.action, item.title) == ("Acceptera att delta", draft.title)
    assert item.url == draft.get_absolute_url() + "#parter"
    assert todo(samordnare) == []
    assert todo(outsider) == []
    services.accept_participation(party, actor=police_contact)
    assert todo(police_contact) == []
    assert not Notification.objects.filter(user=outsider).exists()


def test_remiss_asks_every_party_and_the_answer_reaches_the_author(
    ready, samordnare, leader, police_contact, police_leader, police_area, outsider
):
    services.send_for_comment(ready, actor=samordnare)
    # Every party's editors and leadership, not the samordnare who sent it.
    assert told("remiss_requested") == sorted([leader.email, police_contact.email, police_leader.email])
    assert ("Lämna remissvar", ready.title) in todo(police_contact)
    assert ("Lämna remissvar", ready.title) in todo(leader)
    services.add_comment(ready, actor=police_contact, organization=police_area, text="Lägg till trafik.")
    # The police area has answered: neither of its people has it left to do; the kommun has.
    assert ("Lämna remissvar", ready.title) not in todo(police_contact)
    assert ("Lämna remissvar", ready.title) not in todo(police_leader)
    assert ("Lämna remissvar", ready.title) in todo(leader)
    assert told("remiss_answered") == [samordnare.email]
    assert todo(outsider) == []
    assert not Notification.objects.filter(user=outsider).exists()


def test_each_signatory_is_told_in_turn_until_the_agreement_is_in_force(
    ready, samordnare, leader, police_leader, police_contact, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_for_signature(ready, actor=samordnare)
    assert told("signature_requested") == sorted([leader.email, police_leader.email])
    # Each asked signatory got one e-mail (sent by the Celery task after commit).
    assert sorted(m.to[0] for m in mail.outbox) == sorted([leader.email, police_leader.email])
    assert ("Skriv under", ready.title) in todo(leader)
    assert ("Skriv under", ready.title) in todo(police_leader)
    assert ("Skriv under", ready.title) not in todo(samordnare)

    kommun_party = ready.parties.get(signatory=leader)
    services.sign_agreement(ready, party=kommun_party, actor=leader)
    assert ("Skriv under", ready.title) not in todo(leader)
    # Who is still to sign, and the author's samordnare, hear who signed and whom it waits for.
    arrived = Notification.objects.filter(kind="signature_arrived")
    assert sorted(arrived.values_list("user__email", flat=True)) == sorted([police_leader.email, samordnare.email])
    assert all("nu väntar Lokalpolisområde Skellefteå" in n.body for n in arrived)

    police_party = ready.parties.get(signatory=police_leader)
    services.sign_agreement(ready, party=police_party, actor=police_leader)
    assert todo(police_leader) == []
    # The last signature is no "waiting" notice: everyone with a role in a party hears it is in force.
    assert Notification.objects.filter(kind="signature_arrived").count() == 2
    assert told("agreement_in_force") == sorted(
        [samordnare.email, leader.email, police_leader.email, police_contact.email]
    )
    assert not Notification.objects.filter(user=outsider).exists()


def test_a_person_who_turned_a_kind_off_gets_no_notice_but_still_sees_the_todo(
    ready, samordnare, leader, police_leader, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=police_leader, disabled_kinds=["signature_requested"])
    NotificationPreference.objects.create(user=leader, weekly_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_for_signature(ready, actor=samordnare)
    assert told("signature_requested") == [leader.email]
    # The weekly digest carries it: nothing is e-mailed now.
    assert mail.outbox == []
    assert ("Skriv under", ready.title) in todo(police_leader)


def test_att_gora_takes_a_bounded_number_of_queries(
    ready, samordnare, leader, django_assert_max_num_queries, police_area, police_contact
):
    services.send_for_comment(ready, actor=samordnare)
    viewer = viewer_for(leader)
    with django_assert_max_num_queries(10):
        items = todo_for(leader, viewer)
    assert items
