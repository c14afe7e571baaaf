"""Optimistic concurrency: two people editing the same thing never overwrite each other silently.

Every editable model is `Versioned`. Its edit form carries the version the person loaded
(`samverkan.forms.EditForm`), and its update service saves through `save_if_unchanged`, which
writes only if nobody saved the object since; otherwise it raises `ConflictError`, and the form
shows what is stored beside what the person typed.
"""

from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F

from .errors import ConflictError

M = TypeVar("M", bound=models.Model)

__all__ = [
    "ConflictError",
    "Versioned",
    "apply_changes",
    "claim",
    "create_editable",
    "save_if_unchanged",
]


class Versioned(models.Model):
    """A model edited by several people: each save through `save_if_unchanged` bumps `version`."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


def claim(instance: Versioned, *, expected_version: int | None) -> None:
    """Take the next version of `instance` for this change, or raise ConflictError when the stored
    version is no longer `expected_version` (someone saved since the person loaded it)."""
    updated = (
        type(instance)
        ._base_manager.filter(pk=instance.pk, version=expected_version or 0)
        .update(version=F("version") + 1)
    )
    if updated != 1:
        raise ConflictError
    instance.version = (expected_version or 0) + 1


def save_if_unchanged(instance: Versioned, *, expected_version: int | None, fields: dict[str, Any]) -> None:
    """Write `fields` (only the model's declared `editable_fields`) to `instance` and bump its
    version, or raise ConflictError when the stored version is no longer `expected_version`."""
    check_editable(type(instance), fields)
    claim(instance, expected_version=expected_version)
    apply_changes(instance, fields)


def apply_changes(instance: models.Model, fields: dict[str, Any]) -> None:
    """Write `fields` to an instance this change has claimed, many-to-many relations included."""
    model = type(instance)
    check_editable(model, fields)
    many = {name: value for name, value in fields.items() if _is_many(model, name)}
    for name, value in fields.items():
        if name not in many:
            setattr(instance, name, value)
    # A normal save, so that history records the change with its before and after.
    instance.save()
    for name, value in many.items():
        getattr(instance, name).set(value)


def create_editable(model: type[M], fields: dict[str, Any], **system: Any) -> M:
    """Create a row from what a person filled in (only the model's declared `editable_fields`,
    many-to-many relations included) and what the service sets itself (`system`: owner, order)."""
    check_editable(model, fields)
    many = {name: value for name, value in fields.items() if _is_many(model, name)}
    instance = model._default_manager.create(
        **{name: value for name, value in fields.items() if name not in many}, **system
    )
    for name, value in many.items():
        getattr(instance, name).set(value)
    return instance


def check_editable(model: type[models.Model], fields: dict[str, Any]) -> None:
    """Refuse fields beyond the model's declared `editable_fields` (a programming error)."""
    declared = getattr(model, "editable_fields", None)
    unknown = set(fields) - set(declared) if declared is not None else set()
    if unknown:
        # A programming error, not a person's: only the declared fields change through here.
        raise TypeError(f"{model.__name__}: not editable: {', '.join(sorted(unknown))}")


def _is_many(model: type[models.Model], name: str) -> bool:
    try:
        return bool(model._meta.get_field(name).many_to_many)
    except FieldDoesNotExist:
        return False
