from io import BytesIO

from pyhanko.pdf_utils.generic import NameObject, TextStringObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from samverkan.pdf import render_pdf
from samverkan.seal import ensure_seal_material, seal_pdf, verify_pdf


def test_seal_material_is_created_once_and_reused(settings, tmp_path):
    settings.SEAL_DIR = tmp_path
    first = ensure_seal_material()
    ca = first.ca_cert_file.read_bytes()
    second = ensure_seal_material()
    assert second.ca_cert_file.read_bytes() == ca
    assert oct(first.key_file.stat().st_mode)[-3:] == "600"


def test_sealed_pdf_verifies_and_an_appended_change_is_detected(settings, tmp_path):
    settings.SEAL_DIR = tmp_path
    sealed = seal_pdf(render_pdf("pdf/base.html", {}), reason="Test")
    assert verify_pdf(sealed).ok
    # Someone appends an incremental update that changes the document (its language).
    writer = IncrementalPdfFileWriter(BytesIO(sealed))
    writer.root[NameObject("/Lang")] = TextStringObject("en")
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    result = verify_pdf(out.getvalue())
    assert result.is_sealed
    assert not result.intact
    assert "ändrats" in result.message


def test_a_seal_from_another_ca_is_not_trusted(settings, tmp_path):
    settings.SEAL_DIR = tmp_path / "other"
    foreign = seal_pdf(render_pdf("pdf/base.html", {}), reason="Annan")
    settings.SEAL_DIR = tmp_path / "ours"
    result = verify_pdf(foreign)
    assert result.is_sealed
    assert result.intact
    assert not result.trusted
    assert "inte med Samverkans sigill" in result.message


def test_pdf_rendering_fetches_no_files_or_urls(tmp_path):
    import subprocess

    from samverkan.pdf import html_to_pdf

    # A stylesheet on the server that would put its text into the document if it were read.
    secret = tmp_path / "hemlig.css"
    secret.write_text('p::after { content: " HEMLIGT INNEHÅLL"; }')
    html = (
        f'<html lang="sv"><head><link rel="stylesheet" href="file://{secret}"></head><body><p>Text</p>'
        '<img src="http://127.0.0.1:9/x.png"></body></html>'
    )
    data = html_to_pdf(html)
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()  # noqa: S607
    assert "Text" in text
    assert "HEMLIGT" not in text
