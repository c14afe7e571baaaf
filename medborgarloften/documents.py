"""A medborgarlöfte as a document: its PDF, sealed with the same mechanism as agreements."""

from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from agreements.models import FocusArea
from samverkan.pdf import render_pdf
from samverkan.seal import seal_pdf, sha256_hex

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


def store_sealed_pdf(lofte_id: int) -> str:
    """Render and seal a signed promise's PDF once; returns its SHA-256."""
    with transaction.atomic():
        lofte = Medborgarlofte.all_objects.select_for_update().get(pk=lofte_id)
        if lofte.pdf_sha256:
            return lofte.pdf_sha256
        if lofte.status == Medborgarlofte.Status.UTKAST:
            raise ValueError(f"Medborgarlöfte {lofte_id} is not signed")
        sealed = seal_pdf(
            render_lofte_pdf(lofte, draft=False), reason=_("Medborgarlöfte %(title)s") % {"title": lofte.title}
        )
        digest = sha256_hex(sealed)
        lofte.pdf.save(f"{lofte.uuid}.pdf", ContentFile(sealed), save=False)
        lofte.pdf_sha256 = digest
        lofte.save(update_fields=["pdf", "pdf_sha256"])
    return digest
