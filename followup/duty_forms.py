"""Forms of the duty pages: the samordningsfunktion and the kommun's cycle."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.forms import DateInput, EditForm, Form
from samverkan.models import DutyCycle, Organization, User


class SamordningsfunktionForm(Form):
    role_title = forms.CharField(
        label=_("Funktion"),
        max_length=200,
        help_text=_("T.ex. brottsförebyggande samordnare vid avdelningen för kultur och folkhälsa."),
    )
    people = forms.ModelMultipleChoiceField(
        label=_("Personer"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Lämna tomt om bara rollen är bestämd än; då påminns samordnare och ledning."),
    )
    from_date = forms.DateField(label=_("Från och med"), widget=DateInput())
    decided_by = forms.CharField(label=_("Beslutande organ"), max_length=200, required=False)
    diarienummer = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)
    paragraph = forms.CharField(label=_("Paragraf"), max_length=30, required=False)

    def __init__(self, *args: Any, kommun: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = User.objects.filter(is_active=True, memberships__organization=kommun).distinct()


class DutyCycleForm(EditForm):
    class Meta:
        model = DutyCycle
        fields = DutyCycle.editable_fields
