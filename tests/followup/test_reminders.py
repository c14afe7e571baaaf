"""The reminder scan: its choices for each kind, exactly-once delivery, preferences."""

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from agreements import services as agreement_services
from followup import services
from followup.reminders import plan_reminders, report_due_date
from samverkan.models import Notification, NotificationPreference
from samverkan.tasks import send_notification_email, send_weekly_digests
from samverkan.tenancy import system_scope

TODAY = date(2026, 3, 20)


def kinds_for(planned, user):
    return {(p.kind, p.period_key) for p in planned if p.user == user}


def test_behind_activities_remind_the_responsible_partys_contacts(active_lofte, activities, police_contact, samordnare):
    planned = plan_reminders(TODAY)  # nothing logged by 20 March
    traffic, _walk, _night = activities
    police = [p for p in planned if p.user == police_contact and p.kind == "activity_behind"]
    assert [p.subject_key for p in police] == [f"activity:{traffic.pk}"]  # polis: 10 per månad
    assert police[0].period_key == "2026-03"
    assert "0 av 10 denna månad" in police[0].body
    # Twice a year is not behind in March, and "under riskhelger" is never behind.
    assert not [p for p in planned if p.user == samordnare and p.kind == "activity_behind"]


def test_yearly_activity_due_soon_with_none_logged(active_lofte, activities, samordnare):
    planned = plan_reminders(date(2026, 11, 20))
    due = [p for p in planned if p.user == samordnare and p.kind == "activity_due"]
    assert [p.subject_key for p in due] == [f"activity:{activities[1].pk}"]  # the trygghetsvandring
    assert "0 av 2" in due[0].body
    assert "41 dagar kvar" in due[0].body


def test_report_due_then_overdue_goes_to_leadership_too(ready, samordnare, leader, police_leader, seal_dir):
    agreement_services.update_agreement(ready, actor=samordnare, expected_version=ready.version, reporting_month=3)
    agreement_services.send_for_signature(ready, actor=samordnare)
    for party in ready.parties.select_related("signatory"):
        agreement_services.sign_agreement(ready, party=party, actor=party.signatory)
    assert report_due_date(ready, 2025) == date(2026, 3, 31)
    before = plan_reminders(date(2026, 3, 10))
    assert ("report_due", "2025") in kinds_for(before, samordnare)
    assert not kinds_for(before, leader) & {("report_due", "2025"), ("report_overdue", "2025")}
    after = plan_reminders(date(2026, 4, 5))
    assert ("report_overdue", "2025") in kinds_for(after, samordnare)
    assert ("report_overdue", "2025") in kinds_for(after, leader)


def test_agreements_ending_within_90_then_30_days(ready, samordnare, leader, seal_dir):
    agreement_services.update_agreement(ready, actor=samordnare, expected_version=ready.version, renewal="revideras")
    agreement_services.send_for_signature(ready, actor=samordnare)
    for party in ready.parties.select_related("signatory"):
        agreement_services.sign_agreement(ready, party=party, actor=party.signatory)
    end = ready.period_end
    assert ("agreement_ending", f"{end}:90") in kinds_for(plan_reminders(end - timedelta(days=80)), leader)
    assert ("agreement_ending", f"{end}:30") in kinds_for(plan_reminders(end - timedelta(days=20)), leader)
    assert not {k for k in kinds_for(plan_reminders(end - timedelta(days=120)), leader) if k[0] == "agreement_ending"}


def test_agreement_that_continues_until_further_notice_is_not_reminded(ready, samordnare, leader, seal_dir):
    agreement_services.send_for_signature(ready, actor=samordnare)  # ready renews "tills vidare"
    for party in ready.parties.select_related("signatory"):
        agreement_services.sign_agreement(ready, party=party, actor=party.signatory)
    assert not [p for p in plan_reminders(ready.period_end - timedelta(days=20)) if p.kind == "agreement_ending"]


