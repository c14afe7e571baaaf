"""The agreement pages, by stage: drafting with parties, focus areas and commitments (`drafting`),
and the lifecycle: remiss, signing, ending, revisions and the PDF (`lifecycle`)."""

from samverkan.tenancy import EDITOR_ROLES

from ..handovers import COMMENTERS
from ..models import Agreement

EDITORS = EDITOR_ROLES
__all__ = ["COMMENTERS", "EDITORS", "agreement_anchor"]


def agreement_anchor(agreement: Agreement, anchor: str = "") -> str:
    """The agreement's page, at a section."""
    return agreement.get_absolute_url() + (f"#{anchor}" if anchor else "")
