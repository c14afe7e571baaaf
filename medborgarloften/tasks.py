"""Celery tasks of del 2: thin wrappers over services, taking primary keys."""

from celery import shared_task

from samverkan.tenancy import system_scope


@shared_task(bind=True, max_retries=3, default_retry_delay=30, acks_late=True)
def seal_lofte_pdf(self: object, lofte_id: int) -> str:
    """Render, seal and store the PDF of a signed medborgarlöfte; idempotent."""
    from .documents import store_sealed_pdf

    with system_scope():
        return store_sealed_pdf(lofte_id)
