"""What every request needs to know about its person – their Viewer, the organisations and roles
the navigation shows, whether they hold a second factor – kept in the cache, so that a request
computes none of it.

The cache key is the person's id and their `access_stamp`, a random value stored on their own row
(User.access_stamp). The stamp is read with the person on every request (the one query that finds
the logged-in person), and every change that alters what a person may see gives each person it
concerns a new stamp *in the same database transaction* as the change: a membership or role, an
organisation (its activity, kind or county: a länsstyrelse's members read its county's kommuner),
a partnership (an agreement party accepting, an agreement ending) and a second factor. So the
first request that can see the change also reads the new stamp and misses the cache, and computes
afresh from the database; a request that read the old stamp before the commit can at most store a
value under the old key, which nobody asks for again. No cache invalidation across processes is
needed, and a shared cache (Redis) and a process-local one behave alike.

The stamp is random rather than a counter so that a key can never come back: a counter would
start again at 0 for a new person who reuses a deleted person's id (SQLite reuses ids), and would
repeat after a rollback. The unread-notification count is kept apart, shorter, and forgotten
whenever one of the person's notifications changes (see `forget_unread`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db import transaction

from .models import Membership, Notification, Organization, User
from .tenancy import ANONYMOUS, EDITOR_ROLES, Viewer, viewer_for

if TYPE_CHECKING:
    from django.db.models import QuerySet

#: Part of every key: a deploy that changes what is cached changes this, and old entries are ignored.
VERSION = 1
#: How long an entry stays: only to bound the cache's size, never for correctness (the stamp is).
TIMEOUT = 60 * 60
#: How long an unread count stays at most, as a safety net behind forget_unread (whose on-commit
#: callback is lost with a savepoint rolled back after it was registered).
UNREAD_TIMEOUT = 60


@dataclass(frozen=True)
class Access:
    """A person's Viewer and the navigation's organisations and roles."""

    viewer: Viewer
    #: Their active organisations, in the order the organisation switcher lists them.
    organizations: tuple[Organization, ...] = ()
    roles: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: Whether they have set up a TOTP authenticator (asked only of those who must have one).
    has_second_factor: bool = False

    @property
    def can_log(self) -> bool:
        return any(set(held) & EDITOR_ROLES for held in self.roles.values())

    def organization(self, chosen_id: int | None) -> Organization | None:
        """The organisation the person works in right now: the one chosen in the switcher when it
        is still theirs, else their first (by id)."""
        by_id = {org.pk: org for org in self.organizations}
        if not by_id:
            return None
        return by_id[chosen_id] if chosen_id in by_id else by_id[min(by_id)]


NOBODY = Access(viewer=ANONYMOUS)


def key(user: User) -> str:
    return f"samverkan:access:{VERSION}:{user.pk}:{user.access_stamp.hex}"


def load(user: User | Any) -> tuple[Access, int | None]:
    """The person's Access, from the cache when their stamp has not changed, and their unread
    count when the cache knows it (None otherwise): one round trip to the cache for both."""
    if user is None or not user.is_authenticated or not user.is_active or not isinstance(user, User):
        return NOBODY, None
    access_key, count_key = key(user), unread_key(user.pk)
    found = cache.get_many([access_key, count_key])
    access = found.get(access_key)
    if not isinstance(access, Access):
        access = compute(user)
        cache.set(access_key, access, TIMEOUT)
    unread = found.get(count_key)
    return access, unread if isinstance(unread, int) else None


def access_of(user: User | Any) -> Access:
    """The person's Access, from the cache when their stamp has not changed."""
    return load(user)[0]


def compute(user: User) -> Access:
    """The person's Access from the database."""
    from .security import requires_second_factor, totp_of

    viewer = viewer_for(user)
    organizations: dict[int, Organization] = {}
    roles: dict[int, list[str]] = {}
    memberships = Membership.objects.filter(user_id=user.pk, organization__is_active=True).select_related(
        "organization"
    )
    for membership in memberships:  # by organisation name, then role
        organizations[membership.organization_id] = membership.organization
        roles.setdefault(membership.organization_id, []).append(membership.role)
    return Access(
        viewer=viewer,
        organizations=tuple(organizations.values()),
        roles={org_id: tuple(held) for org_id, held in roles.items()},
        has_second_factor=requires_second_factor(viewer) and totp_of(user) is not None,
    )


# --- New stamps ------------------------------------------------------------------------------


