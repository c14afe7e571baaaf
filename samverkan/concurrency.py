"""Optimistic concurrency: two people editing the same thing never overwrite each other silently.

A model with a `version` field is saved only if nobody saved it since the editor loaded it; the
form carries the version it was loaded with.
"""

from typing import Any

from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _


class ConflictError(Exception):
    """Someone else saved the object after this person opened it."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "Någon annan har sparat ändringar medan du redigerade. Det du skrev finns kvar nedan; "
                "jämför med den nya versionen och spara igen."
            )
        )


def save_if_unchanged(instance: models.Model, *, expected_version: int, fields: dict[str, Any]) -> None:
    """Write `fields` to `instance` and bump its version, or raise ConflictError when the stored
    version is no longer `expected_version`."""
    model = type(instance)
    updated = model._base_manager.filter(pk=instance.pk, version=expected_version).update(version=F("version") + 1)
    if updated != 1:
        raise ConflictError
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.version = expected_version + 1  # type: ignore[attr-defined]
    # A normal save, so that history records the change with its before and after.
    instance.save()
