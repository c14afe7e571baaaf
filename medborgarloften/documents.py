"""A medborgarlöfte as a document: its PDF (sealed by samverkan.sealed, like every sealed kind)."""

from typing import Any

from django.utils.translation import gettext as _

from agreements.models import FocusArea
from samverkan.pdf import render_pdf

from .models import Activity, Effect, LofteSignature, Medborgarlofte


def lofte_context(lofte: Medborgarlofte) -> dict[str, Any]:
    """What the promise shows, on the page and in the PDF."""
    activities = list(Activity.all_objects.filter(lofte=lofte).order_by("order", "pk"))
    groups: dict[str, list[Activity]] = {}
    for activity in activities:
        groups.setdefault(activity.heading or _("Övrigt"), []).append(activity)
    return {
        "lofte": lofte,
        "plan": lofte.plan,
        "kommun": lofte.plan.organization,
        "activity_groups": list(groups.items()),
        "effects": list(Effect.all_objects.filter(lofte=lofte)),
        "focus_areas": list(FocusArea.all_objects.filter(loften=lofte)),
        "signatures": list(LofteSignature.all_objects.filter(lofte=lofte).select_related("organization")),
    }


def render_lofte_pdf(lofte: Medborgarlofte, *, draft: bool) -> bytes:
    """The promise as PDF; a draft is marked UTKAST and not sealed."""
    return render_pdf("medborgarloften/lofte_pdf.html", lofte_context(lofte), draft=draft)
