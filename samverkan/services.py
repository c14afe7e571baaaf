"""Changes to organisations and memberships. Every change is attributed and recorded."""

from django.db import transaction
from django.utils.translation import gettext as _

from .errors import DomainError
from .history import acting_as
from .models import Membership, Organization, User


@transaction.atomic
def add_member(
    organization: Organization,
    *,
    actor: User | None,
    email: str,
    full_name: str,
    role: str,
    title: str = "",
    password: str | None = None,
) -> Membership:
    """Give a person (created on first use) a role in `organization`; the caller has checked
    that `actor` administers it."""
    if role not in Membership.Role.values:
        raise DomainError(_("Okänd roll: %(role)s") % {"role": role})
    with acting_as(actor):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=password, full_name=full_name, title=title)
        membership, _created = Membership.objects.get_or_create(user=user, organization=organization, role=role)
    return membership


@transaction.atomic
def remove_membership(membership: Membership, *, actor: User | None) -> None:
    """Take a role away; access ends with the person's next request."""
    if (
        membership.role == Membership.Role.ADMIN
        and not Membership.objects.filter(organization=membership.organization, role=Membership.Role.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
        and actor is not None
    ):
        raise DomainError(_("Organisationen måste ha minst en administratör kvar."))
    with acting_as(actor):
        membership.delete()


@transaction.atomic
def invite_member(
    organization: Organization, *, actor: User, email: str, full_name: str, role: str, title: str = ""
) -> Membership:
    """An admin gives someone a role; a new person gets an e-mail with a link to choose a password."""
    email = email.strip().lower()
    is_new = not User.objects.filter(email__iexact=email).exists()
    if Membership.objects.filter(user__email__iexact=email, organization=organization, role=role).exists():
        raise DomainError(_("%(email)s har redan den rollen här.") % {"email": email})
    membership = add_member(organization, actor=actor, email=email, full_name=full_name, role=role, title=title)
    from .tasks import send_invitation

    user_id, org_id, actor_id = membership.user_id, organization.pk, actor.pk
    transaction.on_commit(lambda: send_invitation.delay(user_id, org_id, actor_id, is_new))
    return membership


def report_accessibility_problem(*, message: str, reply_to: str = "") -> None:
    """Someone (often anonymous) reports an accessibility problem (DOS-lagen); the report is
    e-mailed to the accessibility contact by a task, after commit."""
    from .tasks import send_accessibility_report

    transaction.on_commit(lambda: send_accessibility_report.delay(message, reply_to))
