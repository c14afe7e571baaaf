"""Form pieces every app uses."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


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


class ReauthenticateForm(forms.Form):
    """Asks for the person's password again before a signature, so that nobody signs from a
    session left open."""

    password = forms.CharField(
        label=_("Ditt lösenord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Bekräfta att det är du som skriver under."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Lösenordet stämmer inte."))
        return password
