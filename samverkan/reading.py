"""Reading the text out of documents people already have: Word (.docx), text-based PDF and plain
text, as a list of paragraphs with a hint of what each looks like (a heading, a bullet).

Nothing here knows what an agreement or a medborgarlöfte is; `agreements.importing` and
`medborgarloften.importing` map the paragraphs to their sections. The files are only parsed:
python-docx reads the XML inside the .docx (macros and embedded objects are never run) and pypdf
the PDF's text operators (no scripts, no external references fetched).
"""

import io
import itertools
import re
import statistics
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

from .errors import DomainError
from .uploads import DOCX, PDF, TXT, FileType

#: A paragraph's look: a heading, a bullet of a list, or running text.
HEADING, BULLET, TEXT = "heading", "bullet", ""

#: Characters that start a bullet, as typed, printed or (in scanned-and-recognised text, like seed
#: 004) misread: "•", "-", "–", "*", "·", "▪", "●", "◦", and "e", "¢", "«", "o" standing alone.
BULLET_START = re.compile(r"^\s*(?:[•\-–*·▪●◦¢«]|e|o)\s+(?=\S)")
#: A line of a table of contents ("Inledning.....	2") or a horizontal rule.
NOISE = re.compile(r"\.{4,}\s*\d*\s*$|^\s*(?:-{3,}|_{3,}|\*{3,})\s*$")
SENTENCE_END = re.compile(r"[.!?:;)]\s*$")

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = TEXT

    def as_json(self) -> dict[str, str]:
        return asdict(self)


def bullet_text(line: str) -> str | None:
    """The text of a bulleted line without its bullet, or None when it has none."""
    match = BULLET_START.match(line)
    return line[match.end() :].strip() if match else None


def clean_line(line: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", line.replace("\u00ad", "")).strip()


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as running text: words hyphenated at a line end joined again
    ("före-" + "bygga"), but "drog- och" kept."""
    text = ""
    for line in (clean_line(line) for line in lines):
        if not line:
            continue
        if text.endswith("-") and line[:1].islower() and not line.startswith(("och ", "eller ", "samt ")):
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text


def paragraphs_from_lines(lines: list[str], breaks: set[int] | None = None) -> list[Paragraph]:
    """Group lines into paragraphs: a blank line (or an index in `breaks`, a gap on a PDF page)
    ends one; a bulleted line starts one; a "## " line is a heading of its own. A paragraph that
    begins in lower case continues the one before (a page break or a scanner's blank line in the
    middle of a sentence)."""
    groups: list[tuple[list[str], str]] = []
    current: list[str] = []
    style = TEXT

    def close() -> None:
        nonlocal current, style
        if current:
            groups.append((current, style))
        current, style = [], TEXT

    for index, raw in enumerate(lines):
        line = clean_line(raw)
        if breaks and index in breaks:
            close()
        if not line or NOISE.search(line):
            close()
            continue
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        if heading:
            close()
            groups.append(([heading.group(1)], HEADING))
            continue
        if bullet_text(line) is not None:
            close()
            style = BULLET
        elif not current and groups and line[:1].islower() and groups[-1][1] != HEADING:
            previous_lines, previous_style = groups.pop()
            if not SENTENCE_END.search(previous_lines[-1]):
                current, style = previous_lines, previous_style
            else:
                groups.append((previous_lines, previous_style))
        current.append(line)
    close()
    return [Paragraph("\n".join(lines), style) for lines, style in groups]


def merge_continuations(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A paragraph that begins in lower case after one that ends mid-sentence is the rest of it
    (a page break, or Word paragraphs made of a scan's lines)."""
    merged: list[Paragraph] = []
    for paragraph in paragraphs:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and paragraph.style == TEXT
            and previous.style != HEADING
            and paragraph.text[:1].islower()
            and not SENTENCE_END.search(previous.text)
        ):
            merged[-1] = Paragraph(f"{previous.text}\n{paragraph.text}", previous.style)
        else:
            merged.append(paragraph)
    return merged


