"""Pictures sent without JavaScript, cleaned in the server's memory before the report is sealed.

The browser path cleans attachments on the reporter's device (static/js/attachments.js); this is
the same for the path without JavaScript: a picture is decoded and only its pixels are written
again, so EXIF (GPS position, time, camera serial), ICC profiles, comments and text chunks are
gone. Only JPEG, PNG and WebP are opened (their decoders alone), within a pixel limit. PDFs are
refused here: turning them into pictures means parsing an untrusted document on the server that
holds this path's plaintexts, and the JavaScript path does it on the reporter's own phone instead.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from app.errors import N_

# The same limits as the browser path (static/js/attachments.js).
MAX_SIDE = 2048
MAX_ITEMS = 10
MAX_TOTAL_BYTES = 6 * 1024 * 1024
# A decompression bomb is refused before its pixels are decoded.
MAX_PIXELS = 40_000_000
# WebP is written as PNG, as the browser does: no quality is lost and no WebP encoder is needed.
WRITE_AS = {
    "JPEG": ("JPEG", "image/jpeg"),
    "PNG": ("PNG", "image/png"),
    "WEBP": ("PNG", "image/png"),
}

UNSUPPORTED = N_("This kind of file cannot be added. Add a photo, a screenshot or a PDF.")
PDF_NEEDS_JAVASCRIPT = N_(
    "A PDF can only be added with JavaScript on. Add a photo or a screenshot of the page instead."
)
UNREADABLE = N_("This file could not be opened. Try a screenshot of it instead.")
TOO_MANY = N_("You can add up to 10 pictures or pages.")
TOO_LARGE = N_("The pictures are too large together. Remove one, or add fewer pages.")


class AttachmentRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Cleaned:
    type: str
    data: bytes

    def as_content(self) -> dict[str, Any]:
        """The form the browser path seals too: a type and the base64 bytes, no file name."""
        return {"type": self.type, "data": base64.b64encode(self.data).decode()}


def clean(data: bytes) -> Cleaned:
    if data.startswith(b"%PDF-"):
        raise AttachmentRefused(PDF_NEEDS_JAVASCRIPT)
    try:
        with Image.open(io.BytesIO(data), formats=list(WRITE_AS)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise AttachmentRefused(TOO_LARGE)
            fmt, mime = WRITE_AS[image.format or ""]
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((MAX_SIDE, MAX_SIDE))
            mode = "RGB" if fmt == "JPEG" else ("RGBA" if "A" in upright.getbands() else "RGB")
            rgb = upright.convert(mode)
            # A new image from the raw pixels carries no info, EXIF, ICC profile or text chunks.
            bare = Image.frombytes(mode, rgb.size, rgb.tobytes())
    except UnidentifiedImageError:
        raise AttachmentRefused(UNSUPPORTED) from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise AttachmentRefused(UNREADABLE) from None
    out = io.BytesIO()
    bare.save(out, fmt, quality=90) if fmt == "JPEG" else bare.save(out, fmt, optimize=True)
    return Cleaned(mime, out.getvalue())


def clean_all(files: list[bytes]) -> list[Cleaned]:
    """Every posted picture cleaned, or AttachmentRefused with the first reason to refuse."""
    if len(files) > MAX_ITEMS:
        raise AttachmentRefused(TOO_MANY)
    cleaned = [clean(data) for data in files]
    if sum(len(c.data) for c in cleaned) > MAX_TOTAL_BYTES:
        raise AttachmentRefused(TOO_LARGE)
    return cleaned
