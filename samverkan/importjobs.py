"""An imported document on its way to a draft: the uploaded file until it is read, the paragraphs
read out of it, and where the person moved them on the review screen. Owned by the organisation
the draft will belong to; short-lived (see `samverkan.importing`)."""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Organization
from .tenancy import Ownership, TenantModel


class ImportJob(TenantModel):
    class Kind(models.TextChoices):
        AGREEMENT = "overenskommelse", _("Samverkansöverenskommelse")
        LOFTE = "medborgarlofte", _("Medborgarlöfte")

    class Status(models.TextChoices):
        WAITING = "vantar", _("Väntar på att läsas")
        READING = "laser", _("Läses")
        READ = "last", _("Läst, att granska")
        FAILED = "fel", _("Kunde inte läsas")
        DONE = "klar", _("Utkastet är skapat")

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    #: What the draft is created under: the del 2 plan's uuid for a medborgarlöfte.
    target = models.UUIDField(null=True, blank=True)
    file_name = models.CharField(_("fil"), max_length=255)
    file_type = models.CharField(max_length=10)
    upload = models.FileField(upload_to="imports/", blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    paragraphs = models.JSONField(default=list, blank=True)
    #: Where the person moved paragraphs on the review screen: index → section.
    assignments = models.JSONField(default=dict, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    ownership = Ownership("organization")

    class Meta:
        verbose_name = _("dokumentimport")
        verbose_name_plural = _("dokumentimporter")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.file_name
