"""What was actually done: activity logs, the annual follow-up report and its approvals."""

from typing import Any
from uuid import uuid4

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementParty
from medborgarloften.models import Activity, Medborgarlofte
from samverkan.bounds import COUNTS, YEARS, Range
from samverkan.concurrency import Versioned
from samverkan.history import tracked
from samverkan.models import Organization
from samverkan.numbers import format_date
from samverkan.sealed import SealedDescription, SealedDocument
from samverkan.tenancy import Ownership, TenantModel

PLAN = "activity__lofte__plan__"


class ActivityLog(TenantModel, Versioned):
    """One record that an activity was carried out: when, how many times, by whom and for which
    organisation. Owned by the kommun whose plan it is; the agreement's parties read it."""

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "done_on",
        "count",
        "hours",
        "note",
    )

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    activity = models.ForeignKey(Activity, verbose_name=_("aktivitet"), on_delete=models.PROTECT, related_name="logs")
    organization = models.ForeignKey(
        Organization, verbose_name=_("för organisation"), on_delete=models.PROTECT, related_name="activity_logs"
    )
    done_on = models.DateField(_("datum"))
    count = models.PositiveIntegerField(_("antal"), default=1)
    hours = models.DecimalField(_("timmar"), max_digits=6, decimal_places=1, null=True, blank=True)
    note = models.CharField(_("anteckning"), max_length=500, blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    logged_at = models.DateTimeField(_("loggad"), auto_now_add=True)

    number_bounds = {"done_on": YEARS, "count": COUNTS, "hours": Range(0, 1000)}
    ownership = Ownership(
        PLAN + "organization",
        shared_with=(PLAN + "agreement__parties__organization",),
        public={
            "activity__lofte__status__in": Medborgarlofte.ON_PUBLIC_PAGE,
            "activity__lofte__published_at__isnull": False,
        },
    )
    history = tracked()

    class Meta:
        verbose_name = _("genomförd aktivitet")
        verbose_name_plural = _("genomförda aktiviteter")
        ordering = ["-done_on", "-logged_at"]
        indexes = [
            models.Index(fields=["activity", "done_on"]),
            models.Index(fields=["logged_by", "-logged_at"]),
        ]
        constraints = [models.CheckConstraint(condition=models.Q(count__gte=1), name="log_count_positive")]

    def __str__(self) -> str:
        return f"{self.activity} {format_date(self.done_on)} ({self.count})"

    # Every save and delete keeps the activity's running totals (followup.totals) in step, in
    # the same transaction, from the stored row locked for the change (so two changes at once
    # can neither both subtract the same old count nor lose one another's). No savepoint: a
    # failure here fails the caller's whole transaction, as it must, and a log costs two queries fewer.

    def save(self, *args: Any, **kwargs: Any) -> None:
        from .totals import counted_before, moved

        with transaction.atomic(savepoint=False):
            before = None if self._state.adding else counted_before(self.pk)
            super().save(*args, **kwargs)
            moved(before, (self.activity_id, self.done_on, self.count))

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        from .totals import counted_before, moved

        with transaction.atomic(savepoint=False):
            before = counted_before(self.pk)
            result = super().delete(*args, **kwargs)
            moved(before, None)
        return result


class ActivityTotal(models.Model):
    """What was logged for one activity in one day, week, month, quarter or year, kept summed as
    logs are recorded, corrected and undone (followup.totals), so that progress and the annual
    report read a handful of sums instead of counting the logs on every view. Derived data:
    `manage.py recount_activity_totals` rebuilds it from the logs, `--check` compares."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    unit = models.CharField(max_length=10)
    starts_on = models.DateField()
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "unit", "starts_on"], name="one_total_per_activity_period")
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.unit} {self.starts_on}: {self.count}"


class AnnualReport(TenantModel, Versioned, SealedDocument):
    """Årlig återrapportering for one kommun under an agreement and a year."""

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        FOR_GODKANNANDE = "for_godkannande", _("För godkännande")
        GODKAND = "godkand", _("Godkänd")

    #: What a person edits; the form's fields and the update service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "summary",
        "worked",
        "did_not_work",
        "changes_next_year",
    )

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="annual_reports")
    organization = models.ForeignKey(
        Organization, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UTKAST)
    summary = models.TextField(_("sammanfattning"), blank=True)
    worked = models.TextField(_("det här fungerade"), blank=True)
    did_not_work = models.TextField(_("det här fungerade inte"), blank=True)
    changes_next_year = models.TextField(_("förändringar till nästa år"), blank=True)
    figures = models.JSONField(_("siffror vid godkännandet"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True, editable=False)

    number_bounds = {"year": YEARS}
    ownership = Ownership("organization", shared_with=("agreement__parties__organization",))
    history = tracked()

    class Meta:
        verbose_name = _("årlig uppföljning")
        verbose_name_plural = _("årliga uppföljningar")
        ordering = ["-year", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organization", "year"], name="one_report_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}"

    def party_organizations(self) -> list[Organization]:
        """The organisations of the agreement's parties, asked once per instance (the report page
        and its approvals both need them; parties do not change while one request reads them)."""
        if not hasattr(self, "_party_organizations"):
            self._party_organizations = [
                p.organization
                for p in AgreementParty.all_objects.filter(agreement=self.agreement_id).select_related("organization")
            ]
        return self._party_organizations

    def approving_parties(self) -> list[Organization]:
        """Whose leadership approves: the kommun and the police organisations of the agreement."""
        return [self.organization, *(org for org in self.party_organizations() if org.is_police)]

    def get_absolute_url(self) -> str:
        return reverse("report_detail", kwargs={"uuid": self.uuid})

    # --- Sealing (samverkan.sealed) ---------------------------------------------------------

    def seal_refusal(self) -> str:
        if self.status != self.Status.GODKAND:
            return str(_("Uppföljningen förseglas först när alla parter har godkänt den."))
        return ""

    def seal_reason(self) -> str:
        return str(_("Årlig uppföljning %(year)s, %(org)s") % {"year": self.year, "org": self.organization})

    def render_sealed_pdf(self) -> bytes:
        from .reports import render_report_pdf

        return render_report_pdf(self)

    def sealed_file_name(self) -> str:
        return f"{self.uuid}.pdf"

    def describe_sealed(self) -> SealedDescription:
        approvals = ReportApproval.all_objects.filter(report=self).select_related("organization")
        return SealedDescription(
            kind=self.sealed_kind,
            title=f"{self.organization.name} {self.year}",
            version=str(self.get_status_display()),
            parties=[a.organization.name for a in approvals],
        )


class ReportApproval(TenantModel):
    """Leadership of a party approving the annual report."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="approvals")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approver_name = models.CharField(_("namn"), max_length=200)
    approver_title = models.CharField(_("titel"), max_length=200)
    approved_at = models.DateTimeField(_("godkänd"))

    ownership = Ownership("report__organization", shared_with=("report__agreement__parties__organization",))
    history = tracked()

    class Meta:
        verbose_name = _("godkännande")
        verbose_name_plural = _("godkännanden")
        constraints = [models.UniqueConstraint(fields=["report", "organization"], name="one_approval_per_party")]

    def __str__(self) -> str:
        return f"{self.approver_name}, {self.organization}"


# Meetings of groups, with minutes and decisions (followup/meetings/).
from .meetings.models import Decision, Meeting  # noqa: E402, F401
