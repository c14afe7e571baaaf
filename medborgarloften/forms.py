from typing import Any

from django import forms
from django.db.models import Case, Q, When
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agreements.models import AgreementParty, FocusArea
from lagesbild.models import Indicator, Lagesbild, Problem
from lagesbild.services import current_problems
from samverkan.forms import DateInput, EditForm, Form, choice, label_choices, model_choice
from samverkan.models import Organization

from .models import Activity, LocalGoal, LocalPlan, Medborgarlofte
from .targets import TARGET_FIELDS, TargetKind, describe, target_of, validate_target


class PlanForm(EditForm):
    class Meta:
        model = LocalPlan
        fields = LocalPlan.editable_fields
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "kommunikation": forms.Textarea(attrs={"rows": 4}),
        }


class NewPlanForm(PlanForm):
    organization = forms.ModelChoiceField(label=_("Kommun"), queryset=Organization.objects.none())

    class Meta(PlanForm.Meta):
        fields = ("organization", *LocalPlan.editable_fields)

    def __init__(self, *args: Any, kommuner: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "organization").queryset = kommuner


class GoalForm(EditForm):
    class Meta:
        model = LocalGoal
        fields = LocalGoal.editable_fields
        widgets = {
            "target_date": DateInput(),
            "problems": forms.CheckboxSelectMultiple,
            "activities": forms.CheckboxSelectMultiple,
        }
        help_texts = {"activities": _("Aktiviteterna i planens medborgarlöften som ska leda mot målet.")}

    def __init__(self, *args: Any, plan: LocalPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "focus_area").queryset = FocusArea.objects.filter(agreement=plan.agreement)
        parties = AgreementParty.all_objects.filter(agreement=plan.agreement).values_list("organization_id", flat=True)
        # The current lägesbilder's problems, and those the goal already names.
        chosen = list(self.instance.problems.values_list("pk", flat=True)) if self.instance.pk else []
        current = current_problems(parties, timezone.localdate()).values("pk")
        model_choice(self, "problems").queryset = (
            Problem.objects.filter(Q(pk__in=current) | Q(pk__in=chosen))
            .select_related("lagesbild__organization")
            .order_by("lagesbild__organization__name", "priority")
        )
        label_choices(model_choice(self, "problems"), lambda p: f"{p.lagesbild.organization.name}: {p.title}")
        # One choice per activity, however many versions its promise has: the signed version's
        # row (the goal is linked to every version's, see services._goal_activities).
        offered: dict[Any, int] = {}
        rows = (
            Activity.objects.filter(lofte__plan=plan)
            .exclude(lofte__status=Medborgarlofte.Status.ERSATT)
            .order_by(Case(When(lofte__status=Medborgarlofte.Status.UTKAST, then=1), default=0), "lofte", "order")
            .values_list("series", "pk")
        )
        for series, pk in rows:
            offered.setdefault(series, pk)
        model_choice(self, "activities").queryset = (
            Activity.objects.filter(pk__in=offered.values()).select_related("lofte").order_by("lofte__title", "order")
        )
        label_choices(model_choice(self, "activities"), lambda a: f"{a.what} ({a.lofte.title})")


