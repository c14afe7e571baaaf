"""Form pieces every app uses, the one way a view hands a form to a service, and the core's own forms.

`submit(request, form, action, ...)` validates the form, calls the service and, on a
`DomainError`, puts the message and its field errors on the form (a conflict also shows what is
stored beside what the person typed); on success it adds a message and redirects. `perform(...)`
does the same for buttons without a form.
"""

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .errors import ConflictError, DomainError
from .models import Membership
from .notifications import KINDS

T = TypeVar("T")


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


class EditForm(forms.ModelForm):
    """A model form whose fields are the model's declared `editable_fields`, carrying the version
    the person loaded when the model is `Versioned`.

    Subclasses set `Meta.model` and `Meta.fields = Model.editable_fields` (plus widgets);
    `changes()` is what the service receives and `expected_version` what it checks.
    """

    version = VersionField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflict: list[tuple[str, str, str]] = []
        if self.versioned():
            self.fields["version"].initial = self.loaded_version()
        else:
            del self.fields["version"]

    def versioned(self) -> bool:
        """Whether saving checks a version: editing an existing row of a `Versioned` model."""
        return hasattr(self._meta.model, "version") and bool(self.instance.pk)

    def loaded_version(self) -> int:
        """The version the person is shown (a form may guard its object by another's version)."""
        return int(self.instance.version)

    def stored_version(self) -> int:
        """The version as stored now, after someone else saved."""
        return int(type(self.instance)._base_manager.filter(pk=self.instance.pk).values_list("version", flat=True)[0])

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")

    def changes(self) -> dict[str, Any]:
        """The cleaned values of the model's fields, for the service."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}

    def show_conflict(self) -> None:
        """After a conflict: list each field whose stored value differs from what was typed,
        and carry the stored version so that saving again, deliberately, succeeds."""
        stored = type(self.instance)._base_manager.filter(pk=self.instance.pk).first() if self.instance.pk else None
        for name, field in self.fields.items():
            if stored is None or name == "version" or name not in self.cleaned_data:
                continue
            try:
                stored_value = _stored_value(stored, name)
            except (AttributeError, ValueError):
                continue
            typed, saved = display_value(field, self.cleaned_data[name]), display_value(field, stored_value)
            if typed != saved:
                self.conflict.append((str(field.label or name), saved, typed))
        data = cast(QueryDict, self.data).copy()
        data[self.add_prefix("version")] = str(self.stored_version())
        self.data = data


def _stored_value(instance: models.Model, name: str) -> Any:
    value = getattr(instance, name)
    if isinstance(value, models.Manager):
        return list(value.all())
    return value


def display_value(field: forms.Field, value: Any) -> str:
    """A value as the person would read it, to compare what is stored with what was typed."""
    if value is None or value == "":
        return "–"
    if isinstance(value, list | tuple | set | models.QuerySet):
        return ", ".join(sorted(display_value(field, item) for item in value)) or "–"
    choices = getattr(field, "choices", None)
    if choices is not None and not isinstance(value, models.Model):
        labels = {str(key): label for key, label in choices if not isinstance(label, list | tuple)}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(value, date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    return str(value)


def put_error_on(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's error on the form: field errors by their field, the message on top."""
    placed = False
    for name, message in error.errors.items():
        if name in form.fields:
            form.add_error(name, message)
            placed = True
    if not placed or isinstance(error, ConflictError) or set(error.errors) - set(form.fields):
        form.add_error(None, error.message)
    if isinstance(error, ConflictError) and isinstance(form, EditForm):
        form.show_conflict()


Target = str | models.Model | Callable[[Any], Any]


def _redirect_to(target: Target, result: Any) -> HttpResponse:
    if callable(target) and not isinstance(target, models.Model):
        target = target(result)
    return redirect(cast(Any, target))


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    action: Callable[[], T],
    *,
    success: str | None,
    then: Target,
) -> HttpResponse | None:
    """On a valid POST, run `action` (one service call); on success add the `success` message and
    redirect to `then` (a URL, an object, or a function of the action's result). Returns None when
    the form is to be shown (again): not posted, invalid, or refused by the service."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action()
    except DomainError as error:
        put_error_on(form, error)
        return None
    if success:
        messages.success(request, success)
    return _redirect_to(then, result)


def perform(request: HttpRequest, action: Callable[[], T], *, success: str | None, then: Target) -> HttpResponse:
    """A button without a form: run `action`, say how it went, and redirect to `then`."""
    try:
        result = action()
    except DomainError as error:
        messages.error(request, error.message)
        result = None
    else:
        if success:
            messages.success(request, success)
    return _redirect_to(then, result)


# --- The core's own forms ------------------------------------------------------------------


class VerifyForm(forms.Form):
    file = forms.FileField(
        label=_("PDF-fil"),
        help_text=_("Välj den PDF du vill kontrollera, högst 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )


class PreferenceForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Påminnelser jag vill få"),
        choices=list(KINDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    weekly_digest = forms.BooleanField(
        label=_("Samla e-posten i ett veckobrev på måndagar i stället för att få den direkt"), required=False
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-postadress"))
    full_name = forms.CharField(label=_("Namn"), max_length=200)
    title = forms.CharField(label=_("Befattning"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Roll"), choices=Membership.Role.choices)


class AccessibilityReportForm(forms.Form):
    message = forms.CharField(
        label=_("Vad fungerade inte?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Beskriv sidan och vad som var svårt. Skriv inte personuppgifter om andra."),
    )
    email = forms.EmailField(label=_("Din e-postadress (om du vill ha svar)"), required=False)
