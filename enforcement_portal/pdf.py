"""PDF rendering for every document: WeasyPrint, the embedded CJK font and the base stylesheet.

A document is a template extending ``pdf/base.html``; ``render_pdf`` gives it the font and the
city and returns the PDF bytes. A system check warns when the font file is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks
from django.template.loader import render_to_string

DEFAULT_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
BASE_TEMPLATE = "pdf/base.html"


def font_path() -> Path:
    """The CJK font file embedded in generated PDFs (``PDF_CJK_FONT``; not in the repository)."""
    return Path(getattr(settings, "PDF_CJK_FONT", "") or DEFAULT_FONT)


def font_url() -> str:
    """``file://`` URL of the font for the base stylesheet's @font-face, or '' when missing."""
    path = font_path()
    return path.as_uri() if path.is_file() else ""


def pdf_context(context: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the base template needs (the font, the city), under the document's own context."""
    return {"font_url": font_url(), "city": settings.CITY_NAME, **(context or {})}


def render_pdf(template: str, context: dict[str, Any] | None = None) -> bytes:
    """Render ``template`` (extending ``pdf/base.html``) to PDF bytes with the font embedded."""
    # Imported here: WeasyPrint needs system libraries the portal can run without.
    import weasyprint

    html = render_to_string(template, pdf_context(context))
    return weasyprint.HTML(string=html).write_pdf()


@checks.register(checks.Tags.compatibility)
def check_pdf_font(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Without the font, documents fall back to whatever the system has, or print boxes."""
    path = font_path()
    if path.is_file():
        return []
    return [
        checks.Warning(
            f"The CJK font for PDF documents is missing: {path}.",
            hint="Install fonts-noto-cjk or set PDF_CJK_FONT to a CJK font file.",
            id="core.W101",
        )
    ]