class LofteForm(EditForm):
    dialogues = forms.MultipleChoiceField(
        label=_("Dialoger som löftet bygger på"),
        choices=Medborgarlofte.Dialogue.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    effects = forms.CharField(
        label=_("Effekter som eftersträvas"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("En effekt per rad, t.ex. ”Ökad upplevd trygghet”."),
    )

    class Meta:
        model = Medborgarlofte
        fields = Medborgarlofte.editable_fields
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "introduction": forms.Textarea(attrs={"rows": 5}),
            "dialogue_description": forms.Textarea(attrs={"rows": 3}),
            "focus_areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, plan: LocalPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parties = AgreementParty.all_objects.filter(agreement=plan.agreement).values("organization_id")
        model_choice(self, "police_area").queryset = Organization.objects.filter(
            pk__in=parties, kind=Organization.Kind.LOKALPOLISOMRADE
        )
        model_choice(self, "focus_areas").queryset = FocusArea.objects.filter(agreement=plan.agreement)
        self.fields["introduction"].help_text = _("Skriv inte personuppgifter om enskilda personer.")
        if self.instance.pk and not self.is_bound:
            self.fields["effects"].initial = "\n".join(e.text for e in self.instance.effects.all())

    def changes(self) -> dict[str, Any]:
        data = super().changes()
        data["effects"] = [line.strip() for line in data.get("effects", "").splitlines() if line.strip()]
        return data


class ActivityForm(EditForm):
    """An activity in the plan editor. Every change to a promise's activities is guarded by the
    plan's version, since they are edited together on one page."""

    class Meta:
        model = Activity
        fields = Activity.editable_fields
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "responsible": forms.RadioSelect,
            "target_kind": forms.RadioSelect,
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }
        # The target reads as a sentence: "[minst] [4] gånger per [år]", or words of one's own.
        labels = {
            "target_kind": _("Hur ofta"),
            "target_minimum": _("minst"),
            "target_count": _("gånger"),
            "target_unit": _("per"),
            "target_every": _("Var n:e period"),
            "target_multiplier": _("Antal klasser eller grupper"),
            "target_multiplier_label": _("Vilka klasser eller grupper"),
            "target_text": _("Med egna ord"),
        }
        help_texts = {
            "target_every": _("1 = varje period; 3 med ”helg” = var tredje helg."),
            "target_multiplier": _("T.ex. 4 för ”1 gång per år per klass 6–9”."),
            "target_multiplier_label": _("T.ex. ”klass 6–9”."),
            "target_text": _(
                "Vid behov och löpande: när eller hur ofta, t.ex. ”Under riskhelger”, ”Varje arbetspass”. "
                "Ett antal per period skrivs ut av sig själv; text här ersätter den."
            ),
        }

    def __init__(self, *args: Any, lofte: Medborgarlofte, **kwargs: Any) -> None:
        self.lofte = lofte
        super().__init__(*args, **kwargs)
        self.fields["version"].required = True
        model_choice(self, "focus_area").queryset = FocusArea.objects.filter(agreement_id=lofte.plan.agreement_id)
        self.fields["target_unit"].required = False
        for name in ("target_count", "target_every", "target_multiplier"):
            self.fields[name].widget.attrs.update({"min": 0 if name == "target_count" else 1, "inputmode": "numeric"})
        self.fields["version"].widget.attrs["data-plan-version"] = ""
        # Radio buttons without the empty "---------" choice that model fields would add.
        choice(self, "responsible").choices = Activity.Responsible.choices
        choice(self, "target_kind").choices = TargetKind.choices

    def versioned(self) -> bool:
        return True

    def loaded_version(self) -> int:
        return self.lofte.plan.version

    def target_preview(self) -> tuple[str, str]:
        """The target as the public page will show it (`targets.describe`, the one function both
        use), and what keeps it from being saved (a Swedish message, empty when nothing does)."""
        if self.is_bound:
            self.is_valid()
            values = {name: self.cleaned_data.get(name) for name in TARGET_FIELDS}
            typed = [
                f"{capfirst(self.fields[name].label or name)}: {self.errors[name][0]}"
                for name in TARGET_FIELDS
                if name in self.errors
            ]
        else:
            values = {name: self.initial.get(name, self.fields[name].initial) for name in TARGET_FIELDS}
            typed = []
        target = target_of(values)
        problems = typed or list(validate_target(target).values())
        return describe(target), problems[0] if problems else ""

    def stored_version(self) -> int:
        return int(LocalPlan.all_objects.filter(pk=self.lofte.plan_id).values_list("version", flat=True)[0])


class OccasionForm(Form):
    starts_at = forms.DateTimeField(label=_("Börjar"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(
        label=_("Slutar"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Plats"), max_length=200, required=False)
    note = forms.CharField(label=_("Information"), max_length=300, required=False)


class EffectIndicatorsForm(Form):
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indikatorer"), queryset=Indicator.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, plan: LocalPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parties = AgreementParty.all_objects.filter(agreement=plan.agreement).values("organization_id")
        model_choice(self, "indicators").queryset = Indicator.objects.filter(organization__in=parties)


# --- The åtgärdsplan (Lag 2023:196) --------------------------------------------------------


class AtgardsplanForm(Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    lagesbild = forms.ModelChoiceField(
        label=_("Bygger på lägesbilden"),
        queryset=Lagesbild.objects.none(),
        help_text=_("Åtgärdsplanen utgår från kommunens fastställda lägesbild."),
    )

    def __init__(self, *args: Any, kommun: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pictures = Lagesbild.objects.filter(organization=kommun, status=Lagesbild.Status.FASTSTALLD).order_by(
            "-adopted_on"
        )
        model_choice(self, "lagesbild").queryset = pictures
        if "lagesbild" not in self.initial and pictures:
            self.initial["lagesbild"] = pictures[0].pk


class MeasureForm(Form):
    activity = forms.ModelChoiceField(
        label=_("Aktivitet i del 2"),
        queryset=Activity.objects.none(),
        required=False,
        empty_label=_("Ingen – en egen åtgärd"),
        help_text=_("En åtgärd kan vara en aktivitet i kommunens del 2; då följs den upp genom loggarna."),
    )
    what = forms.CharField(label=_("Åtgärd"), max_length=300, required=False, help_text=_("Tomt: aktivitetens namn."))
    problem = forms.ModelChoiceField(
        label=_("Prioriterat problem i lägesbilden"),
        queryset=Problem.objects.none(),
        required=False,
        help_text=_("En åtgärd utan problem flaggas."),
    )
    follow_up = forms.CharField(label=_("Hur den följs upp"), max_length=300, required=False)
    responsible = forms.CharField(label=_("Ansvarig"), max_length=200, required=False)

    def __init__(self, *args: Any, plan: Any, activities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "activity").queryset = activities
        label_choices(model_choice(self, "activity"), lambda a: f"{a.lofte.title}: {a.what}")
        model_choice(self, "problem").queryset = Problem.objects.filter(lagesbild=plan.lagesbild).order_by(
            "priority", "pk"
        )
        label_choices(model_choice(self, "problem"), lambda p: f"{p.priority}. {p.title}")


class DecideForm(Form):
    decided_on = forms.DateField(label=_("Beslutad den"), widget=DateInput())
    decided_by = forms.CharField(
        label=_("Beslutande organ"), max_length=200, help_text=_("T.ex. kommunstyrelsen eller kommunfullmäktige.")
    )
    diarienummer = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)
    paragraph = forms.CharField(label=_("Paragraf"), max_length=30, required=False, help_text=_("T.ex. § 112."))
