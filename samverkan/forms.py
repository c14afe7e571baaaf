"""Form pieces every app uses."""

from django import forms


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
