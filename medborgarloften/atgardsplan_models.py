"""The kommun's åtgärdsplan (Lag 2023:196): its decision to take the measures the lägesbild calls
for – its own measures and the del 2 activities of the plans it is party to – each linked to a
prioritised problem of the lägesbild and to how it is followed up.

Imported by `medborgarloften.models`; activities are referred to by name to keep the import one-way."""

from uuid import uuid4

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lagesbild.models import Lagesbild, Problem
from samverkan.history import tracked
from samverkan.models import Organization
from samverkan.tenancy import Ownership, TenantModel


class Atgardsplan(TenantModel):
    """One kommun's åtgärdsplan, built on a fastställd lägesbild; once decided it never changes in
    place – the next one is a new plan."""

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        BESLUTAD = "beslutad", _("Beslutad")

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="atgardsplaner",
        limit_choices_to={"kind": Organization.Kind.KOMMUN},
    )
    title = models.CharField(_("rubrik"), max_length=200)
    lagesbild = models.ForeignKey(
        Lagesbild,
        verbose_name=_("bygger på lägesbilden"),
        on_delete=models.PROTECT,
        related_name="atgardsplaner",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UTKAST)
    decided_on = models.DateField(_("beslutad den"), null=True, blank=True)
    decided_by = models.CharField(
        _("beslutande organ"), max_length=200, blank=True, help_text=_("T.ex. kommunstyrelsen eller kommunfullmäktige.")
    )
    diarienummer = models.CharField(_("diarienummer"), max_length=60, blank=True)
    paragraph = models.CharField(_("paragraf"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    ownership = Ownership("organization")
    history = tracked()

    class Meta:
        verbose_name = _("åtgärdsplan")
        verbose_name_plural = _("åtgärdsplaner")
        ordering = ["organization__name", "-decided_on", "-created_at"]
        indexes = [models.Index(fields=["organization", "status", "decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="beslutad") | models.Q(decided_on__isnull=False),
                name="atgardsplan_decided_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("atgardsplan_detail", kwargs={"uuid": self.uuid})

    @property
    def is_decided(self) -> bool:
        return self.status == self.Status.BESLUTAD


class Atgard(TenantModel):
    """A measure the kommun decides: its own, or an activity of a del 2 plan it is party to."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Atgardsplan, on_delete=models.CASCADE, related_name="measures")
    what = models.CharField(_("åtgärd"), max_length=300)
    activity = models.ForeignKey(
        "medborgarloften.Activity",
        verbose_name=_("aktivitet i del 2"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
    )
    problem = models.ForeignKey(
        Problem,
        verbose_name=_("prioriterat problem i lägesbilden"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    follow_up = models.CharField(
        _("hur den följs upp"),
        max_length=300,
        blank=True,
        help_text=_("T.ex. loggas i Samverkan och redovisas i årsuppföljningen, eller skolenkäten vartannat år."),
    )
    responsible = models.CharField(_("ansvarig"), max_length=200, blank=True)
    order = models.PositiveIntegerField(default=0)

    ownership = Ownership("plan__organization")
    history = tracked()

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.what

    @property
    def is_followed_up(self) -> bool:
        """An activity of del 2 is followed up by its logs and the annual report."""
        return bool(self.follow_up.strip()) or self.activity_id is not None

    @property
    def is_unlinked(self) -> bool:
        """No prioritised problem behind it, or no way of following it up: flagged."""
        return self.problem_id is None or not self.is_followed_up
