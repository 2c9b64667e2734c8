"""Test pictures and documents that carry the metadata a reporter's phone would add."""

from __future__ import annotations

import io
import random

from PIL import ExifTags, Image, PngImagePlugin

# Traces that must not survive cleaning, whichever path cleaned the file.
TRACES = (b"Exif", b"CanaryPhone", b"Serial-0612345678", b"Jane Reporter", b"GPS")
GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (52.0, 13.0, 30.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (5.0, 10.0, 15.0),
}


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "CanaryPhone"
    exif[ExifTags.Base.Model] = "Serial-0612345678"
    exif[ExifTags.Base.Artist] = "Jane Reporter"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    return exif


def photo_with_gps(size: tuple[int, int] = (64, 48), *, noisy: bool = False) -> bytes:
    """A red JPEG with GPS, camera and owner in its EXIF; noisy ones are large (no compression)."""
    if noisy:
        rng = random.Random(7)
        image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
        image.paste((200, 40, 40), (0, 0, size[0] // 2, size[1] // 2))
    else:
        image = Image.new("RGB", size, (200, 40, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", exif=_exif(), quality=95)
    return out.getvalue()


def has_gps(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return bool(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Reporter")
    info.add_text("Comment", "Serial-0612345678")
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (10, 120, 10, 255)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def pdf_with_author() -> bytes:
    """A one-page PDF: a black square at the top left, with an author and a title in its Info."""
    content = b"0 0 0 rg 0 692 100 100 re f BT /F1 24 Tf 200 400 Td (Jane Reporter) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Author (Jane Reporter) /Title (Serial-0612345678) /Producer (CanaryPhone) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
