from decimal import InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samverkan.forms import DateInput, EditForm, Form, label_choices, model_choice
from samverkan.uploads import CSV, check_upload

from .imports import parse_period, parse_value
from .models import PERSONAL_DATA_HELP, Indicator, Lagesbild, Measurement, Problem, Source, Theme


class LagesbildForm(EditForm):
    class Meta:
        model = Lagesbild
        fields = Lagesbild.editable_fields
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "kartlaggning": forms.Textarea(attrs={"rows": 8}),
            "annan_information": forms.Textarea(attrs={"rows": 6}),
            "analys": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("kartlaggning", "annan_information", "analys"):
            self.fields[name].help_text = f"{self.fields[name].help_text} {PERSONAL_DATA_HELP}"


class AdoptForm(Form):
    adopted_on = forms.DateField(label=_("Fastställd den"), widget=DateInput())
    adopted_by = forms.CharField(
        label=_("Fastställd av"), max_length=200, help_text=_("Beslutande organ, t.ex. kommunstyrelsen.")
    )
    adopted_diarienummer = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)
    adopted_paragraph = forms.CharField(
        label=_("Paragraf"), max_length=30, required=False, help_text=_("Paragrafen i protokollet, t.ex. § 45.")
    )


class CopyForm(Form):
    title = forms.CharField(label=_("Rubrik för den nya lägesbilden"), max_length=200)
    period_start = forms.DateField(label=_("Gäller från"), widget=DateInput())
    period_end = forms.DateField(label=_("Gäller till"), widget=DateInput())


class SourceForm(EditForm):
    upload = forms.FileField(
        label=_("Bilaga"),
        required=False,
        help_text=_("PDF, Excel (XLSX) eller CSV, högst 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.xlsx,.csv"}),
    )
    remove_attachment = forms.BooleanField(label=_("Ta bort nuvarande bilaga"), required=False)

    class Meta:
        model = Source
        fields = Source.editable_fields
        widgets = {"date": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not (self.instance.pk and self.instance.attachment):
            del self.fields["remove_attachment"]

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload:
            check_upload(upload)
        return upload


class ProblemForm(EditForm):
    causes = forms.CharField(
        label=_("Orsaker (orsaksanalys)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("En orsak per rad."),
    )

    class Meta:
        model = Problem
        fields = Problem.editable_fields
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "sources": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, lagesbild: Lagesbild, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "theme").queryset = Theme.objects.filter(is_active=True)
        # Only this picture's own sources can be chosen, whatever ids are posted.
        model_choice(self, "sources").queryset = Source.objects.filter(lagesbild=lagesbild)
        self.fields["affected"].help_text = PERSONAL_DATA_HELP
        if self.instance.pk and not self.is_bound:
            self.fields["causes"].initial = "\n".join(c.description for c in self.instance.causes.all())

    def changes(self) -> dict[str, Any]:
        data = super().changes()
        data["causes"] = [line.strip() for line in data.get("causes", "").splitlines() if line.strip()]
        return data


class IndicatorForm(EditForm):
    class Meta:
        model = Indicator
        fields = Indicator.editable_fields
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "problems": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, organization: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "problems").queryset = (
            Problem.objects.filter(lagesbild__organization=organization)
            .select_related("lagesbild")
            .order_by("-lagesbild__period_start", "priority")
        )
        label_choices(model_choice(self, "problems"), lambda p: f"{p.title} ({p.lagesbild.title})")


class MeasurementForm(Form):
    bounds_model = Measurement
    bounds_field_names = {"period_start": "period"}

    period = forms.CharField(
        label=_("Period"),
        max_length=10,
        help_text=_("ÅÅÅÅ för ett år, ÅÅÅÅ-MM för en månad eller ÅÅÅÅ-MM-DD."),
    )
    value = forms.CharField(
        label=_("Värde"),
        max_length=30,
        help_text=_("T.ex. 12,5"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    note = forms.CharField(label=_("Kommentar"), max_length=300, required=False)

    def clean_period(self) -> Any:
        try:
            return parse_period(self.cleaned_data["period"])
        except ValueError:
            raise ValidationError(_("Skriv perioden som ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.")) from None

    def clean_value(self) -> Any:
        try:
            return parse_value(self.cleaned_data["value"])
        except (InvalidOperation, ValueError):
            raise ValidationError(_("Värdet måste vara ett tal, t.ex. 12,5.")) from None

    def __init__(self, *args: Any, indicator: Indicator | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator

    def bounds_values(self, cleaned: Any) -> dict[str, Any]:
        period = cleaned.get("period")
        return {
            "indicator": self.indicator,
            "period_start": period[0] if period else None,
            "value": cleaned.get("value"),
        }


class CsvImportForm(Form):
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_("En rad per period: period;värde;kommentar, t.ex. ”2023;12,5;Brå”. Rubrikrad är frivillig."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_upload(upload, allowed=(CSV,))
        return upload
