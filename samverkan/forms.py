"""Form pieces every app uses, the one way a view hands a form to a service, and the core's own forms.

`submit(request, form, action, ...)` validates the form, calls the service and, on a
`DomainError`, puts the message and its field errors on the form (a conflict also shows what is
stored beside what the person typed); on success it adds a message and redirects. `perform(...)`
does the same for buttons without a form.
"""

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render, resolve_url
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .bounds import errors_for, range_for, values_of
from .errors import ConflictError, DomainError
from .http import person
from .models import Membership
from .notifications import KINDS
from .numbers import format_number

T = TypeVar("T")

#: The longest text any form takes where the model sets no limit (a TextField): long enough for
#: any section of an agreement, short enough that nobody stores a novel by accident.
TEXT_MAX_LENGTH = 20_000


class BoundedFormMixin(forms.BaseForm):
    """What every form of ours shares: numbers within their bounds (samverkan.bounds, derived
    from the model's fields and declarations) and a length limit on every text.

    A ModelForm checks against its Meta.model; a plain form names `bounds_model` and, where its
    fields are named differently from the model's, overrides `bounds_values`.
    """

    bounds_model: type[models.Model] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model = self._bounds_model()
        for name, field in self.fields.items():
            _name_the_empty_choice(field)
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = TEXT_MAX_LENGTH
                field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))
                field.widget.attrs.setdefault("maxlength", str(TEXT_MAX_LENGTH))
            if isinstance(field, forms.DecimalField):
                _write_decimals_with_a_comma(field)
            if model is None or not isinstance(field, forms.IntegerField | forms.DecimalField):
                continue
            try:
                allowed = range_for(model, name)
            except FieldDoesNotExist:
                allowed = None
            if allowed is not None and isinstance(field, forms.IntegerField):
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
    #: The fields of a period, when the form has one: the end may not come before the start.
    period_fields: tuple[str, str] = ("period_start", "period_end")

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        model = self._bounds_model()
        if model is not None:
            for name, message in errors_for(model, self.bounds_values(cleaned)).items():
                form_name = self.bounds_field_names.get(name, name)
                if form_name in self.fields and form_name in cleaned:
                    self.add_error(form_name, message)
        start, end = (cleaned.get(name) for name in self.period_fields)
        if start and end and end < start:
            self.add_error(self.period_fields[1], _("Slutdatum kan inte vara före startdatum."))
        return cleaned


