"""A meeting of a group, and the decisions in its minutes."""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.models import Problem
from medborgarloften.models import Activity, LocalGoal
from samverkan.concurrency import Versioned
from samverkan.history import tracked
from samverkan.models import Group, GroupMember
from samverkan.numbers import format_date
from samverkan.sealed import SealedDescription, SealedDocument
from samverkan.tenancy import Ownership, TenantModel


class Meeting(TenantModel, Versioned, SealedDocument):
    """One meeting of a group. Planned → held → minutes approved (frozen and sealed). The group's
    owner edits; its member organisations read; the public reads approved minutes marked public."""

    class Status(models.TextChoices):
        PLANERAT = "planerat", _("Planerat")
        GENOMFORT = "genomfort", _("Genomfört, protokoll skrivs")
        GODKANT = "godkant", _("Protokoll godkänt")

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "title",
        "starts_at",
        "ends_at",
        "place",
        "link",
        "agenda",
        "minutes",
        "attendees",
    )

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    group = models.ForeignKey(Group, verbose_name=_("grupp"), on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("rubrik"), max_length=200)
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=200, blank=True)
    link = models.URLField(_("länk till digitalt möte"), blank=True)
    agenda = models.TextField(_("dagordning"), blank=True)
    minutes = models.TextField(_("protokoll"), blank=True)
    attendees = models.ManyToManyField(GroupMember, verbose_name=_("närvarande"), blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANERAT)
    minutes_public = models.BooleanField(_("protokollet är offentligt på kommunens sida"), default=False)
    approved_at = models.DateTimeField(_("protokollet godkänt"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    #: Who was present and absent as the approved minutes say, kept at approval: later changes to the
    #: group's members do not change approved minutes.
    attendance_record = models.JSONField(_("närvaro enligt protokollet"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    ownership = Ownership(
        "group__organization",
        shared_with=("group__members__organization",),
        public={"status": Status.GODKANT, "minutes_public": True},
    )
    history = tracked(m2m_fields=[attendees])

    class Meta:
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["group", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.title} {format_date(timezone.localtime(self.starts_at).date())}"

    def get_absolute_url(self) -> str:
        return reverse("meeting_detail", kwargs={"uuid": self.uuid})

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.GODKANT

    # --- Sealing (samverkan.sealed) ---------------------------------------------------------

    def seal_refusal(self) -> str:
        if self.status != self.Status.GODKANT:
            return str(_("Protokollet förseglas först när det är godkänt."))
        return ""

    def seal_reason(self) -> str:
        return str(_("Protokoll, %(meeting)s, %(group)s") % {"meeting": self, "group": self.group})

    def render_sealed_pdf(self) -> bytes:
        from .documents import render_minutes_pdf

        return render_minutes_pdf(self)

    def sealed_file_name(self) -> str:
        return f"protokoll-{self.uuid}.pdf"

    def describe_sealed(self) -> SealedDescription:
        return SealedDescription(
            kind=self.sealed_kind,
            title=str(_("Protokoll, %(group)s %(meeting)s") % {"group": self.group.name, "meeting": self}),
            version=str(self.get_status_display()),
            parties=[self.group.organization.name],
        )


class Decision(TenantModel):
    """A decision in a meeting's minutes; one that created or changed something links to it."""

    class Kind(models.TextChoices):
        BESLUT = "beslut", _("Beslut")
        NY_AKTIVITET = "ny_aktivitet", _("Ny aktivitet")
        ANDRAT_MAL = "andrat_mal", _("Ändrat mål")
        NYTT_PROBLEM = "nytt_problem", _("Nytt problem i lägesbilden")

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, verbose_name=_("möte"), on_delete=models.CASCADE, related_name="decisions")
    order = models.PositiveIntegerField(default=0, editable=False)
    text = models.TextField(_("beslut"))
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.BESLUT)
    activity = models.ForeignKey(
        Activity, verbose_name=_("aktivitet"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    goal = models.ForeignKey(
        LocalGoal, verbose_name=_("mål"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    problem = models.ForeignKey(
        Problem, verbose_name=_("problem"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    ownership = Ownership(
        "meeting__group__organization",
        shared_with=("meeting__group__members__organization",),
        public={"meeting__status": Meeting.Status.GODKANT, "meeting__minutes_public": True},
    )
    history = tracked()

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
