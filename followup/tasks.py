"""Celery tasks of follow-up: thin wrappers over services, taking primary keys (sealing the
annual report is samverkan.tasks.seal_document)."""

from celery import shared_task

from samverkan.tenancy import system_scope


@shared_task(acks_late=True)
def scan_reminders() -> int:
    """The daily reminder scan (Celery beat): create what is due once, e-mail at once to those
    who want it so."""
    from django.utils import timezone

    from .services import run_reminder_scan

    with system_scope():
        return len(run_reminder_scan(timezone.localdate()).created)


@shared_task(acks_late=True)
def advance_documents() -> int:
    """The daily job (Celery beat) that moves agreements and medborgarlöften on when their dates
    say so: into force on the start date, ended after the end date. Idempotent."""
    from django.utils import timezone

    from .periods import advance_documents as advance

    with system_scope():
        return len(advance(timezone.localdate()))
