from typing import Any

from django.http import HttpRequest

from .access import access_of, unread_count
from .fragments import fragment_key, scope_of


def tenancy(request: HttpRequest) -> dict[str, Any]:
    """The person's organisations and roles, for navigation and the organisation switcher: from
    their cached Access (TenancyMiddleware put it on the request), with no query of its own."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = getattr(request, "access", None) or access_of(user)
    if access.viewer.is_anonymous:
        return {}
    active = getattr(request, "organization", None)
    # Read by TenancyMiddleware with the Access when the cache knew it; else counted (and cached).
    unread = getattr(request, "unread_notifications", None)
    unread = unread if unread is not None else unread_count(user)
    return {
        # Navigation by role: logging is for those who carry out activities.
        "nav_can_log": access.can_log,
        "unread_notifications": unread,
        # The header is the same on every view of the same page by the same person with the same
        # access, unread count, active organisation and name (its forms get each response's token).
        "header_fragment": fragment_key(
            "site_header",
            str(user.pk),
            str(user.access_stamp),
            str(unread),
            str(active.pk if active else ""),
            user.full_name,
            user.email,
            request.get_full_path(),
            scope=scope_of(access.viewer),
        ),
        "my_organizations": list(access.organizations),
        "active_organization": active,
        "active_roles": list(access.roles.get(active.pk, ())) if active else [],
    }
