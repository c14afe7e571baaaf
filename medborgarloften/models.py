"""Del 2: each kommun's local plan under an agreement – local goals, the implementation plan
(genomförandeplan) and the medborgarlöften with their activities and measurable targets."""

from datetime import date
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, FocusArea
from lagesbild.models import Indicator, Problem
from samverkan.bounds import COUNTS, Range
from samverkan.concurrency import Versioned
from samverkan.history import tracked
from samverkan.models import Organization
from samverkan.numbers import format_date
from samverkan.revisions import Revisioned
from samverkan.sealed import SealedDescription, SealedDocument
from samverkan.tenancy import CoWriters, Loggers, Ownership, TenantModel

from .targets import TARGET_FIELDS, Target, TargetKind, Unit, describe, target_of

# Other parties of the agreement read a kommun's del 2; the police may also keep their part current.
PLAN_PARTIES = "agreement__parties__organization"


class LocalPlan(TenantModel, Versioned):
    """Del 2 for one kommun under an agreement and a period."""

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "title",
        "period_start",
        "period_end",
        "kommunikation",
    )

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("överenskommelse"), on_delete=models.PROTECT, related_name="local_plans"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="local_plans"
    )
    title = models.CharField(_("rubrik"), max_length=200)
    period_start = models.DateField(_("gäller från"))
    period_end = models.DateField(_("gäller till"))
    kommunikation = models.TextField(
        _("kommunikation"), blank=True, help_text=_("Hur arbetet och resultatet redovisas för invånarna.")
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)
    # When a revision of del 1 came into force, the plan moved to it: from which version, when, and
    # what was mapped (see services.carry_plans_over).
    carried_from = models.ForeignKey(
        Agreement,
        verbose_name=_("flyttad från version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    carried_at = models.DateTimeField(_("flyttad"), null=True, blank=True, editable=False)
    carried_summary = models.JSONField(_("vad som flyttades"), default=list, blank=True, editable=False)

    ownership = Ownership("organization", shared_with=(PLAN_PARTIES,))
    history = tracked()

    class Meta:
        verbose_name = _("lokal plan (del 2)")
        verbose_name_plural = _("lokala planer (del 2)")
        ordering = ["-period_start", "organization__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="plan_period_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan_detail", kwargs={"uuid": self.uuid})


class LocalGoal(TenantModel, Versioned):
    """A measurable local goal, tied to one of the agreement's focus areas and the problems it
    addresses."""

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "what",
        "measure",
        "target_value",
        "target_date",
        "focus_area",
        "problems",
        "activities",
    )

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    plan = models.ForeignKey(LocalPlan, on_delete=models.CASCADE, related_name="goals")
    what = models.CharField(_("mål"), max_length=300)
    measure = models.CharField(_("hur det mäts"), max_length=300)
    target_value = models.CharField(_("målvärde"), max_length=100, help_text=_("T.ex. ”minst 80 %” eller ”under 15”."))
    target_date = models.DateField(_("senast"))
    focus_area = models.ForeignKey(
        FocusArea, verbose_name=_("fokusområde"), on_delete=models.PROTECT, related_name="local_goals"
    )
    problems = models.ManyToManyField(Problem, verbose_name=_("problem som målet gäller"), blank=True, related_name="+")
    # The activities that serve the goal, in the same plan. A link holds for the activity in every
    # version of its promise: each version's row of the same `series` is linked (services keep it so).
    activities: "models.ManyToManyField[Activity, Any]" = models.ManyToManyField(
        "Activity", verbose_name=_("aktiviteter som leder mot målet"), blank=True, related_name="goals"
    )
    order = models.PositiveSmallIntegerField(default=0)

    ownership = Ownership("plan__organization", shared_with=("plan__" + PLAN_PARTIES,))
    history = tracked(m2m_fields=[problems, activities])

    class Meta:
        verbose_name = _("lokalt mål")
        verbose_name_plural = _("lokala mål")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.what


class Medborgarlofte(TenantModel, Versioned, SealedDocument, Revisioned):
    """A public promise of concrete activities by the police and the kommun."""

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        GALLANDE = "gallande", _("Gällande")
        AVSLUTAT = "avslutat", _("Avslutat")
        ERSATT = "ersatt", _("Ersatt")

    #: Signed: a change is a new version (`propose_lofte_revision`), never an edit in place.
    FROZEN = frozenset({Status.GALLANDE, Status.AVSLUTAT, Status.ERSATT})

    #: A published promise stays on the public page when it has ended, under "Tidigare
    #: medborgarlöften" with its final outcome.
    ON_PUBLIC_PAGE = (Status.GALLANDE, Status.AVSLUTAT)

    class Dialogue(models.TextChoices):
        MEDBORGARDIALOG = "medborgardialog", _("Medborgardialog")
        MEDARBETARDIALOG = "medarbetardialog", _("Medarbetardialog")
        WEBBENKAT = "webbenkat", _("Webbenkät")
        TRYGGHETSVANDRING = "trygghetsvandring", _("Trygghetsvandring")
        ANNAT = "annat", _("Annat")

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "title",
        "period_start",
        "period_end",
        "police_area",
        "introduction",
        "dialogues",
        "dialogue_description",
        "focus_areas",
        "kommun_signatory",
        "police_signatory",
    )

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    plan = models.ForeignKey(LocalPlan, on_delete=models.CASCADE, related_name="loften")
    title = models.CharField(_("rubrik"), max_length=200)
    period_start = models.DateField(_("gäller från"))
    period_end = models.DateField(_("gäller till"))
    police_area = models.ForeignKey(
        Organization,
        verbose_name=_("lokalpolisområde"),
        on_delete=models.PROTECT,
        related_name="medborgarloften",
        limit_choices_to={"kind": Organization.Kind.LOKALPOLISOMRADE},
    )
    introduction = models.TextField(_("inledning"), blank=True)
    dialogues = models.JSONField(_("dialoger som löftet bygger på"), default=list, blank=True)
    dialogue_description = models.TextField(_("om dialogerna"), blank=True)
    focus_areas = models.ManyToManyField(FocusArea, verbose_name=_("fokusområden"), blank=True, related_name="loften")
    kommun_signatory = models.CharField(_("undertecknare för kommunen"), max_length=200, blank=True)
    police_signatory = models.CharField(_("undertecknare för polisen"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UTKAST)
    published_at = models.DateTimeField(_("publicerat"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    ownership = Ownership(
        "plan__organization",
        shared_with=("plan__" + PLAN_PARTIES,),
        public={"status__in": ON_PUBLIC_PAGE, "published_at__isnull": False},
    )
    history = tracked(m2m_fields=[focus_areas])

    class Meta:
        verbose_name = _("medborgarlöfte")
        verbose_name_plural = _("medborgarlöften")
        ordering = ["-period_start", "title"]
        constraints = [models.UniqueConstraint(fields=["series", "revision"], name="unique_lofte_revision")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("lofte_detail", kwargs={"uuid": self.uuid})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.status in self.ON_PUBLIC_PAGE

    def starts_later(self, today: date | None = None) -> bool:
        """Signed, but its period has not begun: it must not look current."""
        return self.status == self.Status.GALLANDE and self.period_start > (today or timezone.localdate())

    @property
    def status_text(self) -> str:
        """The status in words, with the date that rules it when the period has not begun."""
        if self.starts_later():
            return _("Undertecknat, gäller från %(day)s") % {"day": date_format(self.period_start)}
        return str(self.get_status_display())

    @property
    def is_frozen(self) -> bool:
        """Signed (or ended, or replaced): its text and activities never change in place."""
        return self.status in self.FROZEN

    def dialogue_labels(self) -> list[str]:
        labels = dict(self.Dialogue.choices)
        return [str(labels.get(kind, kind)) for kind in self.dialogues]

    # --- Sealing (samverkan.sealed) ---------------------------------------------------------

    def seal_refusal(self) -> str:
        if self.status == self.Status.UTKAST:
            return str(_("Medborgarlöftet förseglas först när båda sidor har skrivit under."))
        return ""

    def seal_reason(self) -> str:
        return str(_("Medborgarlöfte %(title)s") % {"title": self.title})

    def render_sealed_pdf(self) -> bytes:
        from .documents import render_lofte_pdf

        return render_lofte_pdf(self, draft=False)

    def sealed_file_name(self) -> str:
        return f"{self.uuid}.pdf"

    def describe_sealed(self) -> SealedDescription:
        return SealedDescription(
            kind=self.sealed_kind,
            title=self.title,
            version=(
                f"{self.revision}, {self.period_start:%Y}–{self.period_end:%Y} ({self.get_status_display().lower()})"
            ),
            parties=[self.plan.organization.name, self.police_area.name],
        )


class Effect(TenantModel):
    """An effect the promise seeks, e.g. ökad upplevd trygghet, followed by indicators."""

    lofte = models.ForeignKey(Medborgarlofte, on_delete=models.CASCADE, related_name="effects")
    text = models.CharField(_("effekt"), max_length=300)
    indicators = models.ManyToManyField(Indicator, verbose_name=_("indikatorer"), blank=True, related_name="effects")
    order = models.PositiveSmallIntegerField(default=0)

    ownership = Ownership(
        "lofte__plan__organization",
        shared_with=("lofte__plan__" + PLAN_PARTIES,),
        public={"lofte__status__in": Medborgarlofte.ON_PUBLIC_PAGE, "lofte__published_at__isnull": False},
    )
    history = tracked(m2m_fields=[indicators])

    class Meta:
        verbose_name = _("eftersträvad effekt")
        verbose_name_plural = _("eftersträvade effekter")
        ordering = ["lofte", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Activity(TenantModel):
    """One concrete activity of the implementation plan, with a structured target."""

    class Responsible(models.TextChoices):
        POLIS = "polis", _("Polisen")
        KOMMUN = "kommun", _("Kommunen")
        BADA = "bada", _("Polisen och kommunen")

    POLICE_RESPONSIBLE = (Responsible.POLIS, Responsible.BADA)

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "heading",
        "what",
        "description",
        "focus_area",
        "responsible",
        "partners",
        "follow_up",
        "target_kind",
        "target_minimum",
        "target_count",
        "target_unit",
        "target_every",
        "target_multiplier",
        "target_multiplier_label",
        "target_text",
        "starts_on",
        "ends_on",
    )

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    series = models.UUIDField(
        default=uuid4,
        editable=False,
        db_index=True,
        help_text=_("Samma för aktiviteten i alla versioner av medborgarlöftet; loggarna följer den."),
    )
    lofte = models.ForeignKey(Medborgarlofte, on_delete=models.CASCADE, related_name="activities")
    heading = models.CharField(
        _("område"), max_length=200, blank=True, help_text=_("Rubriken aktiviteten står under, t.ex. Tillgreppsbrott.")
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("fokusområde"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        help_text=_("Överenskommelsens fokusområde som aktiviteten hör till; används i årsuppföljningen."),
    )
    what = models.CharField(_("aktivitet"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    responsible = models.CharField(_("ansvarig"), max_length=10, choices=Responsible.choices)
    partners = models.CharField(
        _("samverkan med"), max_length=300, blank=True, help_text=_("T.ex. fritidsgården, Förebyggarrådet, mentorer.")
    )
    follow_up = models.CharField(
        _("uppföljning"), max_length=300, blank=True, help_text=_("Hur aktiviteten följs upp.")
    )
    starts_on = models.DateField(_("startar"), null=True, blank=True)
    ends_on = models.DateField(_("slutar"), null=True, blank=True)
    target_kind = models.CharField(_("typ av mål"), max_length=20, choices=TargetKind.choices)
    target_count = models.PositiveIntegerField(_("antal"), default=0)
    target_unit = models.CharField(_("per"), max_length=10, choices=Unit.choices, blank=True)
    target_every = models.PositiveSmallIntegerField(_("var n:e period"), default=1)
    target_minimum = models.BooleanField(_("minst"), default=False)
    target_multiplier = models.PositiveSmallIntegerField(_("gånger antal"), default=1)
    target_multiplier_label = models.CharField(_("per vad"), max_length=100, blank=True)
    target_text = models.CharField(_("målet i ord"), max_length=200, blank=True)
    order = models.PositiveIntegerField(default=0)

    number_bounds = {"target_count": COUNTS, "target_every": Range(1, 1000), "target_multiplier": Range(1, 1000)}
    ownership = Ownership(
        "lofte__plan__organization",
        shared_with=("lofte__plan__" + PLAN_PARTIES,),
        police_co_writers=CoWriters(
            path="lofte__plan__" + PLAN_PARTIES, when={"responsible__in": [Responsible.POLIS, Responsible.BADA]}
        ),
        public={"lofte__status__in": Medborgarlofte.ON_PUBLIC_PAGE, "lofte__published_at__isnull": False},
        # Who logs what was done: the kommun what it is responsible for, a police area party to
        # the agreement what the police are responsible for.
        loggers=(
            Loggers(path="lofte__plan__organization", when={"responsible__in": [Responsible.KOMMUN, Responsible.BADA]}),
            Loggers(
                path="lofte__plan__" + PLAN_PARTIES,
                when={"responsible__in": [Responsible.POLIS, Responsible.BADA]},
                police=True,
            ),
        ),
    )
    history = tracked()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["lofte", "order", "pk"]
        indexes = [models.Index(fields=["lofte", "order"])]

    def __str__(self) -> str:
        return self.what

    @property
    def target(self) -> Target:
        return target_of({name: getattr(self, name) for name in TARGET_FIELDS})

    @property
    def target_display(self) -> str:
        """The target in words, as the public page shows it (and the form's preview, before saving)."""
        return describe(self.target)

    def active_range(self) -> tuple[date, date]:
        """The dates the activity runs: its own, else its promise's."""
        return (self.starts_on or self.lofte.period_start, self.ends_on or self.lofte.period_end)


class Occasion(TenantModel):
    """A scheduled occasion of an activity (a trygghetsvandring on a given evening), for the
    public calendar."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="occasions")
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=200, blank=True)
    note = models.CharField(_("information"), max_length=300, blank=True)

    ownership = Ownership(
        "activity__lofte__plan__organization",
        shared_with=("activity__lofte__plan__" + PLAN_PARTIES,),
        police_co_writers=CoWriters(
            path="activity__lofte__plan__" + PLAN_PARTIES,
            when={"activity__responsible__in": [Activity.Responsible.POLIS, Activity.Responsible.BADA]},
        ),
        public={
            "activity__lofte__status__in": Medborgarlofte.ON_PUBLIC_PAGE,
            "activity__lofte__published_at__isnull": False,
        },
    )
    history = tracked()

    class Meta:
        verbose_name = _("tillfälle")
        verbose_name_plural = _("tillfällen")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.activity} {format_date(timezone.localtime(self.starts_at).date())}"


class LofteSignature(TenantModel):
    """Who signed a medborgarlöfte for the kommun or the police, and when."""

    lofte = models.ForeignKey(Medborgarlofte, on_delete=models.PROTECT, related_name="signatures")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(_("namn"), max_length=200)
    signer_title = models.CharField(_("titel"), max_length=200)
    signed_at = models.DateTimeField(_("undertecknad"))

    ownership = Ownership("lofte__plan__organization", shared_with=("lofte__plan__" + PLAN_PARTIES,))
    history = tracked()

    class Meta:
        verbose_name = _("underskrift av medborgarlöfte")
        verbose_name_plural = _("underskrifter av medborgarlöften")
        constraints = [models.UniqueConstraint(fields=["lofte", "organization"], name="one_signature_per_side")]

    def __str__(self) -> str:
        return f"{self.signer_name}, {self.signer_title}"


# The åtgärdsplan lives in its own module; imported here so that Django registers its models.
from .atgardsplan_models import Atgard, Atgardsplan  # noqa: E402

__all__ = [
    "Activity",
    "Atgard",
    "Atgardsplan",
    "Effect",
    "LocalGoal",
    "LocalPlan",
    "LofteSignature",
    "Medborgarlofte",
    "Occasion",
]
