"""Celery tasks of the core: e-mailing notifications."""

from typing import Any

from celery import shared_task
from django.conf import settings

from .models import Notification
from .notifications import claim_for_email, release_claim, send_email


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_notification_email(self: Any, notification_id: int) -> bool:
    """E-mail one notification; a notification is e-mailed once, even when the task runs twice
    or is retried after a failed send."""
    notification = claim_for_email(notification_id)
    if notification is None:
        return False
    try:
        send_email([notification], base_url=settings.SITE_URL)
    except Exception as error:  # noqa: BLE001 - any failure to send is retried later
        release_claim(notification)
        raise self.retry(exc=error) from error
    return True


@shared_task(acks_late=True)
def send_weekly_digests() -> int:
    """One e-mail per person who chose the weekly digest, with what they have not had by e-mail."""
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True, user__notification_preference__weekly_digest=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    sent = 0
    for notifications in by_user.values():
        claimed = [n for n in (claim_for_email(n.pk) for n in notifications) if n is not None]
        if claimed:
            send_email(claimed, base_url=settings.SITE_URL)
            sent += 1
    return sent
