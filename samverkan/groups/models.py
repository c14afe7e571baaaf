"""A group and its members (imported by samverkan.models, so Django finds them there)."""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverkan.concurrency import Versioned
from samverkan.history import tracked
from samverkan.tenancy import Ownership, TenantModel

from ..models import Organization


class Group(TenantModel, Versioned):
    """A standing group that meets. Owned (and edited) by one organisation; the organisations
    that are members read it and its meetings."""

    class Kind(models.TextChoices):
        SAMVERKANSGRUPP = "samverkansgrupp", _("Samverkansgrupp")
        TRYGGHETSRAD = "trygghetsrad", _("Trygghetsråd")
        STRATEGISKT_RAD = "strategiskt_rad", _("Strategiskt råd")
        NATVERK = "natverk", _("Nätverk av kommuner (länsstyrelsen)")

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = ("name", "kind", "purpose")

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name=_("ägs av"), on_delete=models.PROTECT, related_name="owned_groups"
    )
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.SAMVERKANSGRUPP)
    purpose = models.TextField(_("uppdrag"), blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    ownership = Ownership("organization", shared_with=("members__organization",))
    history = tracked()

    class Meta:
        verbose_name = _("samverkansgrupp")
        verbose_name_plural = _("samverkansgrupper")
        ordering = ["organization__name", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("group_detail", kwargs={"uuid": self.uuid})


class GroupMember(TenantModel):
    """A member of a group: a party (an organisation with accounts, optionally one named person
    in it) or an outside organisation without accounts, by its name and the member's role. No
    personal data about outside members: a contact role, never a name."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    group = models.ForeignKey(Group, verbose_name=_("grupp"), on_delete=models.CASCADE, related_name="members")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation i Samverkan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_memberships",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_memberships",
    )
    outside_organization = models.CharField(
        _("utomstående organisation"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel Räddningstjänsten eller Företagarna. Organisationens namn, inte en persons."),
    )
    role = models.CharField(
        _("roll i gruppen"), max_length=200, blank=True, help_text=_("Till exempel beredskapssamordnare.")
    )
    order = models.PositiveIntegerField(default=0, editable=False)

    ownership = Ownership("group__organization", shared_with=("group__members__organization",))
    history = tracked()

    class Meta:
        verbose_name = _("medlem")
        verbose_name_plural = _("medlemmar")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(organization__isnull=False) & models.Q(outside_organization=""))
                | (
                    models.Q(organization__isnull=True)
                    & models.Q(person__isnull=True)
                    & ~models.Q(outside_organization="")
                ),
                name="member_is_party_or_outside",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.role})" if self.role else self.display_name

    @property
    def is_outside(self) -> bool:
        return self.organization_id is None

    @property
    def display_name(self) -> str:
        if self.organization is None:
            return self.outside_organization
        if self.person is not None:
            return f"{self.person.full_name}, {self.organization.name}"
        return self.organization.name
