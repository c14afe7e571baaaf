"""The seed documents (copies in tests/fixtures/seeds, from shared/seeds) as the files kommuner
have: text, Word and PDF, made here with python-docx and WeasyPrint."""

import html
import io
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from samverkan.reading import bullet_text


def seeds_folder() -> Path:
    return Path(__file__).resolve().parent / "fixtures" / "seeds"


def seed_text(number: str) -> str:
    return next(seeds_folder().glob(f"{number}_*.txt")).read_text(encoding="utf-8")


def _blocks(text: str) -> list[str]:
    return [block for block in text.split("\n\n") if block.strip()]


def as_docx(text: str) -> bytes:
    """The text as Word writes it: "## " lines as headings, bulleted lines in a list style, the
    other lines of a paragraph joined by line breaks."""
    import docx

    document = docx.Document()
    for block in _blocks(text):
        lines = [line for line in block.split("\n") if line.strip()]
        if len(lines) == 1 and lines[0].startswith("## "):
            document.add_heading(lines[0][3:].strip(), level=2)
            continue
        # Each bullet is a paragraph of its own in Word.
        groups: list[list[str]] = []
        for line in lines:
            if bullet_text(line) is not None or not groups:
                groups.append([line])
            else:
                groups[-1].append(line)
        for group in groups:
            _add(document, group)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add(document: Any, lines: list[str]) -> None:
    first = bullet_text(lines[0])
    paragraph = document.add_paragraph(style="List Bullet" if first is not None else None)
    for number, line in enumerate([first, *lines[1:]] if first is not None else lines):
        run = paragraph.add_run(line.strip())
        if number < len(lines) - 1:
            run.add_break()


def as_pdf(text: str) -> bytes:
    """The text as a PDF saved from a word processor: headings larger, paragraphs apart."""
    from weasyprint import HTML

    parts = []
    for block in _blocks(text):
        lines = [html.escape(line.strip()) for line in block.split("\n") if line.strip()]
        if len(lines) == 1 and lines[0].startswith("## "):
            parts.append(f"<h2>{lines[0][3:]}</h2>")
        else:
            parts.append(f"<p>{'<br>'.join(lines)}</p>")
    return HTML(string=f"<html><body>{''.join(parts)}</body></html>").write_pdf()


def as_file(number: str, extension: str) -> SimpleUploadedFile:
    text = seed_text(number)
    data = {"txt": text.encode("utf-8"), "docx": as_docx(text), "pdf": as_pdf(text)}[extension]
    return SimpleUploadedFile(f"seed-{number}.{extension}", data)