def renew(*, user_ids: Iterable[int] = (), org_ids: Iterable[int] | QuerySet[Any] | None = None) -> None:
    """Give these people, and every member of these organisations (ids, or a query of them), a
    new stamp in the current transaction: their next request computes their Access afresh."""
    stamp = uuid.uuid4()
    users = [user_id for user_id in user_ids if user_id is not None]
    if users:
        User.objects.filter(pk__in=users).update(access_stamp=stamp)
    if org_ids is not None:
        members = Membership.objects.filter(organization_id__in=org_ids).values("user_id")
        User.objects.filter(pk__in=members).update(access_stamp=stamp)


# --- The unread count --------------------------------------------------------------------------


def unread_key(user_id: int) -> str:
    return f"samverkan:unread:{VERSION}:{user_id}"


def unread_count(user: User) -> int:
    """How many of the person's notifications are unread, from the cache when it is known."""
    found = cache.get(unread_key(user.pk))
    if isinstance(found, int):
        return found
    count = Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count()
    cache.set(unread_key(user.pk), count, UNREAD_TIMEOUT)
    return count


class ForgetUnread:
    """The one on-commit callback of a transaction that forgets the unread count of everyone whose
    notifications it changed (a scan that creates thousands registers it once)."""

    def __init__(self) -> None:
        self.user_ids: set[int] = set()

    def __call__(self) -> None:
        cache.delete_many([unread_key(user_id) for user_id in self.user_ids])


def forget_unread(user_id: int) -> None:
    """The person's notifications changed: forget their count now, and again when the transaction
    commits (a request between the two may have counted what was there before the commit), by one
    on-commit callback per transaction however many notifications it changes."""
    cache.delete(unread_key(user_id))
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return  # already committed
    # This transaction's callback, while its list of on-commit callbacks is the one it joined:
    # Django starts a new list when the transaction commits or a savepoint rolls back.
    pending = getattr(connection, "_samverkan_forget_unread", None)
    if pending is not None and pending[0] is connection.run_on_commit:
        callback = pending[1]
    else:
        callback = ForgetUnread()
        transaction.on_commit(callback)
        connection._samverkan_forget_unread = (connection.run_on_commit, callback)
    callback.user_ids.add(user_id)


# --- What renews stamps ---------------------------------------------------------------------------
# Each receiver runs inside the transaction of the change (services are atomic; so are Django's
# deletes and the admin), so the new stamp commits with the change itself.


def _membership_changed(sender: Any, instance: Membership, **kwargs: Any) -> None:
    renew(user_ids=[instance.user_id])


def _organization_changed(sender: Any, instance: Organization, **kwargs: Any) -> None:
    # Its members see it (or no longer); a länsstyrelse's members read the kommuner of its county,
    # so a kommun's change (made, moved to another county, closed) reaches every länsstyrelse.
    renew(org_ids=[instance.pk])
    if instance.kind == Organization.Kind.KOMMUN:
        renew(org_ids=Organization.objects.filter(kind=Organization.Kind.LANSSTYRELSE).values("pk"))


def _authenticator_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    renew(user_ids=[instance.user_id])


def _notification_changed(sender: Any, instance: Notification, **kwargs: Any) -> None:
    forget_unread(instance.user_id)


def _partnership_receivers(model: Any, rule: Any) -> list[tuple[Any, Any]]:
    """For a model declaring a Partnership (agreement parties): a row's change, or its group's
    (the agreement: accepted, ended, replaced), renews every member of every organisation in the
    group, whose partners it may change."""
    group_field = model._meta.get_field(rule.group)
    organization_field = model._meta.get_field(rule.organization)

    def row_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
        group_id = getattr(instance, group_field.attname)
        # Its own organisation too: after a delete the row is no longer found in the group.
        renew(org_ids=[getattr(instance, organization_field.attname)])
        renew(org_ids=model.all_objects.filter(**{rule.group: group_id}).values(rule.organization))

    def group_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
        renew(org_ids=model.all_objects.filter(**{rule.group: instance.pk}).values(rule.organization))

    return [(model, row_changed), (group_field.related_model, group_changed)]


def connect_signals() -> None:
    """Wire every change that alters a person's Access to `renew` (from SamverkanConfig.ready)."""
    from allauth.mfa.models import Authenticator
    from django.db.models.signals import post_delete, post_save

    from .tenancy import partnerships

    receivers: list[tuple[Any, Any]] = [
        (Membership, _membership_changed),
        (Organization, _organization_changed),
        (Authenticator, _authenticator_changed),
        (Notification, _notification_changed),
    ]
    for model, rule in partnerships():
        receivers += _partnership_receivers(model, rule)
    for number, (model, receiver) in enumerate(receivers):
        for signal in (post_save, post_delete):
            signal.connect(receiver, sender=model, weak=False, dispatch_uid=f"samverkan_access_{number}")
