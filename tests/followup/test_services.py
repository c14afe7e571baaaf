from datetime import timedelta

import pytest
from django.utils import timezone

from followup import services
from followup.models import ActivityLog, AnnualReport
from followup.reports import report_figures
from samverkan.errors import DomainError
from samverkan.tenancy import can_log, viewer_for


def test_rights_to_log_follow_responsibility(
    active_lofte, activities, samordnare, police_contact, county_reader, leader
):
    police, kommun = viewer_for(police_contact), viewer_for(samordnare)
    traffic, walk, night = activities  # polis, kommun, båda
    assert can_log(police, traffic)
    assert not can_log(police, walk)
    assert can_log(police, night)
    assert not can_log(kommun, traffic)
    assert can_log(kommun, walk)
    assert can_log(kommun, night)
    assert not can_log(viewer_for(county_reader), walk)
    assert not can_log(viewer_for(leader), walk)


def test_log_and_its_checks(active_lofte, activities, police_contact, police_area):
    today = timezone.localdate()
    log = services.log_activity(activities[0], actor=police_contact, organization=police_area, done_on=today, count=3)
    assert (log.count, log.logged_by, log.organization) == (3, police_contact, police_area)
    with pytest.raises(DomainError, match="framtiden"):
        services.log_activity(
            activities[0], actor=police_contact, organization=police_area, done_on=today + timedelta(days=1)
        )
    with pytest.raises(DomainError, match="minst 1"):
        services.log_activity(activities[0], actor=police_contact, organization=police_area, done_on=today, count=0)


def test_cannot_log_a_draft_promise(lofte, activities, police_contact, police_area):
    with pytest.raises(DomainError, match="gällande"):
        services.log_activity(
            activities[0], actor=police_contact, organization=police_area, done_on=timezone.localdate()
        )


def test_edit_and_undo_only_own_logs_for_a_while(active_lofte, activities, police_contact, police_area, samordnare):
    today = timezone.localdate()
    log = services.log_activity(activities[0], actor=police_contact, organization=police_area, done_on=today)
    services.update_log(log, actor=police_contact, expected_version=log.version, done_on=today, count=2, note="Rättat")
    assert ActivityLog.objects.get(pk=log.pk).count == 2
    with pytest.raises(DomainError):
        services.undo_log(log, actor=samordnare)
    ActivityLog.objects.filter(pk=log.pk).update(logged_at=timezone.now() - timedelta(days=3))
    log.refresh_from_db()
    with pytest.raises(DomainError, match="48 timmar"):
        services.undo_log(log, actor=police_contact)
    ActivityLog.objects.filter(pk=log.pk).update(logged_at=timezone.now())
    log.refresh_from_db()
    services.undo_log(log, actor=police_contact)
    assert not ActivityLog.objects.filter(pk=log.pk).exists()


def test_report_figures_equal_the_logs(
    active_lofte, activities, ready, kommun, police_contact, police_area, samordnare
):
    year = timezone.localdate().year
    for _ in range(3):
        services.log_activity(
            activities[0], actor=police_contact, organization=police_area, done_on=timezone.localdate(), count=2
        )
    services.log_activity(activities[2], actor=samordnare, organization=kommun, done_on=timezone.localdate())
    report = services.create_report(ready, actor=samordnare, organization=kommun, year=year)
    figures = report_figures(report)
    rows = {row["what"]: row for group in figures["groups"] for row in group["rows"]}
    logged = {
        a.what: sum(ActivityLog.objects.filter(activity=a, done_on__year=year).values_list("count", flat=True))
        for a in activities
    }
    assert {what: row["done"] for what, row in rows.items()} == logged
    assert rows["Nattvandring"]["status"] == "ej_matbar"
    assert figures["logged_total"] == sum(logged.values())


def test_report_lifecycle_approval_by_kommun_and_police(
    ready,
    kommun,
    police_area,
    samordnare,
    leader,
    police_leader,
    active_lofte,
    django_capture_on_commit_callbacks,
    seal_dir,
):
    report = services.create_report(ready, actor=samordnare, organization=kommun, year=2026)
    with pytest.raises(DomainError, match="Skriv sammanfattning"):
        services.submit_report(report, actor=samordnare)
    services.update_report(
        report, actor=samordnare, expected_version=report.version, summary="S", worked="W", changes_next_year="C"
    )
    services.submit_report(report, actor=samordnare)
    with pytest.raises(DomainError, match="Bara ledningen"):
        services.approve_report(report, actor=samordnare, organization=kommun)
    services.approve_report(report, actor=leader, organization=kommun)
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.FOR_GODKANNANDE
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_report(report, actor=police_leader, organization=police_area)
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.GODKAND
    assert report.figures is not None
    assert report.pdf_sha256
    with pytest.raises(DomainError):
        services.update_report(report, actor=samordnare, expected_version=report.version, summary="Ändrad")


def test_one_report_per_kommun_and_year(ready, kommun, samordnare):
    services.create_report(ready, actor=samordnare, organization=kommun, year=2026)
    with pytest.raises(DomainError, match="redan"):
        services.create_report(ready, actor=samordnare, organization=kommun, year=2026)
