"""Samverkansöverenskommelse, del 1: the strategic agreement between the police and one or more
kommuner, its sections, focus areas, commitments, parties, signatures and versions."""

from datetime import date
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from lagesbild.models import Problem
from samverkan.bounds import YEARS, Range
from samverkan.concurrency import Versioned
from samverkan.history import tracked
from samverkan.models import Organization
from samverkan.revisions import Revisioned
from samverkan.sealed import SealedDescription, SealedDocument
from samverkan.tenancy import Ownership, Partnership, TenantModel

PARTIES = "agreement__parties__organization"


def _day(day: date) -> str:
    return date_format(day)


class Agreement(TenantModel, Versioned, SealedDocument, Revisioned):
    """One version of an agreement. A revision is a new Agreement pointing at the one it replaces."""

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        REMISS = "remiss", _("På remiss")
        FOR_UNDERSKRIFT = "for_underskrift", _("För underskrift")
        UNDERTECKNAD = "undertecknad", _("Undertecknad")
        GALLANDE = "gallande", _("Gällande")
        UPPHORT = "upphort", _("Upphört")
        ERSATT = "ersatt", _("Ersatt")

    class Renewal(models.TextChoices):
        ENDS = "upphor", _("Upphör vid periodens slut")
        REVISE = "revideras", _("Ska revideras vid periodens slut")
        CONTINUES = "tills_vidare", _("Förlängs tills vidare om ingen ny överenskommelse tecknas")

    EDITABLE = frozenset({Status.UTKAST, Status.REMISS})
    #: Signed by every party: the text is final, whether or not its period has begun.
    SIGNED = frozenset({Status.UNDERTECKNAD, Status.GALLANDE, Status.UPPHORT, Status.ERSATT})

    #: The agreement's sections of running text, in the order of the document.
    text_sections: tuple[str, ...] = (
        "inledning",
        "syfte",
        "samverkansmodell",
        "gemensam_lagesbild",
        "fokus_inledning",
        "strategiska_forutsattningar",
        "medborgarloften",
        "uppfoljning",
        "kommunikation",
    )
    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "title",
        "period_start",
        "period_end",
        "starts_on_signing",
        "renewal",
        *text_sections[:8],
        # The month of the yearly report belongs with the section on follow-up.
        "reporting_month",
        *text_sections[8:],
        "signing_place",
    )

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UTKAST)
    title = models.CharField(_("rubrik"), max_length=300)
    period_start = models.DateField(_("gäller från"))
    period_end = models.DateField(_("gäller till"))
    starts_on_signing = models.BooleanField(
        _("gäller från underskrift"),
        default=False,
        help_text=_("Överenskommelsen gäller från och med datum för den sista underskriften."),
    )
    renewal = models.CharField(_("vid periodens slut"), max_length=20, choices=Renewal.choices, default=Renewal.REVISE)
    inledning = models.TextField(_("inledning"), blank=True)
    syfte = models.TextField(_("syfte"), blank=True)
    samverkansmodell = models.TextField(_("samverkansmodellen"), blank=True)
    gemensam_lagesbild = models.TextField(_("den gemensamma lägesbilden"), blank=True)
    fokus_inledning = models.TextField(_("inledning till fokusområdena"), blank=True)
    strategiska_forutsattningar = models.TextField(_("strategiska förutsättningar för samverkan"), blank=True)
    medborgarloften = models.TextField(_("medborgarlöften"), blank=True)
    uppfoljning = models.TextField(
        _("uppföljning"), blank=True, help_text=_("Hur och när arbetet följs upp och återrapporteras till ledningen.")
    )
    reporting_month = models.PositiveSmallIntegerField(
        _("månad för årlig återrapportering"),
        null=True,
        blank=True,
        # By name ("mars") in the form, the document and the history, in the active language.
        choices=list(MONTHS.items()),
        help_text=_("Den månad då den årliga uppföljningen ska rapporteras till polis- och kommunledning."),
    )
    kommunikation = models.TextField(_("kommunikationsplan"), blank=True)
    signing_place = models.CharField(_("ort för underskrift"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    activated_at = models.DateTimeField(_("gällande från"), null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(_("upphörde"), null=True, blank=True, editable=False)

    number_bounds = {"period_start": YEARS, "period_end": YEARS, "reporting_month": Range(1, 12)}
    ownership = Ownership("parties__organization", owner_is_many=True)
    history = tracked()

    class Meta:
        verbose_name = _("samverkansöverenskommelse")
        verbose_name_plural = _("samverkansöverenskommelser")
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="agreement_period_order"
            ),
            models.UniqueConstraint(fields=["series", "revision"], name="unique_agreement_revision"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reporting_month_name(self) -> str:
        """The month of the yearly report by its name ("mars"), as the document says it."""
        return str(self.get_reporting_month_display()) if self.reporting_month else ""

    def get_absolute_url(self) -> str:
        return reverse("agreement_detail", kwargs={"uuid": self.uuid})

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def period_label(self) -> str:
        if self.period_start.year == self.period_end.year:
            return str(self.period_start.year)
        return f"{self.period_start.year}–{self.period_end.year}"

    def covers(self, day: date) -> bool:
        return self.period_start <= day <= self.period_end

    @property
    def in_force_since(self) -> date | None:
        """The day it came into force: its start date, or the day the last party signed when
        that was later (an agreement signed mid-period, or a revision)."""
        if self.status not in (self.Status.GALLANDE, self.Status.UPPHORT, self.Status.ERSATT):
            return None
        if self.activated_at is None:
            return self.period_start
        return max(self.period_start, timezone.localdate(self.activated_at))

    def runs_on_since(self, today: date | None = None) -> date | None:
        """When a gällande agreement passed its end date and runs on under the renewal rule
        "förlängs tills vidare": its end date; otherwise None."""
        today = today or timezone.localdate()
        if self.status == self.Status.GALLANDE and self.renewal == self.Renewal.CONTINUES and self.period_end < today:
            return self.period_end
        return None

    def status_text(self, today: date | None = None) -> str:
        """The status in words, with the dates that rule it: "Undertecknad, gäller från 1 januari
        2027", "Gällande, förlängs tills vidare sedan 31 december 2027", "Upphört 31 december 2022"."""
        status = self.Status(self.status)
        if status == self.Status.UNDERTECKNAD:
            return _("Undertecknad, gäller från %(day)s") % {"day": _day(self.period_start)}
        if status == self.Status.GALLANDE:
            since = self.runs_on_since(today)
            if since is not None:
                return _("Gällande, förlängs tills vidare sedan %(day)s") % {"day": _day(since)}
            return _("Gällande sedan %(day)s") % {"day": _day(self.in_force_since or self.period_start)}
        if status in (self.Status.UPPHORT, self.Status.ERSATT) and self.ended_at is not None:
            return f"{status.label} {_day(timezone.localdate(self.ended_at))}"
        return str(status.label)

    # --- Sealing (samverkan.sealed) ---------------------------------------------------------

    def seal_refusal(self) -> str:
        if self.status not in self.SIGNED:
            return str(_("Överenskommelsen förseglas först när alla parter har skrivit under."))
        return ""

    def seal_reason(self) -> str:
        return str(
            _("Samverkansöverenskommelse %(title)s, version %(revision)s")
            % {"title": self.title, "revision": self.revision}
        )

    def render_sealed_pdf(self) -> bytes:
        from .documents import render_agreement_pdf

        return render_agreement_pdf(self, draft=False)

    def sealed_file_name(self) -> str:
        return f"{self.uuid}-v{self.revision}.pdf"

    def describe_sealed(self) -> SealedDescription:
        parties = AgreementParty.all_objects.filter(agreement=self).select_related("organization")
        return SealedDescription(
            kind=self.sealed_kind,
            title=self.title,
            version=f"{self.revision} ({self.get_status_display().lower()})",
            parties=[p.organization.name for p in parties],
        )


class AgreementParty(TenantModel, Versioned):
    """An organisation that is party to an agreement, and who signs for it."""

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "signatory",
        "signatory_title",
    )

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="agreement_parties"
    )
    signatory = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undertecknare"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signatory_title = models.CharField(
        _("undertecknarens titel"), max_length=200, blank=True, help_text=_("T.ex. Lokalpolisområdeschef Piteå Älvdal.")
    )
    accepted_at = models.DateTimeField(_("accepterat att delta"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    # Parties that have accepted an agreement that has not ended are partners (samverkan.tenancy).
    partnership = Partnership(
        organization="organization",
        group="agreement",
        when={"accepted_at__isnull": False},
        unless={"agreement__status__in": [Agreement.Status.UPPHORT, Agreement.Status.ERSATT]},
    )
    ownership = Ownership(PARTIES, owner_is_many=True)
    history = tracked()

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parter")
        ordering = ["agreement", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["agreement", "organization"], name="unique_agreement_party")]

    def __str__(self) -> str:
        return str(self.organization)


class SectionItem(TenantModel):
    """A bullet in one of the agreement's lists: the starting points of its purpose, the steps of
    the samverkansmodell, or the points of a shared vision."""

    class Section(models.TextChoices):
        UTGANGSPUNKT = "utgangspunkt", _("Viktiga utgångspunkter")
        MODELLSTEG = "modellsteg", _("Samverkansmodellen bygger på")
        VISION = "vision", _("Gemensam vision")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(_("avsnitt"), max_length=20, choices=Section.choices)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(default=0)

    ownership = Ownership(PARTIES, owner_is_many=True)
    history = tracked()

    class Meta:
        verbose_name = _("punkt")
        verbose_name_plural = _("punkter")
        ordering = ["agreement", "section", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class FocusArea(TenantModel, Versioned):
    """A prioritised area of the agreement, chosen from prioritised lägesbild problems."""

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "title",
        "description",
        "problems",
    )

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    series = models.UUIDField(
        default=uuid4,
        editable=False,
        db_index=True,
        help_text=_("Samma för fokusområdet i alla versioner av överenskommelsen; del 2 följer den."),
    )
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="focus_areas")
    title = models.CharField(_("fokusområde"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    problems = models.ManyToManyField(
        Problem, verbose_name=_("problem i lägesbilden"), blank=True, related_name="focus_areas"
    )
    order = models.PositiveSmallIntegerField(default=0)

    ownership = Ownership(PARTIES, owner_is_many=True)
    history = tracked(m2m_fields=[problems])

    class Meta:
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområden")
        ordering = ["agreement", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Commitment(TenantModel, Versioned):
    """What a party commits to: "Polisen åtar sig…", "Kommunerna åtar sig…"."""

    class Who(models.TextChoices):
        POLISEN = "polisen", _("Polisen åtar sig")
        KOMMUNERNA = "kommunerna", _("Kommunen/kommunerna åtar sig")
        GEMENSAMT = "gemensamt", _("Polisen och kommunen/kommunerna åtar sig")

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "who",
        "text",
    )

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="commitments")
    who = models.CharField(_("vem"), max_length=20, choices=Who.choices)
    text = models.TextField(_("åtagande"))
    order = models.PositiveSmallIntegerField(default=0)

    ownership = Ownership(PARTIES, owner_is_many=True)
    history = tracked()

    class Meta:
        verbose_name = _("åtagande")
        verbose_name_plural = _("åtaganden")
        ordering = ["agreement", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Comment(TenantModel):
    """A party's remissvar on an agreement out for comment."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="comments")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("synpunkt"))
    created_at = models.DateTimeField(_("lämnad"), auto_now_add=True)

    ownership = Ownership(PARTIES, owner_is_many=True)
    history = tracked()

    class Meta:
        verbose_name = _("remissvar")
        verbose_name_plural = _("remissvar")
        ordering = ["agreement", "created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class Signature(TenantModel):
    """A party's signature: who signed, when, and in which role. Never deleted once the
    agreement is active."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="signatures")
    party = models.OneToOneField(AgreementParty, on_delete=models.PROTECT, related_name="signature")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(_("namn"), max_length=200)
    signer_title = models.CharField(_("titel"), max_length=200)
    role = models.CharField(_("roll"), max_length=20)
    signed_at = models.DateTimeField(_("undertecknad"))
    method = models.CharField(_("metod"), max_length=40, default="lösenord")

    ownership = Ownership(PARTIES, owner_is_many=True)
    history = tracked()

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        ordering = ["agreement", "signed_at"]

    def __str__(self) -> str:
        return f"{self.signer_name}, {self.signer_title}"


def party_ids(agreement_id: int, party_id: int) -> list[int]:
    """The organisations party to an agreement. Parties are the data of every party, so the list
    is remembered while the data generation of one of them (`party_id`) stands."""
    from samverkan.fragments import remembered

    return remembered(
        "agreement_parties",
        party_id,
        lambda: list(
            AgreementParty.all_objects.filter(agreement_id=agreement_id).values_list("organization_id", flat=True)
        ),
        str(agreement_id),
    )