class DecimalInput(forms.TextInput):
    """A decimal number as people write it here, 12,5: the browser's number field would show and
    send 12.5. The field is localised, so it reads 12,5 and 12.5 alike."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
            return format_number(value)
        return super().format_value(value)


def _write_decimals_with_a_comma(field: forms.DecimalField) -> None:
    if field.widget.is_hidden:
        return
    field.localize = True
    if not isinstance(field.widget, DecimalInput):
        kept = {k: v for k, v in field.widget.attrs.items() if k not in ("step", "min", "max", "inputmode")}
        field.widget = DecimalInput(kept)
    field.widget.is_localized = True


#: What an empty choice says, instead of Django's "---------".
EMPTY_CHOICE = _("– Välj –")
DJANGO_EMPTY = "---------"


def _name_the_empty_choice(field: forms.Field) -> None:
    if isinstance(field, forms.ModelChoiceField) and field.empty_label == DJANGO_EMPTY:
        field.empty_label = EMPTY_CHOICE
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices: list[Any] = list(cast(Iterable[Any], field.choices))
        if any(label == DJANGO_EMPTY for _value, label in choices):
            field.choices = [(value, EMPTY_CHOICE if label == DJANGO_EMPTY else label) for value, label in choices]


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

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, **kwargs)


# A form's fields are typed as plain `Field`; these narrow one (and check it at run time) so that
# a form can set what only a choice field has: its queryset, its choices, its labels.


def model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's (single or multiple) model choice field `name`."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField), name
    return field


def choice(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's choice field `name`."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField), name
    return field


def label_choices(field: forms.ModelChoiceField, label: Callable[[Any], str]) -> None:
    """Name each object the field offers by `label(obj)` instead of `str(obj)`."""
    # Django's documented way is a subclass per label; overriding the method on the one field
    # instance does the same, and the stubs (rightly, in general) refuse assigning to a method.
    field.label_from_instance = label  # type: ignore[method-assign,assignment]


class ReauthenticateForm(Form):
    """Asks for the person's password and a fresh second-factor code before a signature or an
    approval, so that nobody signs from a session left open. Someone who passed the second factor
    in this session within `security.RECENT_SECOND_FACTOR` gives only the password."""

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

    def __init__(self, *args: Any, user: Any, session: SessionBase | None = None, **kwargs: Any) -> None:
        from .security import second_factor_is_recent, totp_of

        super().__init__(*args, **kwargs)
        self.user = user
        self.session = session
        self.second_factor_recent = totp_of(user) is not None and second_factor_is_recent(session, user)
        if self.second_factor_recent:
            del self.fields["code"]
            self.fields["password"].help_text = _(
                "Du har nyss bekräftat dig med tvåstegsverifiering, så lösenordet räcker."
            )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Lösenordet stämmer inte."))
        return password

    def clean_code(self) -> str:
        from .security import record_second_factor, totp_of, verify_code

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
        if self.session is not None:
            record_second_factor(self.session, self.user)
        return code


class EditForm(ModelForm):
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
        return formats.date_format(value)
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


def perform(
    request: HttpRequest,
    action: Callable[[], T],
    *,
    success: str | None,
    then: Target,
    confirm: str | None = None,
) -> HttpResponse:
    """A button without a form: run `action`, say how it went, and redirect to `then`. With
    `confirm` (a question), a removal is first asked about on a page of its own, and only done
    when the person confirms there – with or without JavaScript."""
    if confirm is not None and request.POST.get(CONFIRMED) != "1":
        cancel = "" if callable(then) and not isinstance(then, models.Model) else resolve_url(then)
        kept = [
            (name, value) for name, values in request.POST.lists() for value in values if name != "csrfmiddlewaretoken"
        ]
        return render(
            request,
            "samverkan/confirm.html",
            {"question": confirm, "kept": kept, "confirmed": CONFIRMED, "cancel": cancel},
        )
    try:
        result = action()
    except DomainError as error:
        messages.error(request, error.message)
        result = None
    except ProtectedError as error:
        # Something still uses what was to be removed (a goal its focus area, a log its activity):
        # the removal is refused, and the person told by what.
        users = ", ".join(f"”{item}”" for item in list(error.protected_objects)[:3])
        messages.error(
            request, _("Det går inte att ta bort eftersom det fortfarande används av %(users)s.") % {"users": users}
        )
        result = None
    else:
        if success:
            messages.success(request, success)
    return _redirect_to(then, result)


#: The field a confirmation page sends when the person has confirmed a removal.
CONFIRMED = "bekraftat"


def changes_of(form: forms.BaseForm) -> dict[str, Any]:
    """What a form hands its service: an edit form's declared changes, else its cleaned data."""
    return form.changes() if isinstance(form, EditForm) else dict(form.cleaned_data)


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    action: Callable[[], Any],
    *,
    success: str | None,
    then: Target,
    template: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """The one shape of a page with a form: on a valid POST run `action` (one service call) and
    redirect; otherwise show the form, again with what was typed and any errors."""
    return submit(request, form, action, success=success, then=then) or render(
        request, template, {"form": form, **(context or {})}
    )


def create_page(
    request: HttpRequest, form: forms.BaseForm, service: Callable[..., Any], parent: Any, **page: Any
) -> HttpResponse:
    """A form page that creates something under `parent` with `service(parent, actor=..., **changes)`."""
    return form_page(request, form, lambda: service(parent, actor=person(request), **changes_of(form)), **page)


def edit_page(request: HttpRequest, form: EditForm, service: Callable[..., Any], obj: Any, **page: Any) -> HttpResponse:
    """A form page that changes `obj` with `service(obj, actor=..., expected_version=..., **changes)`."""
    return form_page(
        request,
        form,
        lambda: service(obj, actor=person(request), expected_version=form.expected_version, **form.changes()),
        **page,
    )


# --- The core's own forms ------------------------------------------------------------------


class VerifyForm(Form):
    file = forms.FileField(
        label=_("PDF-fil"),
        help_text=_("Välj den PDF du vill kontrollera, högst 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )


class PreferenceForm(Form):
    kinds = forms.MultipleChoiceField(
        label=_("Påminnelser jag vill få"),
        choices=list(KINDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    weekly_digest = forms.BooleanField(
        label=_("Samla e-posten i ett veckobrev på måndagar i stället för att få den direkt"), required=False
    )


class InviteForm(Form):
    email = forms.EmailField(label=_("E-postadress"))
    full_name = forms.CharField(label=_("Namn"), max_length=200)
    title = forms.CharField(label=_("Befattning"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Roll"), choices=Membership.Role.choices)


class AccessibilityReportForm(Form):
    message = forms.CharField(
        label=_("Vad fungerade inte?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Beskriv sidan och vad som var svårt. Skriv inte personuppgifter om andra."),
    )
    email = forms.EmailField(label=_("Din e-postadress (om du vill ha svar)"), required=False)
