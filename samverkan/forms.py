"""Form pieces every app uses."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bounds import errors_for, range_for, values_of

#: The longest text any form takes where the model sets no limit (a TextField): long enough for
#: any section of an agreement, short enough that nobody stores a novel by accident.
TEXT_MAX_LENGTH = 20_000


class BoundedFormMixin:
    """What every form of ours shares: numbers within their bounds (samverkan.bounds, derived
    from the model's fields and declarations) and a length limit on every text.

    A ModelForm checks against its Meta.model; a plain form names `bounds_model` and, where its
    fields are named differently from the model's, overrides `bounds_values`.
    """

    bounds_model: type[models.Model] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model = self._bounds_model()
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = TEXT_MAX_LENGTH
                field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))
                field.widget.attrs.setdefault("maxlength", str(TEXT_MAX_LENGTH))
            if model is None or not isinstance(field, forms.IntegerField | forms.DecimalField):
                continue
            try:
                allowed = range_for(model, name)
            except FieldDoesNotExist:
                allowed = None
            if allowed is not None:
                field.widget.attrs.setdefault("min", str(allowed.low))
                field.widget.attrs.setdefault("max", str(allowed.high))

    def _bounds_model(self) -> type[models.Model] | None:
        meta = getattr(self, "_meta", None)
        return self.bounds_model or getattr(meta, "model", None)

    def bounds_values(self, cleaned: Mapping[str, Any]) -> dict[str, Any]:
        """The values to check, by model field name: the row as it will be saved."""
        instance = getattr(self, "instance", None)
        return {**(values_of(instance) if instance is not None else {}), **cleaned}

    #: Model field name → form field name, where they differ (for where to put the error).
    bounds_field_names: Mapping[str, str] = {}

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        model = self._bounds_model()
        if model is not None:
            for name, message in errors_for(model, self.bounds_values(cleaned)).items():
                form_name = self.bounds_field_names.get(name, name)
                if form_name in self.fields and form_name in cleaned:  # type: ignore[attr-defined]
                    self.add_error(form_name, message)  # type: ignore[attr-defined]
        return cleaned


class Form(BoundedFormMixin, forms.Form):
    """The base of every plain form of ours."""


class ModelForm(BoundedFormMixin, forms.ModelForm):
    """The base of every model form of ours."""


class DateInput(forms.DateInput):
    """The browser's own date picker, which is keyboard- and screen-reader friendly."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class VersionField(forms.IntegerField):
    """The version the person loaded, for optimistic concurrency (see samverkan.concurrency)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: object) -> None:
        super().__init__(min_value=1, **kwargs)  # type: ignore[arg-type]


class ReauthenticateForm(Form):
    """Asks for the person's password and a fresh second-factor code before a signature or an
    approval, so that nobody signs from a session left open."""

    password = forms.CharField(
        label=_("Ditt lösenord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Bekräfta att det är du som skriver under."),
    )
    code = forms.CharField(
        label=_("Kod från din autentiseringsapp"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Sex siffror från appen där du aktiverade tvåstegsverifiering."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Lösenordet stämmer inte."))
        return password

    def clean_code(self) -> str:
        from .security import totp_of, verify_code

        code = self.cleaned_data["code"]
        if totp_of(self.user) is None:
            raise forms.ValidationError(
                _("Aktivera tvåstegsverifiering under Konto innan du skriver under eller godkänner.")
            )
        if "password" not in self.cleaned_data:
            # Leave the one-time code unused when the password was wrong.
            return code
        if not verify_code(self.user, code):
            raise forms.ValidationError(_("Koden stämmer inte eller har redan använts. Vänta på nästa kod."))
        return code
