"""Celery tasks of the agreements app: thin wrappers over services, taking primary keys."""

from celery import shared_task

from samverkan.tenancy import system_scope


@shared_task(bind=True, max_retries=3, default_retry_delay=30, acks_late=True)
def seal_agreement_pdf(self: object, agreement_id: int) -> str:
    """Render, seal and store the PDF of an active agreement; idempotent (an agreement already
    sealed is left as it is)."""
    from .documents import store_sealed_pdf

    # A task serves no person: it re-establishes its scope as the system, on one agreement.
    with system_scope():
        return store_sealed_pdf(agreement_id)
