"""Importing a document into a draft, the part every document kind shares: the upload is checked
(size and real type, `uploads.check_upload`), kept under a random name only until it is read, and
read into paragraphs (`reading`) – at once when it is small, else by a Celery task that reports
its progress on the job. The apps map the paragraphs to their sections and create the draft
(`agreements.importing`, `medborgarloften.importing`), finishing the job with `complete_import`.

Nothing of the document becomes part of an agreement or a promise before the person confirms on
the review screen; a job that is not confirmed is removed after `KEEP_FOR`."""

from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import DomainError
from .importjobs import ImportJob
from .models import Organization, User
from .reading import read_document
from .uploads import IMPORT_TYPES, check_upload, random_upload_path

Status = ImportJob.Status
#: How long an import waits for its review before it is removed.
KEEP_FOR = timedelta(days=2)
TYPES = {kind.extension: kind for kind in IMPORT_TYPES}


def inline_limit() -> int:
    """Files up to this size are read during the upload; larger ones by a Celery task."""
    return int(getattr(settings, "SAMVERKAN_IMPORT_INLINE_BYTES", 256 * 1024))


@transaction.atomic
def start_import(
    organization: Organization, *, actor: User, upload: UploadedFile, kind: str, target: UUID | None = None
) -> ImportJob:
    """Take an uploaded .docx, .pdf or .txt for import into a draft of `kind` for `organization`;
    a small file is read at once (a file that cannot be read is refused with the reason, and
    nothing is kept), a large one is read by `tasks.read_import` after commit."""
    try:
        file_type = check_upload(upload, IMPORT_TYPES)
    except ValidationError as error:
        raise DomainError(error.messages[0], {"file": error.messages[0]}) from error
    ImportJob.all_objects.filter(created_by=actor, created_at__lt=timezone.now() - KEEP_FOR).delete()
    job = ImportJob.objects.create(
        organization=organization,
        created_by=actor,
        kind=kind,
        target=target,
        file_name=(upload.name or "")[:255],
        file_type=file_type.extension,
    )
    if upload.size is not None and upload.size <= inline_limit():
        upload.seek(0)
        paragraphs = read_document(upload.read(), file_type)
        job.paragraphs = [p.as_json() for p in paragraphs]
        job.status, job.progress = Status.READ, 100
        job.save()
        return job
    job.upload.save(random_upload_path(f"imports/{organization.uuid}", file_type), upload, save=True)
    from .tasks import read_import as task

    transaction.on_commit(lambda: task.delay(job.pk))
    return job


def read_import(job_id: int) -> str:
    """Read a waiting job's file into paragraphs, saving the progress as it goes; idempotent. A
    file that cannot be read leaves the job failed with the reason in Swedish. The file is removed
    either way."""
    job = ImportJob.all_objects.filter(pk=job_id, status=Status.WAITING).first()
    if job is None:
        return "inget att läsa"
    ImportJob.all_objects.filter(pk=job.pk).update(status=Status.READING, progress=1)

    def progress(percent: int) -> None:
        ImportJob.all_objects.filter(pk=job.pk).update(progress=max(1, min(percent, 99)))

    try:
        with job.upload.open("rb") as stored:
            data = stored.read()
        paragraphs = read_document(data, TYPES[job.file_type], progress)
    except DomainError as error:
        job.status, job.error = Status.FAILED, error.message
    except OSError:
        job.status, job.error = Status.FAILED, _("Den uppladdade filen finns inte längre. Ladda upp den igen.")
    else:
        job.paragraphs = [p.as_json() for p in paragraphs]
        job.status, job.progress = Status.READ, 100
    job.upload.delete(save=False)
    job.save()
    return str(job.status)


@transaction.atomic
def save_assignments(job: ImportJob, *, actor: User, assignments: dict[str, str]) -> ImportJob:
    """Remember where the person moved (or discarded) each paragraph on the review screen."""
    _ensure_reviewable(job)
    job.assignments = {str(index): section for index, section in assignments.items()}
    job.save(update_fields=["assignments"])
    return job


def _ensure_reviewable(job: ImportJob) -> None:
    if job.status == Status.DONE:
        raise DomainError(_("Dokumentet är redan importerat."))
    if job.status != Status.READ:
        raise DomainError(_("Dokumentet är inte färdigläst än."))


@transaction.atomic
def complete_import(job: ImportJob, *, actor: User, result_url: str) -> ImportJob:
    """The draft is created (by the app's import service, in the same transaction): the job keeps
    only where it led, not the document's text."""
    _ensure_reviewable(job)
    job.status, job.result_url, job.paragraphs, job.assignments = Status.DONE, result_url, [], {}
    job.save()
    return job
