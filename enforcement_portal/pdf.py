"""PDF rendering for every document: WeasyPrint, the embedded CJK font and the base stylesheet.

The base stylesheet follows GB/T 9704-2012 (党政机关公文格式) where it applies: A4, margins
37/35/28/26 mm (top/bottom/left/right) for a 156 × 225 mm text area, body in 3号 (16 pt) with
22 lines a page, page numbers "— 1 —" in 4号 on the outer side (odd pages right, even left),
dates in Arabic numerals.

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


# 仿宋 (GB/T 9704-2012 §7.1: body text in 3号仿宋), used when the deployment has one installed.
FANGSONG_FILES = (
    "/usr/share/fonts/truetype/fangsong/simfang.ttf",
    "/usr/share/fonts/truetype/windows/simfang.ttf",
    "/usr/share/fonts/fangsong/simfang.ttf",
    "/usr/share/fonts/truetype/fzfs/FZFSK.TTF",
    "/usr/local/share/fonts/simfang.ttf",
)


def installed_fangsong() -> Path | None:
    return next((Path(p) for p in FANGSONG_FILES if Path(p).is_file()), None)


def font_path() -> Path:
    """The CJK font file embedded in generated PDFs: ``PDF_CJK_FONT`` when set, else an installed
    仿宋, else the free Noto Serif CJK (not in the repository)."""
    configured = getattr(settings, "PDF_CJK_FONT", "")
    if configured and configured != DEFAULT_FONT:
        return Path(configured)
    return installed_fangsong() or Path(configured or DEFAULT_FONT)


def font_family() -> str:
    """The CSS font-family of documents: ``PDF_FONT_FAMILY`` (names, comma-separated) before the
    embedded font and the Noto CJK fallbacks."""
    extra = [f.strip() for f in str(getattr(settings, "PDF_FONT_FAMILY", "") or "").split(",")]
    names = [f'"{f}"' for f in extra if f and not set(f) & set('";<>{}')]
    return ", ".join([*names, '"PortalCJK"', '"Noto Serif CJK SC"', '"Noto Sans CJK SC"', "serif"])


def font_url() -> str:
    """``file://`` URL of the font for the base stylesheet's @font-face, or '' when missing."""
    path = font_path()
    return path.as_uri() if path.is_file() else ""


def pdf_context(context: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the base template needs (the font, the city), under the document's own context."""
    return {
        "font_url": font_url(),
        "font_family": font_family(),
        "city": settings.CITY_NAME,
        **(context or {}),
    }


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
