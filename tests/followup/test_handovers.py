"""A submitted annual report waits for each approving party's leadership: they are told once and
see it on "Att göra" until their organisation has approved."""

from django.urls import reverse
from django.utils import timezone

from followup import services
from samverkan.handovers import todo_for
from samverkan.models import Notification
from samverkan.tenancy import viewer_for


def todo(user):
    return [(item.action, item.url) for item in todo_for(user, viewer_for(user))]


def test_leaders_of_the_approving_parties_are_asked_once(
    ready, kommun, police_area, samordnare, leader, police_leader, outsider
):
    report = services.create_report(ready, actor=samordnare, organization=kommun, year=timezone.localdate().year)
    report = services.update_report(
        report,
        actor=samordnare,
        expected_version=report.version,
        summary="Bra år.",
        worked="Samverkan.",
        changes_next_year="Fler vandringar.",
    )
    assert todo(leader) == []
    services.submit_report(report, actor=samordnare)
    asked = Notification.objects.filter(kind="report_approval_requested")
    assert sorted(asked.values_list("user__email", flat=True)) == sorted([leader.email, police_leader.email])
    approve = ("Godkänn årsuppföljningen", reverse("report_approve", args=[report.uuid]))
    assert approve in todo(leader)
    assert approve in todo(police_leader)
    assert todo(samordnare) == []

    services.approve_report(report, actor=leader, organization=kommun)
    assert approve not in todo(leader)
    assert approve in todo(police_leader)
    services.approve_report(report, actor=police_leader, organization=police_area)
    assert todo(police_leader) == []
    assert not Notification.objects.filter(user=outsider).exists()
    assert todo(outsider) == []
