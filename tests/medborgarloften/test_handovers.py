"""A medborgarlöfte hands over between the kommun's and the police area's leadership when signed,
and everyone working with it hears when it is in force and when it is published."""

from medborgarloften import services
from samverkan.handovers import todo_for
from samverkan.models import Notification
from samverkan.tenancy import viewer_for


def todo(user):
    return [(item.action, item.title) for item in todo_for(user, viewer_for(user))]


def emails(kind, **filters):
    return sorted(Notification.objects.filter(kind=kind, **filters).values_list("user__email", flat=True))


def test_the_other_side_is_asked_to_sign_and_both_sides_hear_it_is_in_force_and_published(
    lofte, activities, leader, police_leader, kommun, police_area, samordnare, police_contact, outsider
):
    # A draft with activities is something each side's leadership can sign.
    assert ("Skriv under medborgarlöftet", lofte.title) in todo(leader)
    assert ("Skriv under medborgarlöftet", lofte.title) in todo(police_leader)
    assert todo(samordnare) == []

    services.sign_lofte(lofte, actor=leader, organization=kommun)
    assert ("Skriv under medborgarlöftet", lofte.title) not in todo(leader)
    assert ("Skriv under medborgarlöftet", lofte.title) in todo(police_leader)
    assert emails("signature_requested", subject_key=f"lofte:{lofte.pk}") == [police_leader.email]

    services.sign_lofte(lofte, actor=police_leader, organization=police_area)
    assert todo(police_leader) == []
    in_force = sorted([samordnare.email, leader.email, police_leader.email, police_contact.email])
    assert emails("lofte_in_force", period_key="gallande") == in_force

    lofte.refresh_from_db()
    services.publish_lofte(lofte, actor=samordnare)
    services.publish_lofte(lofte, actor=samordnare)  # again: nobody is told twice
    assert emails("lofte_in_force", period_key="publicerat") == sorted(
        [leader.email, police_leader.email, police_contact.email]
    )
    assert not Notification.objects.filter(user=outsider).exists()
    assert todo(outsider) == []


def test_a_draft_without_activities_is_nothing_to_sign_yet(lofte, leader):
    assert todo(leader) == []
