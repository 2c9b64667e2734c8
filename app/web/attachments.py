"""Pictures sent without JavaScript, cleaned in the server's memory before the report is sealed.

The browser path cleans attachments on the reporter's device (static/js/attachments.js); this is
the same for the path without JavaScript: a picture is decoded and only its pixels are written
again, so EXIF (GPS position, time, camera serial), ICC profiles, comments and text chunks are
gone. Only JPEG, PNG and WebP are opened (their decoders alone), within a pixel limit. PDFs are
refused here: turning them into pictures means parsing an untrusted document on the server that
holds this path's plaintexts, and the JavaScript path does it on the reporter's own phone instead.

Decoding is slow (seconds for a large photo), so it happens before the report's transaction opens
and in a bounded pool (:class:`PicturePool`): on SQLite every transaction holds the write lock, and
pictures decoded inside one once held it for 25 seconds while honest reports got 503.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

import anyio
import anyio.to_thread
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
TOO_MANY_PIXELS = N_(
    "The pictures have too many pixels together. Remove one, or add screenshots or smaller photos."
)


class AttachmentRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Cleaned:
    type: str
    data: bytes

    def as_content(self) -> dict[str, Any]:
        """The form the browser path seals too: a type and the base64 bytes, no file name.

        "cleaned" tells the advisers where the hidden information was removed: here, by the
        server, where the browser path says "device".
        """
        return {
            "type": self.type,
            "data": base64.b64encode(self.data).decode(),
            "cleaned": "server",
        }


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


def pixels(data: bytes) -> int:
    """A picture's pixel count, from its header alone; AttachmentRefused if not cleaned here."""
    if data.startswith(b"%PDF-"):
        raise AttachmentRefused(PDF_NEEDS_JAVASCRIPT)
    try:
        with Image.open(io.BytesIO(data), formats=list(WRITE_AS)) as image:
            count = image.width * image.height
    except UnidentifiedImageError:
        raise AttachmentRefused(UNSUPPORTED) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AttachmentRefused(TOO_LARGE) from None
    except (OSError, ValueError, SyntaxError):
        raise AttachmentRefused(UNREADABLE) from None
    if count > MAX_PIXELS:
        raise AttachmentRefused(TOO_LARGE)
    return count


def _measure(files: list[bytes], max_total_pixels: int) -> None:
    if len(files) > MAX_ITEMS:
        raise AttachmentRefused(TOO_MANY)
    if sum(pixels(data) for data in files) > max_total_pixels:
        raise AttachmentRefused(TOO_MANY_PIXELS)


class PicturePool:
    """Cleans posted pictures, at most ``max_decodes`` at once in this process.

    A post waits for its turn as a coroutine, so while it waits it holds no thread (the routes'
    threads stay free for everyone else), no database connection and no lock.
    """

    def __init__(self, *, max_decodes: int, max_total_pixels: int) -> None:
        self.max_decodes = max_decodes
        self.max_total_pixels = max_total_pixels
        self._limiter: anyio.CapacityLimiter | None = None

    @property
    def limiter(self) -> anyio.CapacityLimiter:
        # Created on first use, inside the serving event loop.
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.max_decodes)
        return self._limiter

    @property
    def waiting(self) -> int:
        """Pictures waiting for a turn to be decoded."""
        return self.limiter.statistics().tasks_waiting

    async def clean_all(self, files: list[bytes]) -> list[Cleaned]:
        """Every posted picture cleaned, or AttachmentRefused with the first reason to refuse.

        All headers are read first, so a post over the pixel cap costs no decoding at all.
        """
        await anyio.to_thread.run_sync(_measure, files, self.max_total_pixels)
        cleaned = [
            await anyio.to_thread.run_sync(clean, data, limiter=self.limiter) for data in files
        ]
        if sum(len(c.data) for c in cleaned) > MAX_TOTAL_BYTES:
            raise AttachmentRefused(TOO_LARGE)
        return cleaned
