"""Every change to an agreement, by stage: drafting it with its parties, focus areas and commitments
(`drafting`), its lifecycle: remiss, signing, ending and revisions (`lifecycle`), and the changes
its dates bring (`periods`). Callers have checked through the tenancy module that `actor` may see
the agreement; rules about who may do what to it live here because they depend on its state."""

from .drafting import (
    accept_participation,
    add_commitment,
    add_focus_area,
    add_party,
    create_agreement,
    delete_commitment,
    delete_focus_area,
    remove_party,
    set_items,
    update_agreement,
    update_commitment,
    update_focus_area,
    update_party,
)
from .lifecycle import (
    SectionDiff,
    add_comment,
    end_agreement,
    focus_areas_without_problems,
    propose_revision,
    readiness_problems,
    return_to_draft,
    revision_diff,
    send_for_comment,
    send_for_signature,
    sign_agreement,
)
from .periods import due_to_end, due_to_start, end_at_period_end, enter_into_force

__all__ = [
    "SectionDiff",
    "accept_participation",
    "add_comment",
    "add_commitment",
    "add_focus_area",
    "add_party",
    "create_agreement",
    "delete_commitment",
    "delete_focus_area",
    "due_to_end",
    "due_to_start",
    "end_agreement",
    "end_at_period_end",
    "enter_into_force",
    "focus_areas_without_problems",
    "propose_revision",
    "readiness_problems",
    "remove_party",
    "return_to_draft",
    "revision_diff",
    "send_for_comment",
    "send_for_signature",
    "set_items",
    "sign_agreement",
    "update_agreement",
    "update_commitment",
    "update_focus_area",
    "update_party",
]
