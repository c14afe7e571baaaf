"""Every change to a group and its members. The caller has checked that `actor` may change the
group (tenancy: its owner organisation, with an editor role)."""

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ..concurrency import create_editable, save_if_unchanged
from ..errors import DomainError
from ..history import acting_as
from ..models import Membership, Organization, User
from .models import Group, GroupMember


@transaction.atomic
def create_group(organization: Organization, *, actor: User | None, **fields: Any) -> Group:
    """Start a group owned by `organization`, which is its first member."""
    if not (fields.get("name") or "").strip():
        raise DomainError(_("Ge gruppen ett namn."), {"name": _("Ge gruppen ett namn.")})
    with acting_as(actor):
        group = create_editable(Group, fields, organization=organization)
        GroupMember.objects.create(group=group, organization=organization, order=1)
    return group


@transaction.atomic
def update_group(group: Group, *, actor: User | None, expected_version: int | None, **fields: Any) -> Group:
    """Change a group's name, kind or remit."""
    if "name" in fields and not (fields["name"] or "").strip():
        raise DomainError(_("Ge gruppen ett namn."), {"name": _("Ge gruppen ett namn.")})
    with acting_as(actor):
        save_if_unchanged(group, expected_version=expected_version, fields=fields)
    return group


def _next_order(group: Group) -> int:
    return (GroupMember.all_objects.filter(group=group).aggregate(last=Max("order"))["last"] or 0) + 1


@transaction.atomic
def add_party_member(
    group: Group, *, actor: User | None, organization: Organization, person: User | None = None, role: str = ""
) -> GroupMember:
    """Add an organisation with accounts (a party), optionally one named person in it."""
    if person is not None and not Membership.objects.filter(user=person, organization=organization).exists():
        raise DomainError(
            _("%(person)s har ingen roll i %(org)s.") % {"person": person, "org": organization},
            {"person": _("Välj en person i organisationen.")},
        )
    members = GroupMember.all_objects.filter(group=group, organization=organization)
    if members.filter(person=person).exists():
        raise DomainError(_("%(who)s är redan med i gruppen.") % {"who": person or organization})
    with acting_as(actor):
        return GroupMember.objects.create(
            group=group, organization=organization, person=person, role=role.strip(), order=_next_order(group)
        )


@transaction.atomic
def add_outside_member(group: Group, *, actor: User | None, outside_organization: str, role: str) -> GroupMember:
    """Add an organisation without accounts (räddningstjänst, näringsliv, en förening) by its
    name and the member's role: no name of a person."""
    name, role = outside_organization.strip(), role.strip()
    errors = {}
    if not name:
        errors["outside_organization"] = _("Skriv organisationens namn.")
    if not role:
        errors["role"] = _("Skriv medlemmens roll, till exempel räddningschef.")
    if errors:
        raise DomainError(_("Medlemmen kunde inte läggas till. Rätta det som är markerat."), errors)
    with acting_as(actor):
        return GroupMember.objects.create(group=group, outside_organization=name, role=role, order=_next_order(group))


@transaction.atomic
def remove_member(member: GroupMember, *, actor: User | None) -> None:
    """Take a member off the group; the owner organisation stays."""
    if member.organization_id == member.group.organization_id and member.person_id is None:
        raise DomainError(_("Organisationen som äger gruppen kan inte tas bort ur den."))
    with acting_as(actor):
        member.delete()


def people_to_invite(group: Group) -> list[User]:
    """Members with accounts: named persons, and for an organisation with no named person, its
    samordnare and kontaktpersoner. Outside members have no account and are invited by the group's own means."""
    named: set[int] = set()
    whole: set[int] = set()
    for org_id, person_id in GroupMember.all_objects.filter(group=group, organization__isnull=False).values_list(
        "organization_id", "person_id"
    ):
        if person_id is None:
            whole.add(org_id)
        else:
            named.add(person_id)
    users = User.objects.filter(is_active=True).filter(
        pk__in=set(named)
        | set(
            Membership.objects.filter(
                organization_id__in=whole,
                role__in=[Membership.Role.SAMORDNARE, Membership.Role.KONTAKTPERSON],
                organization__is_active=True,
            ).values_list("user_id", flat=True)
        )
    )
    return list(users.order_by("pk"))
