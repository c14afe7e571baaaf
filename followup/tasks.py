"""Celery tasks of follow-up: thin wrappers over services, taking primary keys."""

from celery import shared_task

from samverkan.tenancy import system_scope


@shared_task(bind=True, max_retries=3, default_retry_delay=30, acks_late=True)
def seal_report_pdf(self: object, report_id: int) -> str:
    """Render, seal and store an approved annual report's PDF; idempotent."""
    from .reports import store_sealed_pdf

    with system_scope():
        return store_sealed_pdf(report_id)


@shared_task(acks_late=True)
def scan_reminders() -> int:
    """The daily reminder scan (Celery beat): create what is due once, e-mail at once to those
    who want it so."""
    from django.utils import timezone

    from .services import run_reminder_scan

    with system_scope():
        return len(run_reminder_scan(timezone.localdate()).created)
