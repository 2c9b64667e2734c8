"""Attachments are cleaned in the browser: nothing of the original file survives, only pixels."""

from __future__ import annotations

import base64
import io
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Page

from tests.web.pictures import TRACES, has_gps, pdf_with_author, photo_with_gps

pytestmark = pytest.mark.browser

# Runs a function of static/js/attachments.js on a file made from base64 bytes and returns what
# it made, as base64 again.
CLEAN = """async ([data, type, call]) => {
  const m = await import("/static/js/attachments.js");
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const file = new File([bytes], "IMG_20261124_Jane", { type });
  const b64 = async (blob) => {
    const out = new Uint8Array(await blob.arrayBuffer());
    let binary = "";
    for (const b of out) binary += String.fromCharCode(b);
    return btoa(binary);
  };
  try {
    const { items, skipped } = await m[call](file);
    const encoded = items.map(async (i) => ({ type: i.type, data: await b64(i.blob) }));
    return { items: await Promise.all(encoded), skipped };
  } catch (e) {
    return { error: e.name };
  }
}"""


@pytest.fixture
def page(module_page: Page) -> Page:
    return module_page


def clean(page: Page, data: bytes, type_: str) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(CLEAN, [base64.b64encode(data).decode(), type_, "clean"])
    for item in result.get("items", []):
        item["data"] = base64.b64decode(item["data"])
    return result


def test_a_photo_loses_its_gps_position_and_camera_but_keeps_its_picture(page: Page) -> None:
    original = photo_with_gps()
    assert has_gps(original)  # the test photo really has GPS

    [item] = clean(page, original, "image/jpeg")["items"]

    assert item["type"] == "image/jpeg"
    with Image.open(io.BytesIO(item["data"])) as image:
        assert image.format == "JPEG" and image.size == (64, 48)
        assert len(image.getexif()) == 0
        assert image.convert("RGB").getpixel((32, 24))[0] > 150  # still the red picture
    assert not [trace for trace in TRACES if trace in item["data"]]


def test_a_large_photo_is_scaled_down_to_2048_pixels(page: Page) -> None:
    [item] = clean(page, photo_with_gps((3000, 4000)), "image/jpeg")["items"]

    with Image.open(io.BytesIO(item["data"])) as image:
        assert image.size == (1536, 2048)


def test_a_pdf_becomes_pictures_of_its_pages_without_its_author(page: Page) -> None:
    pdf = pdf_with_author()
    assert b"Jane Reporter" in pdf

    result = clean(page, pdf, "")  # no type, as some phones send it: the first bytes tell

    [item] = result["items"]
    assert item["type"] == "image/jpeg" and result["skipped"] == 0
    assert not [trace for trace in TRACES if trace in item["data"]]
    assert not item["data"].startswith(b"%PDF")


def test_only_the_first_ten_pages_of_a_long_pdf_are_kept(page: Page) -> None:
    out = io.BytesIO()
    pages = [Image.new("RGB", (200, 280), (255, 255, 255)) for _ in range(12)]
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], author="Jane Reporter")

    result = clean(page, out.getvalue(), "application/pdf")

    assert len(result["items"]) == 10 and result["skipped"] == 2


@pytest.mark.parametrize(
    ("data", "type_", "error"),
    [
        (b"Jane Reporter", "text/plain", "UnsupportedAttachment"),
        (b"GIF89a", "image/gif", "UnsupportedAttachment"),
        (b"not really a jpeg", "image/jpeg", "UnreadableAttachment"),
        (b"%PDF-1.7 broken", "application/pdf", "UnreadableAttachment"),
    ],
    ids=["text", "gif", "broken-jpeg", "broken-pdf"],
)
def test_what_cannot_be_cleaned_is_refused(page: Page, data: bytes, type_: str, error: str) -> None:
    assert clean(page, data, type_) == {"error": error}
