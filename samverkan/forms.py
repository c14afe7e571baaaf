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
