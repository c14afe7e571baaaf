"""PDF rendering: Django templates through WeasyPrint, tagged for accessibility (PDF/UA)."""

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


def render_pdf(template_name: str, context: dict[str, Any], *, draft: bool = False) -> bytes:
    """Render `template_name` (which extends pdf/base.html) to PDF. A draft is marked UTKAST on
    every page; the same chart SVGs and texts as on the page go into the document."""
    return html_to_pdf(render_to_string(template_name, {**context, "draft": draft}))


def html_to_pdf(html: str) -> bytes:
    """HTML to a tagged PDF."""
    # Our templates inline their styles and charts, so WeasyPrint needs to fetch nothing but
    # data: URLs. Refusing the rest means text people typed can never make rendering read server
    # files or call out to the network.
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=URLFetcher(allowed_protocols=("data",)))
    # PDF/UA-1 makes WeasyPrint write the structure tags, language and title that screen
    # readers need.
    return document.write_pdf(pdf_variant="pdf/ua-1")
