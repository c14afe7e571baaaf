"""Uploaded files: checked for size and real type before anything is stored, stored under a
random name, and served only through views that check tenancy."""

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str


PDF = FileType("pdf", "application/pdf", "PDF")
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)")
CSV = FileType("csv", "text/csv", "CSV")
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (DOCX)")
TXT = FileType("txt", "text/plain", "text (TXT)")
DOCUMENT_TYPES = (PDF, XLSX, CSV)
#: What the document import reads (samverkan.reading).
IMPORT_TYPES = (DOCX, PDF, TXT)


def max_upload_bytes() -> int:
    return int(getattr(settings, "SAMVERKAN_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))


def _looks_like(kind: FileType, head: bytes, upload: UploadedFile) -> bool:
    if kind is PDF:
        return head.startswith(b"%PDF-")
    if kind in (XLSX, DOCX):
        if not head.startswith(b"PK\x03\x04"):
            return False
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return False
        folder = "xl/" if kind is XLSX else "word/"
        return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)
    # CSV and TXT: text without NUL bytes in a Swedish-friendly encoding.
    upload.seek(0)
    sample = upload.read(64 * 1024)
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def check_upload(upload: UploadedFile, allowed: tuple[FileType, ...] = DOCUMENT_TYPES) -> FileType:
    """The type of an acceptable upload; raises ValidationError with a Swedish message otherwise."""
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("Filen är för stor (%(size)s). Största tillåtna storlek är %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    kinds = {kind.extension: kind for kind in allowed}
    accepted = ", ".join(kind.label for kind in allowed)
    if extension not in kinds:
        raise ValidationError(
            _("Filtypen ”.%(ext)s” tas inte emot. Tillåtna filtyper: %(types)s.")
            % {"ext": extension or "?", "types": accepted}
        )
    kind = kinds[extension]
    upload.seek(0)
    head = upload.read(8)
    ok = _looks_like(kind, head, upload)
    upload.seek(0)
    if not ok:
        raise ValidationError(
            _("Filen ser inte ut att vara en %(type)s-fil fast den heter så. Kontrollera filen och försök igen.")
            % {"type": kind.label}
        )
    return kind


def random_upload_path(folder: str, kind: FileType) -> str:
    """A storage path that reveals nothing of the original file name and cannot collide."""
    return f"{folder}/{uuid.uuid4().hex}.{kind.extension}"
