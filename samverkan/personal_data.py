"""Everything stored about a person, and anonymisation that keeps the records but removes the
identity. Found through the model registry, so every app's references to people are covered
without this package importing them."""

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict

from .history import acting_as
from .models import Membership, Notification, NotificationPreference, User

ANONYMOUS_NAME = "Anonymiserad person"
#: Rows that only exist for the person and go with their identity.
PERSONAL_ONLY = (Notification, NotificationPreference, Membership)


def _people_references() -> list[tuple[type[models.Model], str]]:
    """(model, field) for every foreign key to a person, history tables included."""
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey) and field.remote_field.model is apps.get_model(
                settings.AUTH_USER_MODEL
            ):
                found.append((model, field.name))
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def export_person(user: User) -> dict[str, Any]:
    """Everything stored about `user`, as JSON-ready data."""
    profile = {
        "e-post": user.email,
        "namn": user.full_name,
        "befattning": user.title,
        "telefon": user.phone,
        "aktiv": user.is_active,
        "skapad": user.date_joined.isoformat(),
        "senast_inloggad": user.last_login.isoformat() if user.last_login else None,
    }
    records: dict[str, list[dict[str, Any]]] = {}
    for model, field in _people_references():
        if model is User:
            continue
        manager = getattr(model, "all_objects", model._base_manager)
        rows = manager.filter(**{field: user})
        label = f"{model._meta.app_label}.{model._meta.model_name} ({field})"
        items = [{k: _plain(v) for k, v in model_to_dict(row).items() if k not in ("password",)} for row in rows[:5000]]
        if items:
            records[label] = items
    return {"person": profile, "uppgifter": records}


def export_json(user: User) -> str:
    return json.dumps(export_person(user), ensure_ascii=False, indent=2)


@transaction.atomic
def anonymise_person(user: User, *, actor: User | None) -> None:
    """Remove the identity but keep the records: logs, signatures and history stay, attributed
    to an anonymous person. Signed and sealed documents keep the names printed in them, as
    allmänna handlingar must."""
    with acting_as(actor):
        for model in PERSONAL_ONLY:
            model.objects.filter(user=user).delete()
        # Second factors and e-mail addresses of django-allauth.
        for model_name in ("mfa.Authenticator", "account.EmailAddress"):
            apps.get_model(model_name).objects.filter(user=user).delete()
        user.email = f"anonymiserad-{uuid4().hex}@invalid.example"
        user.full_name = ANONYMOUS_NAME
        user.title = ""
        user.phone = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
