"""Celery tasks of the core: e-mailing notifications and sealing documents."""

from typing import Any

from celery import shared_task
from django.conf import settings
from django.utils import translation

from .models import Notification, User
from .notifications import claim_for_email, release_claim, send_email
from .tenancy import system_scope


@shared_task(bind=True, max_retries=3, default_retry_delay=30, acks_late=True)
def seal_document(self: Any, label: str, pk: int) -> str:
    """Render, seal and store the PDF of one sealed document (any kind, by its model label);
    idempotent: a document sealed already is left as it is. Queued by `sealed.queue_seal`."""
    from .sealed import store_sealed_pdf

    # A task serves no person: it re-establishes its scope as the system, on one document.
    with system_scope():
        return store_sealed_pdf(label, pk)


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_notification_email(self: Any, notification_id: int) -> bool:
    """E-mail one notification; a notification is e-mailed once, even when the task runs twice
    or is retried after a failed send."""
    notification = claim_for_email(notification_id)
    if notification is None:
        return False
    try:
        send_email([notification], base_url=settings.SITE_URL)
    except Exception as error:  # any failure to send is retried later
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


@shared_task(acks_late=True)
def send_invitation(user_id: int, organization_id: int, inviter_id: int, is_new: bool) -> None:
    """Tell a person they have a role, in their language; a new person gets a link to choose a
    password."""
    from .notifications import language_of

    user = User.objects.get(pk=user_id)
    with translation.override(language_of(user)):
        _send_invitation(user, organization_id, inviter_id, is_new)


def _send_invitation(user: User, organization_id: int, inviter_id: int, is_new: bool) -> None:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse

    from .models import Organization

    context = {
        "user": user,
        "organization": Organization.objects.get(pk=organization_id),
        "inviter": User.objects.get(pk=inviter_id),
        "site_url": settings.SITE_URL.rstrip("/"),
        "set_password_url": reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
        )
        if is_new
        else "",
        "login_url": reverse("account_login"),
    }
    send_mail(
        subject=render_to_string("samverkan/email/invitation_subject.txt", context).strip(),
        message=render_to_string("samverkan/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_accessibility_report(self: Any, message: str, reply_to: str) -> None:
    """E-mail a reported accessibility problem to the accessibility contact. Takes the report's
    plain text: nothing about it is stored."""
    from django.core.mail import send_mail
    from django.utils.translation import gettext as _

    try:
        # To the accessibility contact, who works in Swedish, whatever language the reporter used.
        with translation.override(settings.LANGUAGE_CODE):
            subject, no_email = _("Tillgänglighetsproblem rapporterat i Samverkan"), _("(ingen e-post)")
        send_mail(
            subject=subject,
            message=message + "\n\n" + (reply_to or no_email),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[settings.ACCESSIBILITY_CONTACT_EMAIL],
        )
    except Exception as error:
        raise self.retry(exc=error) from error


@shared_task(acks_late=True)
def read_import(job_id: int) -> str:
    """Read an uploaded document into paragraphs for the import's review screen (large files);
    idempotent: only a job still waiting is read."""
    from .importing import read_import as read

    with system_scope():
        return read(job_id)
