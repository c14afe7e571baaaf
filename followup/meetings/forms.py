from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lagesbild.models import Lagesbild, Problem, Theme
from medborgarloften.models import Activity, LocalGoal, Medborgarlofte
from medborgarloften.targets import TargetKind, Unit
from samverkan.forms import DateInput, EditForm, Form, label_choices, model_choice
from samverkan.models import Group, GroupMember, Organization, User

from .models import Meeting

NO_PERSONAL_DATA = _("Skriv inte personuppgifter om enskilda invånare.")


class DateTimeInput(forms.DateTimeInput):
    """The browser's own date and time picker."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class GroupForm(EditForm):
    class Meta:
        model = Group
        fields = Group.editable_fields
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}


class PartyMemberForm(Form):
    """An organisation in Samverkan, and optionally one named person in it."""

    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=Organization.objects.none())
    person = forms.ModelChoiceField(
        label=_("Person (frivilligt)"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Utan person får organisationens samordnare kallelserna."),
    )
    role = forms.CharField(label=_("Roll i gruppen (frivilligt)"), max_length=200, required=False)

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "organization").queryset = Organization.objects.filter(is_active=True).order_by(
            "kind", "name"
        )
        model_choice(self, "person").queryset = people


class OutsideMemberForm(Form):
    """An organisation without accounts, by its name and the member's role, never a person's name."""

    outside_organization = forms.CharField(
        label=_("Organisation"), max_length=200, help_text=_("Till exempel Räddningstjänsten Norsjö.")
    )
    role = forms.CharField(
        label=_("Roll"), max_length=200, help_text=_("Till exempel räddningschef. Skriv inte personens namn.")
    )


class HttpsURLField(forms.URLField):
    """A link typed without a scheme is taken to be https."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(assume_scheme="https", **kwargs)


class MeetingForm(EditForm):
    """Time, place, agenda and, once held, attendance and minutes."""

    class Meta:
        model = Meeting
        fields = Meeting.editable_fields
        field_classes = {"link": HttpsURLField}
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
            "attendees": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, group: Group, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("agenda", "minutes"):
            if name in self.fields:
                self.fields[name].help_text = NO_PERSONAL_DATA
        if "attendees" in self.fields:
            field = model_choice(self, "attendees")
            field.queryset = GroupMember.objects.filter(group=group).select_related("organization", "person")
            label_choices(field, str)

    period_fields = ("starts_at", "ends_at")


class MeetingCreateForm(MeetingForm):
    class Meta(MeetingForm.Meta):
        fields = ("title", "starts_at", "ends_at", "place", "link", "agenda")


class DecisionForm(Form):
    text = forms.CharField(label=_("Beslut"), widget=forms.Textarea(attrs={"rows": 3}), help_text=NO_PERSONAL_DATA)


class ActivityDecisionForm(DecisionForm):
    """A decision that adds an activity to a medborgarlöfte."""

    bounds_model = Activity

    lofte = forms.ModelChoiceField(label=_("Medborgarlöfte"), queryset=Medborgarlofte.objects.none())
    what = forms.CharField(label=_("Aktivitet"), max_length=300)
    responsible = forms.ChoiceField(label=_("Ansvarig"), choices=Activity.Responsible.choices)
    target_kind = forms.ChoiceField(label=_("Typ av mål"), choices=TargetKind.choices)
    target_count = forms.IntegerField(label=_("Antal"), min_value=0, max_value=1000, required=False)
    target_unit = forms.ChoiceField(label=_("Per"), choices=[("", "–"), *Unit.choices], required=False)
    target_text = forms.CharField(label=_("Målet i ord"), max_length=300, required=False)

    def __init__(self, *args: Any, loften: QuerySet[Medborgarlofte], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = model_choice(self, "lofte")
        field.queryset = loften
        label_choices(field, lambda lofte: f"{lofte.title} ({lofte.get_status_display().lower()})")

    def activity(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "what": data["what"],
            "responsible": data["responsible"],
            "target_kind": data["target_kind"],
            "target_count": data.get("target_count") or 0,
            "target_unit": data.get("target_unit") or "",
            "target_minimum": True,
            "target_text": data.get("target_text") or "",
        }


class GoalDecisionForm(DecisionForm):
    """A decision that changes a local goal's target."""

    goal = forms.ModelChoiceField(label=_("Lokalt mål"), queryset=LocalGoal.objects.none())
    target_value = forms.CharField(label=_("Nytt målvärde"), max_length=100)
    target_date = forms.DateField(label=_("Nytt datum"), widget=DateInput())

    def __init__(self, *args: Any, goals: QuerySet[LocalGoal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "goal").queryset = goals


class ProblemDecisionForm(DecisionForm):
    """A decision that adds a problem to a lägesbild."""

    bounds_model = Problem

    lagesbild = forms.ModelChoiceField(label=_("Lägesbild (utkast)"), queryset=Lagesbild.objects.none())
    title = forms.CharField(label=_("Problem"), max_length=200)
    theme = forms.ModelChoiceField(label=_("Tema"), queryset=Theme.objects.filter(is_active=True))
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=NO_PERSONAL_DATA
    )

    def __init__(self, *args: Any, lagesbilder: QuerySet[Lagesbild], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "lagesbild").queryset = lagesbilder


class PublicForm(Form):
    public = forms.BooleanField(label=_("Visa protokollet på kommunens publika sida"), required=False)
