from typing import Any

from django.http import HttpRequest

from .models import Membership, Notification
from .tenancy import memberships_of


def tenancy(request: HttpRequest) -> dict[str, Any]:
    """The person's organisations and roles, for navigation and the organisation switcher."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    memberships = list(memberships_of(user))
    organizations: dict[int, Any] = {}
    roles: dict[int, list[str]] = {}
    for membership in memberships:
        organizations[membership.organization_id] = membership.organization
        roles.setdefault(membership.organization_id, []).append(membership.role)
    active = getattr(request, "organization", None)
    held = {role for roles_here in roles.values() for role in roles_here}
    return {
        # Navigation by role: logging is for those who carry out activities.
        "nav_can_log": bool(held & {Membership.Role.SAMORDNARE, Membership.Role.KONTAKTPERSON}),
        "unread_notifications": Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count(),
        "my_organizations": list(organizations.values()),
        "active_organization": active,
        "active_roles": roles.get(active.pk, []) if active else [],
    }
