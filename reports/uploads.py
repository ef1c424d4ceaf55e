"""Checking and cleaning reporters' files: size limit, type by content, metadata removed.

Only images are accepted (JPEG, PNG, WebP, GIF first frame): they are decoded and written
again from their pixels, which drops EXIF (GPS, camera serial, time), XMP, ICC and text
chunks. Documents (PDF, Office) can carry author names we cannot reliably remove, so the
form asks reporters to photograph or screenshot them instead.
"""

from __future__ import annotations

import hashlib
import io
import logging
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .conf import setting

# Pillow logs every EXIF tag (GPS included) at DEBUG while parsing: never let that through.
logging.getLogger("PIL").setLevel(logging.INFO)

# Decoding is what costs memory: refuse anything larger than a big phone photo.
MAX_PIXELS = 60_000_000

# Pillow format -> (stored format, extension, content type)
FORMATS = {
    "JPEG": ("JPEG", "jpg", "image/jpeg"),
    "PNG": ("PNG", "png", "image/png"),
    "WEBP": ("PNG", "png", "image/png"),
    "GIF": ("PNG", "png", "image/png"),
    "MPO": ("JPEG", "jpg", "image/jpeg"),  # phone cameras' multi-picture JPEG
}


@dataclass
class CleanFile:
    content: ContentFile
    content_type: str
    size: int
    sha256: str


def clean_image(upload) -> CleanFile:
    """Raise ValidationError (Chinese message) or return the re-encoded image."""
    limit = setting("REPORTS_UPLOAD_MAX_BYTES")
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is larger than %(mb)s MB.")
            % {"name": upload.name, "mb": limit // (1024 * 1024)}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            if kind not in FORMATS or image.width * image.height > MAX_PIXELS:
                raise UnidentifiedImageError(kind)
            image.load()
            # Keep the picture upright, then forget the EXIF that said how to turn it.
            upright = ImageOps.exif_transpose(image)
            stored, ext, content_type = FORMATS[kind]
            mode = "RGB" if stored == "JPEG" else ("RGBA" if "A" in upright.mode else "RGB")
            pixels = Image.new(mode, upright.size)
            pixels.paste(upright.convert(mode))
            out = io.BytesIO()
            if stored == "JPEG":
                pixels.save(out, "JPEG", quality=90)
            else:
                pixels.save(out, "PNG", optimize=True)
    except ValidationError:
        raise
    except Exception as exc:
        # Pillow raises many kinds for a damaged file (SyntaxError for a PNG with a bad
        # checksum, struct.error, EOFError...); each one is a picture we cannot accept.
        raise ValidationError(
            _("“%(name)s” is not a picture we accept (JPEG, PNG, WebP or GIF).")
            % {"name": upload.name}
        ) from exc
    data = out.getvalue()
    return CleanFile(
        content=ContentFile(data, name=f"{uuid.uuid4().hex}.{ext}"),
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
