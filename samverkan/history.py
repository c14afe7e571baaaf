"""Who changed what, and when.

We record history with django-simple-history: every save of a registered model stores a full
copy of the row with the person who made it, so any two versions can be compared field by field
(before and after) and the admin shows it. Services say who is acting with `acting_as(actor)`;
requests fall back to the logged-in person; Celery tasks pass the actor they were given.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .numbers import format_date, format_number

if TYPE_CHECKING:
    from .tenancy import TenantModel

_actor: ContextVar[Any] = ContextVar("samverkan_history_actor", default=None)


@contextmanager
def acting_as(actor: Any) -> Iterator[None]:
    """Attribute every history record written inside the block to `actor`."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def get_history_user(instance: Any = None, request: Any = None, **kwargs: Any) -> Any:
    """For HistoricalRecords(get_user=...): the acting service's actor, else the request's person."""
    actor = _actor.get()
    if actor is not None:
        return actor
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    return None


def tracked(**kwargs: Any) -> HistoricalRecords:
    """History for one of our models, attributed to whoever is acting."""
    return HistoricalRecords(get_user=get_history_user, **kwargs)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: Any
    who: Any
    kind: str
    changes: list[FieldChange]


def history_of(instance: models.Model, limit: int = 50) -> list[HistoryEntry]:
    """A readable history of one object, newest first, with before and after per changed field."""
    # `history` is added to each tracked model by django-simple-history when the class is built,
    # so no type declares it.
    manager = instance.history  # type: ignore[attr-defined]
    records = list(manager.select_related("history_user").order_by("-history_date")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[FieldChange] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = instance._meta.get_field(change.field)
                changes.append(
                    FieldChange(
                        field=change.field,
                        label=str(getattr(field, "verbose_name", change.field)),
                        old=_display(field, change.old),
                        new=_display(field, change.new),
                    )
                )
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                kind=str(KINDS.get(record.history_type, record.history_type)),
                changes=changes,
            )
        )
    return entries


#: What happened to the row, as people say it (django-simple-history writes +, ~ and -).
KINDS = {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")}


def _display(field: Any, value: Any) -> str:
    """A stored value as the person reads it: choices by their label, related rows by name, yes
    or no, dates and numbers in Swedish."""
    if value is None or value == "":
        return "–"
    if isinstance(value, list) and getattr(field, "many_to_many", False):
        # django-simple-history records a many-to-many relation as its through rows ({"localgoal":
        # 9, "activity": 34}): shown by the related rows' names.
        related = field.related_model
        ids = [row.get(related._meta.model_name) for row in value if isinstance(row, dict)]
        return ", ".join(sorted(str(obj) for obj in related._base_manager.filter(pk__in=ids))) or "–"
    if isinstance(value, list):
        return ", ".join(_display(None, v) for v in value) or "–"
    if isinstance(value, dict):  # an item of a JSON field: its values, as they read
        return ", ".join(_display(None, v) for v in value.values()) or "–"
    choices = dict(getattr(field, "flatchoices", None) or [])
    if value in choices:
        return str(choices[value])
    related = getattr(field, "related_model", None)
    if related is not None and getattr(field, "many_to_one", False):
        return str(related._base_manager.filter(pk=value).first() or value)
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    if isinstance(value, date | datetime):
        return format_date(value)
    if isinstance(value, Decimal | float):
        return format_number(value)
    return str(value)


# Which models have a readable history page, by a short name used in the URL. Apps register
# theirs when they start, so the core view serves every app without importing any.
# Only tenant-owned models: the page finds the object through the tenancy rule.
HISTORY_PAGES: dict[str, type[TenantModel]] = {}


def register_history_page(name: str, model: type[TenantModel]) -> None:
    HISTORY_PAGES[name] = model
