"""The one error a service raises when a change cannot be made.

The message is for the person; `errors` maps form fields to messages where the problem belongs to
one field. Views never catch it themselves: `samverkan.forms.submit` and `perform` put it on the
form or in a message.
"""

from django.utils.translation import gettext as _


class DomainError(Exception):
    """A change that cannot be made, with a message a person can read."""

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = dict(errors or {})


class ConflictError(DomainError):
    """Someone else saved the object after this person opened it."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "Någon annan har sparat ändringar medan du redigerade. Det du skrev finns kvar nedan; "
                "jämför med den sparade versionen och spara igen."
            )
        )
