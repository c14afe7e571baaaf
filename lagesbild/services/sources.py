"""The sources (underlag) of a lägesbild, with their checked attachments."""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from samverkan.concurrency import apply_changes, check_editable, claim
from samverkan.history import acting_as
from samverkan.models import User
from samverkan.uploads import check_upload, random_upload_path

from ..models import Lagesbild, Source
from .pictures import ensure_draft


def _store_attachment(source: Source, upload: UploadedFile) -> None:
    kind = check_upload(upload)
    source.attachment.save(random_upload_path(f"lagesbild/{source.lagesbild.uuid}", kind), upload, save=False)
    source.attachment_name = (upload.name or "")[:200]
    source.attachment_type = kind.content_type


@transaction.atomic
def add_source(
    lagesbild: Lagesbild, *, actor: User | None, upload: UploadedFile | None = None, **fields: Any
) -> Source:
    """Record an underlag behind the picture, with an optional attachment (PDF, XLSX, CSV)."""
    ensure_draft(lagesbild)
    check_editable(Source, fields)
    with acting_as(actor):
        source = Source(lagesbild=lagesbild, **fields)
        if upload is not None:
            _store_attachment(source, upload)
        source.save()
    return source


@transaction.atomic
def update_source(
    source: Source,
    *,
    actor: User | None,
    expected_version: int | None,
    upload: UploadedFile | None = None,
    remove_attachment: bool = False,
    **fields: Any,
) -> Source:
    """Change an underlag; a new attachment replaces the old one."""
    ensure_draft(source.lagesbild)
    with acting_as(actor):
        claim(source, expected_version=expected_version)
        if remove_attachment and source.attachment:
            source.attachment = ""
            source.attachment_name = ""
            source.attachment_type = ""
        if upload is not None:
            _store_attachment(source, upload)
        apply_changes(source, fields)
    return source


@transaction.atomic
def delete_source(source: Source, *, actor: User | None) -> None:
    """Remove an underlag (its file stays on disk as part of the history of an allmän handling)."""
    ensure_draft(source.lagesbild)
    with acting_as(actor):
        source.delete()
