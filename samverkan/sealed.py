"""Sealed documents: the one base every sealed kind uses, sealing them, and finding one by hash.

A model becomes a sealed kind by inheriting `SealedDocument` and implementing its hooks (when it
may be sealed, the seal's reason, its final PDF, its file name, how the verify page names it).
The kinds are found among the installed models, keyed by their label ("agreements.agreement"),
so this package never imports the apps that seal. Sealing runs in one Celery task,
`samverkan.tasks.seal_document`, queued after commit by `queue_seal`.
"""

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from .seal import seal_pdf, sha256_hex


@dataclass(frozen=True)
class SealedDescription:
    """What the public verify page says about a sealed document."""

    kind: str
    title: str
    version: str
    parties: list[str] = field(default_factory=list)


class NotReadyToSealError(ValueError):
    """The document may not be sealed (yet); the message says why."""


def sealed_upload_to(instance: models.Model, filename: str) -> str:
    # Each app keeps its sealed PDFs in a folder of its own, as before the kinds shared a base.
    return f"{instance._meta.app_label}/{filename}"


class SealedDocument(models.Model):
    """A document whose final version is rendered once as PDF, sealed, and stored with its hash."""

    pdf = models.FileField(gettext_lazy("förseglad PDF"), upload_to=sealed_upload_to, blank=True, editable=False)
    pdf_sha256 = models.CharField(
        gettext_lazy("PDF:ens SHA-256"), max_length=64, blank=True, db_index=True, editable=False
    )
    sealed_at = models.DateTimeField(gettext_lazy("förseglad"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    # --- Hooks each kind implements -------------------------------------------------------

    def seal_refusal(self) -> str:
        """Why this document may not be sealed now, for a person to read; "" when it may."""
        raise NotImplementedError

    def seal_reason(self) -> str:
        """The reason written into the seal (shown by PDF readers)."""
        raise NotImplementedError

    def render_sealed_pdf(self) -> bytes:
        """The final PDF, before the seal is added."""
        raise NotImplementedError

    def sealed_file_name(self) -> str:
        """The stored file's name, unique for the document."""
        raise NotImplementedError

    def describe_sealed(self) -> SealedDescription:
        """How the verify page names the document: kind, title, version, parties."""
        raise NotImplementedError

    # --- Shared by every kind -------------------------------------------------------------

    @property
    def sealed_kind(self) -> str:
        return str(self._meta.verbose_name).capitalize()

    def sealed_pdf_bytes(self) -> bytes | None:
        """The stored sealed original, or None before the document is sealed."""
        if not self.pdf:
            return None
        with self.pdf.open("rb") as handle:
            return handle.read()


def seal_bytes(document: SealedDocument) -> bytes:
    """The document's final PDF with the seal added, not stored (the benchmark times this).
    A sealed document is a legal original: always in Swedish, the language it is decided in,
    whichever language the person whose action sealed it reads Samverkan in."""
    with translation.override(settings.LANGUAGE_CODE):
        return seal_pdf(document.render_sealed_pdf(), reason=document.seal_reason())


def sealed_kinds() -> dict[str, type[SealedDocument]]:
    """Every installed sealed kind, by model label ("agreements.agreement")."""
    return {model._meta.label_lower: model for model in apps.get_models() if issubclass(model, SealedDocument)}


def sealed_label(document: SealedDocument) -> str:
    return document._meta.label_lower


def store_sealed_pdf(label: str, pk: Any) -> str:
    """Render and seal a document's PDF once, store it, its SHA-256 and when; returns the hash.
    Idempotent: a document sealed already is left as it is. Raises NotReadyToSealError for a
    document that may not be sealed."""
    model = sealed_kinds()[label]
    with transaction.atomic():
        # The base manager: sealing is system work on one known row, and the lock must hold
        # whoever's scope the caller is in.
        document = model._base_manager.select_for_update().get(pk=pk)
        if document.pdf_sha256:
            return document.pdf_sha256
        refusal = document.seal_refusal()
        if refusal:
            raise NotReadyToSealError(refusal)
        sealed = seal_bytes(document)
        digest = sha256_hex(sealed)
        document.pdf.save(document.sealed_file_name(), ContentFile(sealed), save=False)
        document.pdf_sha256 = digest
        document.sealed_at = timezone.now()
        document.save(update_fields=["pdf", "pdf_sha256", "sealed_at"])
    return digest


def queue_seal(document: SealedDocument) -> None:
    """Seal the document in the background once the current transaction commits."""
    from .tasks import seal_document

    label, pk = sealed_label(document), document.pk
    transaction.on_commit(lambda: seal_document.delay(label, pk))


def find_sealed(sha256: str) -> SealedDescription | None:
    """The sealed document with this SHA-256, if one of ours has it. The uploader holds the
    document already, so naming it reveals nothing more."""
    for model in sealed_kinds().values():
        document = model._base_manager.filter(pdf_sha256=sha256).first()
        if document is not None:
            return document.describe_sealed()
    return None
