from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lagesbild.models import Problem
from lagesbild.services import current_problems
from samverkan.forms import DateInput, EditForm, Form, label_choices, model_choice
from samverkan.models import Organization
from samverkan.tenancy import signers_of

from .models import Agreement, AgreementParty, Commitment, FocusArea, SectionItem

LIST_HELP = _("En punkt per rad.")


class AgreementForm(EditForm):
    utgangspunkter = forms.CharField(
        label=SectionItem.Section.UTGANGSPUNKT.label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=LIST_HELP,
    )
    modellsteg = forms.CharField(
        label=SectionItem.Section.MODELLSTEG.label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=LIST_HELP,
    )
    vision = forms.CharField(
        label=SectionItem.Section.VISION.label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=LIST_HELP,
    )

    class Meta:
        model = Agreement
        fields = Agreement.editable_fields
        widgets: dict[str, Any] = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            # Every text section of the agreement is a long text.
            **{name: forms.Textarea(attrs={"rows": 6}) for name in Agreement.text_sections},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemensam_lagesbild"].help_text = _("Skriv inte personuppgifter om enskilda personer.")
        if self.instance.pk and not self.is_bound:
            for section, field in _LIST_FIELDS.items():
                self.fields[field].initial = "\n".join(
                    item.text for item in self.instance.items.all() if item.section == section
                )

    def changes(self) -> dict[str, Any]:
        data = super().changes()
        data["items"] = {
            section: [line.strip() for line in data.pop(field, "").splitlines() if line.strip()]
            for section, field in _LIST_FIELDS.items()
        }
        return data


_LIST_FIELDS = {
    SectionItem.Section.UTGANGSPUNKT: "utgangspunkter",
    SectionItem.Section.MODELLSTEG: "modellsteg",
    SectionItem.Section.VISION: "vision",
}


class NewAgreementForm(Form):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    period_start = forms.DateField(label=_("Gäller från"), widget=DateInput())
    period_end = forms.DateField(label=_("Gäller till"), widget=DateInput())


class PartyAddForm(Form):
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.none(),
        help_text=_("Kommun, lokalpolisområde eller annan organisation som ska vara part."),
    )
    signatory_title = forms.CharField(label=_("Undertecknarens titel"), max_length=200, required=False)

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = AgreementParty.all_objects.filter(agreement=agreement).values("organization_id")
        model_choice(self, "organization").queryset = (
            Organization.objects.filter(is_active=True).exclude(pk__in=taken).order_by("kind", "name")
        )


class PartyForm(EditForm):
    class Meta:
        model = AgreementParty
        fields = AgreementParty.editable_fields

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only people who hold the authority to sign for the party's organisation (its leadership).
        model_choice(self, "signatory").queryset = signers_of(self.instance.organization)
        self.fields["signatory"].required = False


class FocusAreaForm(EditForm):
    class Meta:
        model = FocusArea
        fields = FocusArea.editable_fields
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "problems": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        party_orgs = AgreementParty.all_objects.filter(agreement=agreement).values_list("organization_id", flat=True)
        # The parties' current lägesbilder's problems, and those the area already builds on.
        chosen = list(self.instance.problems.values_list("pk", flat=True)) if self.instance.pk else []
        current = current_problems(party_orgs, timezone.localdate()).values("pk")
        model_choice(self, "problems").queryset = (
            Problem.objects.filter(Q(pk__in=current) | Q(pk__in=chosen))
            .select_related("lagesbild__organization", "theme")
            .order_by("lagesbild__organization__name", "-lagesbild__period_start", "priority")
        )
        label_choices(
            model_choice(self, "problems"),
            lambda p: f"{p.lagesbild.organization.name}: {p.priority}. {p.title} ({p.theme.name}, {p.lagesbild.title})",
        )
        self.fields["problems"].help_text = _(
            "Problemen i parternas lägesbilder som fokusområdet bygger på. Ett fokusområde utan problem flaggas."
        )


class CommitmentForm(EditForm):
    class Meta:
        model = Commitment
        fields = Commitment.editable_fields
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class CommentForm(Form):
    text = forms.CharField(label=_("Synpunkt"), widget=forms.Textarea(attrs={"rows": 4}))
