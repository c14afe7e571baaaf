"""The agreement as a document: its PDF, a draft preview or the final version that is sealed
(sealing itself is samverkan.sealed, the same for every sealed kind)."""

from typing import Any

from samverkan.pdf import render_pdf

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
        # Only the parties that commit to something: an empty group would print an empty heading.
        "commitment_groups": [
            (label, group)
            for who, label in Commitment.Who.choices
            if (group := [c for c in commitments if c.who == who])
        ],
        "signatures": {
            s.party_id: s for s in Signature.all_objects.filter(agreement=agreement).select_related("party")
        },
    }


def render_agreement_pdf(agreement: Agreement, *, draft: bool) -> bytes:
    """The agreement as PDF; a draft is marked UTKAST on every page and is not sealed."""
    return render_pdf("agreements/agreement_pdf.html", document_context(agreement), draft=draft)