def test_lofte_ending(active_lofte, samordnare, police_contact):
    end = active_lofte.period_end
    planned = plan_reminders(end - timedelta(days=25))
    assert ("lofte_ending", f"{end}:30") in kinds_for(planned, samordnare)
    assert ("lofte_ending", f"{end}:30") in kinds_for(planned, police_contact)


def test_signatures_pending(ready, samordnare, leader, police_leader):
    agreement_services.send_for_signature(ready, actor=samordnare)
    agreement_services.sign_agreement(ready, party=ready.parties.get(signatory=leader), actor=leader)
    planned = plan_reminders(TODAY)
    assert [p.user for p in planned if p.kind == "signature_pending"] == [police_leader]


def test_running_the_scan_twice_sends_nothing_twice(active_lofte, activities, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.run_reminder_scan(TODAY)
    assert first.created
    assert len(mail.outbox) == len(first.created)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.run_reminder_scan(TODAY)
    assert second.created == []
    assert len(mail.outbox) == len(first.created)
    assert "Efter:" in mail.outbox[0].subject
    assert getattr(mail.outbox[0], "alternatives", None)  # an HTML part beside the text


def test_email_is_sent_once_even_when_the_task_runs_twice(active_lofte, activities):
    notification = services.run_reminder_scan(TODAY).created[0]
    assert send_notification_email.apply(args=(notification.pk,)).get() is True
    assert send_notification_email.apply(args=(notification.pk,)).get() is False
    assert len(mail.outbox) == 1


def test_a_failed_send_is_retried_and_still_sent_once(active_lofte, activities, monkeypatch, settings):
    notification = services.run_reminder_scan(TODAY).created[0]
    calls = {"n": 0}
    real_send = mail.EmailMultiAlternatives.send

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("SMTP-servern svarar inte")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", flaky)
    settings.CELERY_TASK_EAGER_PROPAGATES = False
    send_notification_email.apply(args=(notification.pk,))  # fails, releases its claim, retries
    assert len(mail.outbox) == 1
    assert calls["n"] == 2
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    send_notification_email.apply(args=(notification.pk,))
    assert len(mail.outbox) == 1


def test_turned_off_kinds_are_not_created_and_digest_waits_for_monday(
    active_lofte, activities, police_contact, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=police_contact, weekly_digest=True, disabled_kinds=["lofte_ending"])
    with django_capture_on_commit_callbacks(execute=True):
        services.run_reminder_scan(active_lofte.period_end - timedelta(days=25))
    mine = Notification.objects.filter(user=police_contact)
    assert mine.exists()
    assert not mine.filter(kind="lofte_ending").exists()
    assert not [m for m in mail.outbox if police_contact.email in m.to]
    assert send_weekly_digests() >= 1
    digest = [m for m in mail.outbox if police_contact.email in m.to]
    assert len(digest) == 1
    assert not mine.filter(emailed_at__isnull=True).exists()


def test_dry_run_lists_and_creates_nothing(active_lofte, activities, capsys):
    before = Notification.objects.count()  # the hand-overs of setting the promise up
    call_command("send_reminders", "--dry-run", "--datum", TODAY.isoformat())
    out = capsys.readouterr().out
    assert "activity_behind" in out
    assert "skulle skickas (inget skickades)" in out
    assert Notification.objects.count() == before
    call_command("send_reminders", "--datum", TODAY.isoformat())
    assert Notification.objects.count() > before


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_scans_create_each_reminder_once(active_lofte_committed):
    if connection.vendor != "postgresql":
        pytest.fail("Samtidighetstestet kräver PostgreSQL.")
    before = Notification.objects.count()  # the hand-overs of setting the promise up
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def scan() -> None:
        try:
            with system_scope():
                barrier.wait()
                services.run_reminder_scan(TODAY)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    planned = plan_reminders(TODAY)
    keys = {(p.kind, p.user.pk, p.subject_key, p.period_key) for p in planned}
    assert Notification.objects.count() - before == len(keys) > 0
