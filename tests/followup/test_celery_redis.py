"""A real Celery worker on a real Redis (started by `make test`) delivers a reminder e-mail and
renders and seals an agreement PDF."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from celery.result import AsyncResult
from celery.signals import after_task_publish
from django.core import mail

from agreements import services as agreement_services
from agreements.models import Agreement
from followup import services
from samverkan.celery import app
from samverkan.seal import verify_pdf
from samverkan.tasks import send_notification_email
from samverkan.tenancy import system_scope
from tests.conftest import redis_url_for_this_process


@pytest.fixture
def redis_worker():
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("SAMVERKAN_REQUIRE_REDIS"):
            pytest.fail("REDIS_URL saknas; make test startar en Redis med bin/with-redis.")
        pytest.skip("REDIS_URL är inte satt (körs av make test).")
    # A Redis database of this test process's own: parallel workers share one Redis.
    url = redis_url_for_this_process(url)
    # A Celery app of its own, configured like production (Redis broker and results), made the
    # current app so that our shared tasks send through it; the in-process app is restored after.
    worker_app = Celery("samverkan-redis-test", set_as_current=True)
    worker_app.config_from_object("django.conf:settings", namespace="CELERY")
    worker_app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    worker_app.autodiscover_tasks(force=True)
    try:
        with start_worker(worker_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield worker_app
    finally:
        app.set_current()


@contextmanager
def published_tasks() -> Iterator[list[AsyncResult]]:
    """The results of the tasks sent while inside, to wait on instead of polling for their effects."""
    results: list[AsyncResult] = []

    def record(sender: str | None = None, headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        results.append(AsyncResult((headers or {})["id"]))

    after_task_publish.connect(record, weak=False)
    try:
        yield results
    finally:
        after_task_publish.disconnect(record)


@pytest.mark.django_db(transaction=True)
def test_worker_on_redis_delivers_a_reminder_email_and_seals_an_agreement_pdf(
    active_lofte_committed, ready, samordnare, seal_dir, redis_worker
):
    mail.outbox.clear()  # the hand-over e-mails of setting the promise up
    with system_scope(), published_tasks() as sent:
        created = services.run_reminder_scan(ready.period_start.replace(month=3, day=20)).created
    assert created
    # The scan queued the e-mails through Redis after commit; the worker sends each once.
    for result in sent:
        result.get(timeout=30)
    assert len(mail.outbox) == len(created)
    assert send_notification_email.delay(created[0].pk).get(timeout=30) is False  # already sent

    agreement_services.send_for_signature(ready, actor=samordnare)
    with published_tasks() as sent:
        for party in ready.parties.select_related("signatory"):
            agreement_services.sign_agreement(ready, party=party, actor=party.signatory)
    # The last signature queued the seal task; wait for the worker to finish it.
    for result in sent:
        result.get(timeout=60)
    agreement = Agreement.all_objects.get(pk=ready.pk)
    assert agreement.pdf_sha256, "arbetaren förseglade ingen PDF"
    with agreement.pdf.open("rb") as handle:
        assert verify_pdf(handle.read()).ok


@pytest.mark.django_db(transaction=True)
def test_worker_on_redis_emails_a_hand_over_once(ready, samordnare, leader, police_leader, redis_worker):
    from agreements import handovers
    from samverkan.models import Notification

    mail.outbox.clear()  # the hand-overs of setting the agreement up
    with system_scope(), published_tasks() as sent:
        agreement_services.send_for_signature(ready, actor=samordnare)
    for result in sent:
        result.get(timeout=30)
    asked = list(Notification.objects.filter(kind="signature_requested"))
    assert sorted(n.user.email for n in asked) == sorted([leader.email, police_leader.email])
    assert sorted(m.to[0] for m in mail.outbox) == sorted([leader.email, police_leader.email])
    assert all(n.emailed_at is not None for n in Notification.objects.filter(kind="signature_requested"))
    # The same hand-over again, and the task run again: nothing new is created or sent.
    with system_scope(), published_tasks() as sent:
        handovers.signatures_requested(Agreement.all_objects.get(pk=ready.pk), actor=samordnare)
    assert sent == []
    assert send_notification_email.delay(asked[0].pk).get(timeout=30) is False
    assert len(mail.outbox) == 2
