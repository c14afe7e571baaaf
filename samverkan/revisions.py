"""Documents that are revised rather than changed once approved (agreements, medborgarlöften): each
version is its own row, in a series, numbered, pointing at the version it revises."""

from uuid import uuid4

from django.db import models
from django.utils.translation import gettext_lazy as _


class Revisioned(models.Model):
    """One version of a document that is revised, never changed in place once approved."""

    series = models.UUIDField(
        default=uuid4, editable=False, db_index=True, help_text=_("Samma för alla versioner av handlingen.")
    )
    revision = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("föregående version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_revision",
        editable=False,
    )

    class Meta:
        abstract = True
