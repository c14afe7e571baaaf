"""The agreement as a document: its PDF (draft preview or sealed original) and verification."""

from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.pdf import render_pdf
from samverkan.seal import seal_pdf, sha256_hex

from .models import Agreement, AgreementParty, Commitment, FocusArea, SectionItem, Signature


def document_context(agreement: Agreement) -> dict[str, Any]:
    """Everything the agreement's document shows, for the page and the PDF alike."""
    items = SectionItem.all_objects.filter(agreement=agreement)
    commitments = list(Commitment.all_objects.filter(agreement=agreement))
    return {
        "agreement": agreement,
        "parties": list(
            AgreementParty.all_objects.filter(agreement=agreement).select_related("organization", "signatory")
        ),
        "utgangspunkter": [i for i in items if i.section == SectionItem.Section.UTGANGSPUNKT],
        "modellsteg": [i for i in items if i.section == SectionItem.Section.MODELLSTEG],
        "vision": [i for i in items if i.section == SectionItem.Section.VISION],
        "focus_areas": list(FocusArea.all_objects.filter(agreement=agreement)),
        "commitment_groups": [
            (label, [c for c in commitments if c.who == who]) for who, label in Commitment.Who.choices
        ],
        "signatures": {
            s.party_id: s for s in Signature.all_objects.filter(agreement=agreement).select_related("party")
        },
    }


def render_agreement_pdf(agreement: Agreement, *, draft: bool) -> bytes:
    """The agreement as PDF; a draft is marked UTKAST on every page and is not sealed."""
    return render_pdf("agreements/agreement_pdf.html", document_context(agreement), draft=draft)


def store_sealed_pdf(agreement_id: int) -> str:
    """Render and seal an active agreement's PDF once, store it and its SHA-256; returns the hash."""
    with transaction.atomic():
        agreement = Agreement.all_objects.select_for_update().get(pk=agreement_id)
        if agreement.pdf_sha256:
            return agreement.pdf_sha256
        if agreement.status not in (Agreement.Status.GALLANDE, Agreement.Status.UPPHORT, Agreement.Status.ERSATT):
            raise ValueError(f"Agreement {agreement_id} is not signed")
        sealed = seal_pdf(
            render_agreement_pdf(agreement, draft=False),
            reason=_("Samverkansöverenskommelse %(title)s, version %(revision)s")
            % {"title": agreement.title, "revision": agreement.revision},
        )
        digest = sha256_hex(sealed)
        agreement.pdf.save(f"{agreement.uuid}-v{agreement.revision}.pdf", ContentFile(sealed), save=False)
        agreement.pdf_sha256 = digest
        agreement.sealed_at = timezone.now()
        agreement.save(update_fields=["pdf", "pdf_sha256", "sealed_at"])
    return digest
