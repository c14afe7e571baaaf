from copy import deepcopy
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from medborgarloften.models import Activity
from samverkan.forms import DateInput, EditForm, Form, model_choice
from samverkan.models import Organization

from .models import ActivityLog, AnnualReport


class ActivityChoiceField(forms.ModelChoiceField):
    """A choice among activities the view has already fetched: the posted id is looked up among
    them, so only those can be chosen and choosing costs no query."""

    allowed: dict[str, Activity]

    def to_python(self, value: Any) -> Activity | None:
        if value in self.empty_values:
            return None
        try:
            return self.allowed[str(value)]
        except KeyError:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None

    def label_from_instance(self, obj: Activity) -> str:
        return format_html('<span>{} <span class="muted">({})</span></span>', obj.what, obj.target_display)


class ActivityRadios(forms.RadioSelect):
    """The activities to log as a list of radio buttons whose whole names wrap on a phone (a select
    cuts them), under a heading per kommun when there is more than one."""

    template_name = "followup/widgets/activity_radios.html"


class LogForm(Form):
    bounds_model = ActivityLog

    activity = ActivityChoiceField(
        label=_("Aktivitet"), queryset=Activity.objects.none(), empty_label=None, widget=ActivityRadios
    )
    done_on = forms.DateField(label=_("Datum"), widget=DateInput())
    # At least once per log, and no more in one go than is plausible; the hours' range comes from
    # ActivityLog.number_bounds through the shared form base.
    count = forms.IntegerField(
        label=_("Antal gånger"), min_value=1, max_value=1000, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    hours = forms.DecimalField(
        label=_("Timmar (frivilligt)"),
        required=False,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
    )
    note = forms.CharField(
        label=_("Anteckning (frivilligt)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Skriv inte namn eller andra personuppgifter om enskilda."),
    )

    def __init__(self, *args: Any, activities: list[Activity], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer(activities)

    def offer(self, activities: list[Activity]) -> None:
        """The activities the person may choose among (all of theirs, or when a posted log is
        checked, just the one posted if it is among them)."""
        field = self.fields["activity"]
        assert isinstance(field, ActivityChoiceField)
        # Only the person's own activities can be chosen, whatever id is posted.
        field.allowed = {str(activity.pk): activity for activity in activities}
        # Most recently logged first, as the caller ordered them; grouped by kommun when the person
        # logs for several, since the same activity can stand in more than one kommun's promises.
        groups: dict[str, list[tuple[Any, Any]]] = {}
        for activity in activities:
            kommun = activity.lofte.plan.organization.name
            groups.setdefault(kommun, []).append((activity.pk, field.label_from_instance(activity)))
        if len(groups) > 1:
            field.choices = list(groups.items())
        else:
            field.choices = [choice for choices in groups.values() for choice in choices]
        if activities and not self.is_bound and not self.initial.get("activity"):
            # The one logged last is the likeliest, as the first option of a select was before.
            self.initial["activity"] = activities[0].pk

    def clean_done_on(self) -> date:
        day = self.cleaned_data["done_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Datumet kan inte vara i framtiden."))
        return day


class LogEditForm(EditForm):
    """Correcting one's own recent log: the same fields and checks as logging it."""

    class Meta:
        model = ActivityLog
        fields = ActivityLog.editable_fields

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ActivityLog.editable_fields:
            self.fields[name] = deepcopy(LogForm.base_fields[name])

    clean_done_on = LogForm.clean_done_on


class ReportForm(EditForm):
    class Meta:
        model = AnnualReport
        fields = AnnualReport.editable_fields
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in AnnualReport.editable_fields:
            self.fields[name].help_text = _("Skriv inte personuppgifter om enskilda personer.")


class ExportForm(Form):
    start = forms.DateField(label=_("Från"), widget=DateInput())
    end = forms.DateField(label=_("Till"), widget=DateInput())
    kommun: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Kommun"), queryset=Organization.objects.none(), required=False, empty_label=_("Alla mina kommuner")
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)")], widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, kommuner: Any, **kwargs: Any) -> None:
        year = timezone.localdate().year
        kwargs.setdefault("initial", {"start": date(year, 1, 1), "end": date(year, 12, 31), "format": "xlsx"})
        super().__init__(*args, **kwargs)
        model_choice(self, "kommun").queryset = kommuner

    period_fields = ("start", "end")
