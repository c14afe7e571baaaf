"""Forms of the document import: the upload, and the review where each paragraph gets a section."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import DateInput, Form
from .recognising import Piece
from .uploads import max_upload_bytes


class ImportUploadForm(Form):
    file = forms.FileField(
        label=_("Dokument"),
        help_text=_("Word (.docx), PDF med text (inte inskannad) eller textfil (.txt)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = max_upload_bytes() // (1024 * 1024)
        self.fields["file"].help_text = _(
            "Word (.docx), PDF med text (inte inskannad) eller textfil (.txt), högst %(mb)s MB. Inget sparas "
            "förrän du har granskat och bekräftat."
        ) % {"mb": limit}


class ImportReviewForm(Form):
    """The review: a section for every paragraph (or "Importera inte"), and the draft's title and
    period as recognised. Subclasses add what their kind needs."""

    title = forms.CharField(label=_("Rubrik"), max_length=200)
    period_start = forms.DateField(label=_("Gäller från"), widget=DateInput())
    period_end = forms.DateField(label=_("Gäller till"), widget=DateInput())

    def __init__(self, *args: Any, pieces: Sequence[Piece], choices: Sequence[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pieces = list(pieces)
        for index, piece in enumerate(self.pieces):
            self.fields[f"p{index}"] = forms.ChoiceField(
                label=_("Stycke %(n)s hamnar i") % {"n": index + 1}, choices=choices, initial=piece.section
            )

    def rows(self) -> list[tuple[Piece, forms.BoundField]]:
        return [(piece, self[f"p{index}"]) for index, piece in enumerate(self.pieces)]

    def assignments(self) -> dict[str, str]:
        return {str(index): self.cleaned_data[f"p{index}"] for index in range(len(self.pieces))}
