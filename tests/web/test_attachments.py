"""Attachments are cleaned in the browser: a photo's EXIF (GPS, camera) does not survive."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import ExifTags, Image
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (52.0, 13.0, 30.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (5.0, 10.0, 15.0),
}


def photo_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 40, 40))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "CanaryPhone"
    exif[ExifTags.Base.Model] = "Serial-0612345678"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def page(module_page: Page) -> Page:
    return module_page


def test_a_photo_loses_its_gps_position_and_camera_but_keeps_its_picture(page: Page) -> None:
    original = photo_with_gps()
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test photo really has GPS

    cleaned_b64 = page.evaluate(
        """async (data) => {
          const { stripMetadata } = await import("/static/js/attachments.js");
          const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
          const file = new File([bytes], "IMG_0001.jpg", { type: "image/jpeg" });
          const cleaned = await stripMetadata(file);
          const out = new Uint8Array(await cleaned.arrayBuffer());
          let binary = "";
          for (const b of out) binary += String.fromCharCode(b);
          return btoa(binary);
        }""",
        base64.b64encode(original).decode(),
    )
    cleaned = base64.b64decode(cleaned_b64)

    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.format == "JPEG" and image.size == (64, 48)
        assert len(image.getexif()) == 0
        assert image.convert("RGB").getpixel((32, 24))[0] > 150  # still the red picture
    for trace in (b"Exif", b"CanaryPhone", b"Serial-0612345678"):
        assert trace not in cleaned


def test_a_type_that_cannot_be_cleaned_is_refused(page: Page) -> None:
    error = page.evaluate(
        """async () => {
          const { stripMetadata } = await import("/static/js/attachments.js");
          try { await stripMetadata(new File(["%PDF-1.7"], "a.pdf", { type: "application/pdf" })); }
          catch (e) { return e.name; }
          return "accepted";
        }"""
    )
    assert error == "UnsupportedAttachment"
