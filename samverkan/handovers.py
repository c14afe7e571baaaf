"""Hand-overs: when it becomes someone's turn, they are told once and it shows on their "Att göra".

A service that hands work over (invites a party, sends for remiss or signature, signs, submits a
report) calls its app's notifier (`agreements/handovers.py` and the like), which names the people
and calls `notify_handover` here: one notification per person, created once for its subject and
period key (`notifications.create_once`), not for those who turned the kind off under Notiser, and
e-mailed by Celery after commit unless the person chose the weekly digest.

"Att göra" is computed from the state of things, not from notifications: each app registers a
provider (`register_todo_provider`) in its AppConfig.ready that answers what is this person's turn
now, so that `samverkan` imports no app.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import translation

from .models import Notification, User
from .notifications import KINDS, Planned, create_once, language_of, preferences_of
from .tenancy import Viewer


def people(org_ids: Iterable[int], roles: Iterable[str] | None = None, *, exclude: User | None = None) -> list[User]:
    """The active people with one of `roles` (any role when None) in the organisations, in one
    query; `exclude` is the person acting, who needs no notice of what they did themselves."""
    users = User.objects.filter(is_active=True, memberships__organization_id__in=list(org_ids))
    if roles is not None:
        users = users.filter(memberships__role__in=list(roles))
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return list(users.distinct().order_by("pk"))


def deliver(planned: Iterable[Planned]) -> list[Notification]:
    """Create each planned notification once (respecting the person's preferences) and queue its
    e-mail after commit, unless the person gets a weekly digest. Returns those created now."""
    from .tasks import send_notification_email

    planned = list(planned)
    preferences = preferences_of({item.user for item in planned})
    created = []
    for item in planned:
        preference = preferences[item.user.pk]
        notification = create_once(item, preference)
        if notification is None:
            continue
        created.append(notification)
        if not preference.weekly_digest:
            transaction.on_commit(partial(send_notification_email.delay, notification.pk))
    return created


#: A notice's text: a string, or a function that writes it in the active language.
Text = str | Callable[[], str]


def notify_handover(
    users: Iterable[User],
    *,
    kind: str,
    subject_key: str,
    period_key: str,
    title: Text,
    body: Text,
    url: str = "",
) -> list[Notification]:
    """Tell each of `users` that it is their turn: once per (kind, person, subject, period). A
    title or body given as a function is written in each person's language (User.language)."""
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind: {kind}")
    planned = []
    for user in users:
        with translation.override(language_of(user)):
            planned.append(
                Planned(
                    kind=kind,
                    user=user,
                    subject_key=subject_key,
                    period_key=period_key,
                    title=title() if callable(title) else title,
                    body=body() if callable(body) else body,
                    url=url,
                )
            )
    return deliver(planned)


# --- Att göra -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TodoItem:
    """One thing that is this person's turn now, with a link straight to where it is done."""

    action: str
    title: str
    url: str
    detail: str = ""


TodoProvider = Callable[[User, Viewer], list[TodoItem]]

_providers: list[TodoProvider] = []


def register_todo_provider(provider: TodoProvider) -> None:
    """Called by an app in its AppConfig.ready; a provider answers in a bounded number of queries."""
    if provider not in _providers:
        _providers.append(provider)


def todo_for(user: User, viewer: Viewer) -> list[TodoItem]:
    """Everything that is `user`'s turn now, across the apps. (Översikt, which shows it, caches
    its whole body per person, day and data generation: see samverkan/views.py.)"""
    if viewer.is_anonymous:
        return []
    return [item for provider in _providers for item in provider(user, viewer)]
