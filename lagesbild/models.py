"""Each party's local situational picture (Lag 2023:196): kartläggning, annan information,
analys; the sources behind it, the problems with their causes and priority, and indicators
measured over time."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from samverkan.bounds import PERCENT, YEARS, is_percent
from samverkan.concurrency import Versioned
from samverkan.history import tracked
from samverkan.models import Organization
from samverkan.numbers import format_number
from samverkan.tenancy import Ownership, TenantModel

PERSONAL_DATA_HELP = _("Skriv inte personuppgifter om enskilda personer här.")


class Theme(models.Model):
    """A theme problems are sorted under; the list is configurable in the admin."""

    slug = models.SlugField(_("kortnamn"), unique=True)
    name = models.CharField(_("namn"), max_length=100)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_active = models.BooleanField(_("aktivt"), default=True)

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("teman")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Lagesbild(TenantModel, Versioned):
    """One organisation's situational picture for a period."""

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        FASTSTALLD = "faststalld", _("Fastställd")

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "title",
        "period_start",
        "period_end",
        "kartlaggning",
        "annan_information",
        "analys",
    )

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="lagesbilder"
    )
    title = models.CharField(_("rubrik"), max_length=200)
    period_start = models.DateField(_("gäller från"))
    period_end = models.DateField(_("gäller till"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UTKAST)
    adopted_on = models.DateField(_("fastställd den"), null=True, blank=True)
    adopted_by = models.CharField(
        _("fastställd av"),
        max_length=200,
        blank=True,
        help_text=_("Beslutande organ, t.ex. kommunstyrelsen."),
    )
    adopted_diarienummer = models.CharField(_("diarienummer"), max_length=60, blank=True)
    adopted_paragraph = models.CharField(
        _("paragraf"), max_length=30, blank=True, help_text=_("Paragrafen i protokollet, t.ex. § 45.")
    )
    kartlaggning = models.TextField(
        _("kartläggning"),
        blank=True,
        help_text=_("Brottsligheten i kommunen: omfattning, var och när, och dess konsekvenser."),
    )
    annan_information = models.TextField(
        _("annan information"),
        blank=True,
        help_text=_("Annat som är relevant för det brottsförebyggande arbetet."),
    )
    analys = models.TextField(
        _("analys"), blank=True, help_text=_("Analys av orsaker och behov som grund för prioriteringar.")
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("bygger på"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)

    number_bounds = {"period_start": YEARS, "period_end": YEARS}
    ownership = Ownership("organization", partners_read=True)
    history = tracked()

    class Meta:
        verbose_name = _("lägesbild")
        verbose_name_plural = _("lägesbilder")
        ordering = ["-period_start", "organization__name"]
        indexes = [models.Index(fields=["organization", "status", "period_start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="lagesbild_period_order"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="faststalld") | models.Q(adopted_on__isnull=False),
                name="lagesbild_adopted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.organization})"

    def get_absolute_url(self) -> str:
        return reverse("lagesbild_detail", kwargs={"uuid": self.uuid})

    @property
    def is_adopted(self) -> bool:
        return self.status == self.Status.FASTSTALLD

    def covers(self, day: date) -> bool:
        return self.period_start <= day <= self.period_end


class Source(TenantModel, Versioned):
    """Underlag: a statistic, survey, dialogue or report the picture is built on."""

    class Kind(models.TextChoices):
        POLISENS_STATISTIK = "polisens_statistik", _("Polisens statistik")
        BRA_ANMALDA_BROTT = "bra_anmalda_brott", _("Brå, anmälda brott")
        NTU = "ntu", _("Nationella trygghetsundersökningen (NTU)")
        KOMMUNAL_UNDERSOKNING = "kommunal_undersokning", _("Kommunal undersökning (t.ex. LUPP, skolenkät)")
        MEDBORGARDIALOG = "medborgardialog", _("Medborgardialog")
        MEDARBETARDIALOG = "medarbetardialog", _("Medarbetardialog")
        WEBBENKAT = "webbenkat", _("Webbenkät")
        TRYGGHETSVANDRING = "trygghetsvandring", _("Trygghetsvandring")
        FALTRAPPORT = "faltrapport", _("Fältrapport")
        ANNAT = "annat", _("Annat")

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = ("kind", "title", "date", "description")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lagesbild = models.ForeignKey(
        Lagesbild, verbose_name=_("lägesbild"), on_delete=models.CASCADE, related_name="sources"
    )
    kind = models.CharField(_("typ av underlag"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("benämning"), max_length=200)
    date = models.DateField(_("datum"))
    description = models.TextField(_("beskrivning"), blank=True, help_text=PERSONAL_DATA_HELP)
    attachment = models.FileField(_("bilaga"), upload_to="lagesbild/", blank=True, max_length=300)
    attachment_name = models.CharField(_("bilagans filnamn"), max_length=200, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True, editable=False)

    ownership = Ownership("lagesbild__organization", partners_read=True)
    history = tracked()

    class Meta:
        verbose_name = _("underlag")
        verbose_name_plural = _("underlag")
        ordering = ["-date", "title"]

    def __str__(self) -> str:
        return self.title


class Problem(TenantModel, Versioned):
    """A problembild: what, where and when, who is affected, why (causes), and its priority."""

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = ("title", "theme", "description", "where", "when", "affected", "sources")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lagesbild = models.ForeignKey(
        Lagesbild, verbose_name=_("lägesbild"), on_delete=models.CASCADE, related_name="problems"
    )
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True, help_text=PERSONAL_DATA_HELP)
    theme = models.ForeignKey(Theme, verbose_name=_("tema"), on_delete=models.PROTECT, related_name="problems")
    where = models.CharField(_("var"), max_length=300, blank=True, help_text=_("Platser eller områden."))
    when = models.CharField(
        _("när"),
        max_length=300,
        blank=True,
        help_text=_("Tider, helger eller säsonger, t.ex. marknadshelger."),
    )
    affected = models.CharField(_("vilka som berörs"), max_length=300, blank=True)
    priority = models.PositiveIntegerField(_("prioritet"), default=0, help_text=_("1 är högst prioriterat."))
    sources = models.ManyToManyField(Source, verbose_name=_("underlag"), blank=True, related_name="problems")

    ownership = Ownership("lagesbild__organization", partners_read=True)
    history = tracked(m2m_fields=[sources])

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problem")
        ordering = ["lagesbild", "priority", "pk"]
        indexes = [models.Index(fields=["lagesbild", "priority"])]

    def __str__(self) -> str:
        return self.title


class Cause(TenantModel):
    """One cause in the orsaksanalys of a problem."""

    problem = models.ForeignKey(Problem, verbose_name=_("problem"), on_delete=models.CASCADE, related_name="causes")
    description = models.CharField(_("orsak"), max_length=500)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    ownership = Ownership("problem__lagesbild__organization", partners_read=True)
    history = tracked()

    class Meta:
        verbose_name = _("orsak")
        verbose_name_plural = _("orsaker")
        ordering = ["problem", "order", "pk"]

    def __str__(self) -> str:
        return self.description


class Indicator(TenantModel, Versioned):
    """Something an organisation measures over time, with a baseline, e.g. anmälda brott per
    1 000 invånare or the share who feel unsafe."""

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "name",
        "unit",
        "source",
        "description",
        "baseline_year",
        "baseline_value",
        "lower_is_better",
        "problems",
    )

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="indicators"
    )
    name = models.CharField(_("namn"), max_length=200)
    unit = models.CharField(_("enhet"), max_length=60, help_text=_("T.ex. ”per 1 000 invånare” eller ”procent”."))
    source = models.CharField(_("källa"), max_length=200, help_text=_("T.ex. Brå, NTU, LUPP eller polisens statistik."))
    description = models.TextField(_("beskrivning"), blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baslinjeår"))
    baseline_value = models.DecimalField(_("baslinjevärde"), max_digits=14, decimal_places=3)
    lower_is_better = models.BooleanField(
        _("lägre är bättre"),
        default=True,
        help_text=_("Avmarkera om ett högre värde är bättre, t.ex. andel trygga."),
    )
    problems = models.ManyToManyField(
        Problem, verbose_name=_("problem som mäts"), blank=True, related_name="indicators"
    )

    number_bounds = {
        "baseline_year": YEARS,
        "baseline_value": lambda row: PERCENT if is_percent(row.get("unit")) else None,
    }
    ownership = Ownership("organization", partners_read=True)
    history = tracked()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["organization__name", "name"]

    def get_absolute_url(self) -> str:
        return reverse("indicator_detail", kwargs={"uuid": self.uuid})

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    @property
    def latest_measurement(self) -> "Measurement | None":
        """The most recent value; uses prefetched measurements when the caller prefetched them."""
        measurements = list(self.measurements.all())
        return max(measurements, key=lambda m: m.period_start) if measurements else None


class Measurement(TenantModel):
    """One value of an indicator for a year, a month or a day."""

    class Granularity(models.TextChoices):
        YEAR = "ar", _("År")
        MONTH = "manad", _("Månad")
        DAY = "dag", _("Dag")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="measurements"
    )
    period_start = models.DateField(_("period"))
    granularity = models.CharField(_("periodlängd"), max_length=10, choices=Granularity.choices)
    value = models.DecimalField(_("värde"), max_digits=14, decimal_places=3)
    note = models.CharField(_("kommentar"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    number_bounds = {
        "period_start": YEARS,
        "value": lambda row: PERCENT if is_percent(getattr(row.get("indicator"), "unit", "")) else None,
    }
    ownership = Ownership("indicator__organization", partners_read=True)
    history = tracked()

    class Meta:
        verbose_name = _("mätvärde")
        verbose_name_plural = _("mätvärden")
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_start", "granularity"], name="unique_measurement"),
        ]

    def __str__(self) -> str:
        return f"{self.period_label}: {format_number(self.value)}"

    @property
    def period_label(self) -> str:
        if self.granularity == self.Granularity.YEAR:
            return f"{self.period_start:%Y}"
        if self.granularity == self.Granularity.MONTH:
            return date_format(self.period_start, "YEAR_MONTH_FORMAT")
        return date_format(self.period_start)
