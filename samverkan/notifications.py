"""Notifications: created at most once per (kind, person, subject, period), shown in the app, and
e-mailed at once or in a weekly digest according to the person's preference."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Notification, NotificationPreference, User

#: The kinds of reminder a person can choose between.
KINDS = {
    "activity_behind": gettext_lazy("Aktiviteter som ligger efter"),
    "activity_due": gettext_lazy("Aktiviteter som snart ska vara gjorda"),
    "report_due": gettext_lazy("Årlig uppföljning att skriva"),
    "report_overdue": gettext_lazy("Årlig uppföljning som är försenad"),
    "agreement_ending": gettext_lazy("Överenskommelser som löper ut"),
    "lofte_ending": gettext_lazy("Medborgarlöften som löper ut"),
    "signature_pending": gettext_lazy("Underskrifter som väntar"),
    "duty_stale": gettext_lazy("Kommunens skyldigheter som snart blir inaktuella (lägesbild, åtgärdsplan, samordning)"),
    "duty_missing": gettext_lazy("Kommunens skyldigheter som saknas"),
    # Hand-overs (samverkan.handovers): told once, when it becomes someone's turn.
    "agreement_invited": gettext_lazy("Inbjudningar att delta i en överenskommelse"),
    "remiss_requested": gettext_lazy("Överenskommelser på remiss som väntar på vårt remissvar"),
    "remiss_answered": gettext_lazy("Remissvar som kommit in"),
    "signature_requested": gettext_lazy("Överenskommelser och medborgarlöften att skriva under"),
    "signature_arrived": gettext_lazy("Underskrifter som kommit in"),
    "agreement_in_force": gettext_lazy("Överenskommelser som börjat gälla"),
    "lofte_in_force": gettext_lazy("Medborgarlöften som börjat gälla eller publicerats"),
    "report_approval_requested": gettext_lazy("Årsuppföljningar som väntar på vårt godkännande"),
    # Meetings of the groups one is a member of (followup/meetings).
    "meeting_invited": gettext_lazy("Kallelser till möten, med kalenderfil"),
    "meeting_reminder": gettext_lazy("Påminnelser dagen före ett möte"),
}

#: Files some kinds of notification carry in their e-mail (a meeting's iCal file), registered by the
#: app that sends them so that this module imports none: kind → notification → [(name, data, type)].
Attachment = tuple[str, bytes, str]
ATTACHMENTS: dict[str, Callable[[Notification], list[Attachment]]] = {}


def register_attachments(kind: str, provider: Callable[[Notification], list[Attachment]]) -> None:
    """Called by an app in its AppConfig.ready: the e-mail of each notification of `kind` carries
    the files `provider(notification)` returns."""
    ATTACHMENTS[kind] = provider


#: A claim on sending older than this is taken to be from a worker that died mid-send.
CLAIM_TIMEOUT = timedelta(minutes=10)


@dataclass(frozen=True)
class Planned:
    """A notification a scan wants to send."""

    kind: str
    user: User
    subject_key: str
    period_key: str
    title: str
    body: str
    url: str = ""


def preference_of(user: User) -> NotificationPreference:
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)


def preferences_of(users: Iterable[User]) -> dict[int, NotificationPreference]:
    """The preferences of many people in one query (defaults for those who set none)."""
    by_user = {user.pk: NotificationPreference(user=user) for user in users}
    for preference in NotificationPreference.objects.filter(user_id__in=list(by_user)):
        by_user[preference.user_id] = preference
    return by_user


def create_once(planned: Planned, preference: NotificationPreference | None = None) -> Notification | None:
    """Create the notification unless it exists (or the person turned the kind off); None when
    nothing new was created. Safe under concurrent scans: the unique constraint decides."""
    if planned.kind in (preference or preference_of(planned.user)).disabled_kinds:
        return None
    try:
        with transaction.atomic():
            return Notification.objects.create(
                user=planned.user,
                kind=planned.kind,
                subject_key=planned.subject_key,
                period_key=planned.period_key,
                title=planned.title,
                body=planned.body,
                url=planned.url,
            )
    except IntegrityError:
        return None


def claim_for_email(notification_id: int) -> Notification | None:
    """Atomically claim an unsent notification for sending; None if sent or being sent."""
    now = timezone.now()
    claimed = (
        Notification.objects.filter(pk=notification_id, emailed_at__isnull=True)
        .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - CLAIM_TIMEOUT))
        .update(email_claimed_at=now)
    )
    return Notification.objects.select_related("user").get(pk=notification_id) if claimed else None


def release_claim(notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(email_claimed_at=None)


def send_email(notifications: list[Notification], *, base_url: str) -> None:
    """One e-mail (text and HTML) with one or more notifications to the same person, in the
    person's language (User.language)."""
    with translation.override(language_of(notifications[0].user)):
        _send_email(notifications, base_url=base_url)


def language_of(user: User) -> str:
    """The language a person chose (the footer's switch saves it on them); Swedish by default."""
    return user.language if user.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _send_email(notifications: list[Notification], *, base_url: str) -> None:
    user = notifications[0].user
    context = {"user": user, "notifications": notifications, "base_url": base_url.rstrip("/")}
    subject = (
        notifications[0].title
        if len(notifications) == 1
        else _("Samverkan: %(n)s påminnelser") % {"n": len(notifications)}
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("samverkan/email/notifications.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    message.attach_alternative(render_to_string("samverkan/email/notifications.html", context), "text/html")
    for notification in notifications:
        provider = ATTACHMENTS.get(notification.kind)
        for name, data, mimetype in provider(notification) if provider else []:
            message.attach(name, data, mimetype)
    message.send()
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=timezone.now())