def decode_text(data: bytes) -> str:
    """Text in the encodings Swedish files come in: UTF-8 (with or without a byte-order mark),
    else Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(_("Textfilen kunde inte läsas: teckenkodningen är varken UTF-8 eller Windows-1252."))


def read_txt(data: bytes, progress: Progress | None = None) -> list[Paragraph]:
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise DomainError(_("Filen innehåller binära data och är ingen textfil."))
    return paragraphs_from_lines(text.split("\n"))


def read_docx(data: bytes, progress: Progress | None = None) -> list[Paragraph]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DomainError(_("Word-filen kunde inte läsas. Spara den på nytt som .docx och försök igen.")) from error
    found: list[Paragraph] = []
    paragraphs = list(document.paragraphs)
    for cell_paragraphs in (cell.paragraphs for table in document.tables for row in table.rows for cell in row.cells):
        paragraphs.extend(cell_paragraphs)
    for number, paragraph in enumerate(paragraphs, 1):
        text = paragraph.text.strip()
        if progress and number % 50 == 0:
            progress(int(90 * number / len(paragraphs)))
        if not text or NOISE.search(text):
            continue
        style_name = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style_name.startswith(("Heading", "Rubrik", "Title")):
            found.append(Paragraph(clean_line(text), HEADING))
        elif style_name.startswith(("List", "Liststycke")) or bullet_text(text) is not None:
            # A list item; any bullets typed after line breaks within it are items of their own.
            items = paragraphs_from_lines(text.split("\n"))
            found.extend([Paragraph(items[0].text, BULLET), *items[1:]])
        else:
            found.extend(paragraphs_from_lines(text.split("\n")))
    return found


def read_pdf(data: bytes, progress: Progress | None = None) -> list[Paragraph]:
    """A text-based PDF, page by page: lines in reading order with their height on the page, so
    that a larger gap ends a paragraph and a larger font marks a heading."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DomainError(_("PDF:en är lösenordsskyddad. Ta bort skyddet och försök igen."))
        pages = list(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise DomainError(_("PDF:en kunde inte läsas. Den kan vara skadad.")) from error
    lines: list[tuple[float, float, str]] = []
    breaks: set[int] = set()
    for number, page in enumerate(pages, 1):
        fragments: list[tuple[float, float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if text.strip():
                y = tm[5] * cm[3] + cm[5]
                fragments.append((y, abs(size * tm[3] * cm[3]) or size, text))  # noqa: B023

        try:
            page.extract_text(visitor_text=visit)
        except (PdfReadError, ValueError, KeyError, TypeError) as error:
            raise DomainError(_("Sidan %(page)s i PDF:en kunde inte läsas.") % {"page": number}) from error
        page_lines = _lines_of(fragments)
        if lines:
            breaks.add(len(lines))
        gaps = [above[0] - below[0] for above, below in itertools.pairwise(page_lines)]
        usual = statistics.median(gaps) if gaps else 0
        size = statistics.median(line[1] for line in page_lines) if page_lines else 0
        for index, line in enumerate(page_lines):
            # Lines of a larger font (a heading wrapped over two lines) stand further apart.
            scale = max(1.0, line[1] / size, page_lines[index - 1][1] / size) if index and size else 1.0
            if index and usual and gaps[index - 1] > usual * 1.4 * scale:
                breaks.add(len(lines))
            lines.append(line)
        if progress:
            progress(int(90 * number / len(pages)))
    if sum(len(text.strip()) for _y, _size, text in lines) < 20:
        raise DomainError(
            _(
                "PDF:en innehåller ingen text att läsa – den är troligen inskannad som bild. Använd "
                "originalet i Word eller en PDF som sparats från ett ordbehandlingsprogram."
            )
        )
    body = statistics.median(size for _y, size, _text in lines)
    paragraphs = paragraphs_from_lines([text for _y, _size, text in lines], breaks)
    headings = {clean_line(text) for _y, size, text in lines if size > body * 1.15 and len(text) < 120}
    return [
        Paragraph(" ".join(p.text.split("\n")), HEADING)
        if p.style == TEXT and all(line in headings for line in p.text.split("\n"))
        else p
        for p in paragraphs
    ]


def _lines_of(fragments: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    """Fragments on the same height joined into lines, from the top of the page down."""
    lines: list[tuple[float, float, str]] = []
    for y, size, text in fragments:
        for part_number, part in enumerate(text.split("\n")):
            if part_number and lines:
                y = lines[-1][0] - 0.01  # a new line inside one fragment
            if lines and abs(lines[-1][0] - y) < 1 and part_number == 0:
                last_y, last_size, last_text = lines[-1]
                lines[-1] = (last_y, max(last_size, size), last_text + part)
            elif part.strip():
                lines.append((y, size, part))
    return [line for line in lines if line[2].strip()]


READERS: dict[FileType, Callable[[bytes, Progress | None], list[Paragraph]]] = {
    TXT: read_txt,
    DOCX: read_docx,
    PDF: read_pdf,
}


def read_document(data: bytes, kind: FileType, progress: Progress | None = None) -> list[Paragraph]:
    """The paragraphs of a document of `kind` (checked by `uploads.check_upload` before); raises
    DomainError with a Swedish message when nothing can be read."""
    paragraphs = merge_continuations(READERS[kind](data, progress))
    if not paragraphs:
        raise DomainError(_("Dokumentet innehåller ingen text att importera."))
    return paragraphs
