"""Pictures sent without JavaScript are cleaned in the server's memory before they are sealed."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from app.web import attachments
from app.web.attachments import AttachmentRefused
from tests.event_loops import run_async
from tests.web.pictures import (
    TRACES,
    has_gps,
    pdf_with_author,
    photo_with_gps,
    png_with_text,
)


def test_a_photo_loses_its_gps_camera_and_owner_but_keeps_its_picture() -> None:
    original = photo_with_gps()
    assert has_gps(original)

    cleaned = attachments.clean(original)

    assert cleaned.type == "image/jpeg"
    with Image.open(io.BytesIO(cleaned.data)) as image:
        assert image.format == "JPEG" and image.size == (64, 48)
        assert len(image.getexif()) == 0 and "icc_profile" not in image.info
        assert image.convert("RGB").getpixel((32, 24))[0] > 150
    assert not [trace for trace in TRACES if trace in cleaned.data]


def test_png_text_chunks_are_gone_and_large_photos_are_scaled_down() -> None:
    png = attachments.clean(png_with_text())
    big = attachments.clean(photo_with_gps((4000, 3000)))

    assert png.type == "image/png"
    assert not [trace for trace in TRACES if trace in png.data]
    with Image.open(io.BytesIO(big.data)) as image:
        assert image.size == (2048, 1536)


def test_webp_is_written_as_png() -> None:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 0, 200)).save(out, "WEBP")

    assert attachments.clean(out.getvalue()).type == "image/png"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (pdf_with_author(), attachments.PDF_NEEDS_JAVASCRIPT),
        (b"GIF89a" + b"\0" * 40, attachments.UNSUPPORTED),
        (b"not a picture at all", attachments.UNSUPPORTED),
        (photo_with_gps()[:300], attachments.UNREADABLE),
    ],
    ids=["pdf", "gif", "text", "truncated-jpeg"],
)
def test_what_cannot_be_cleaned_here_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(AttachmentRefused) as refused:
        attachments.clean(data)

    assert refused.value.message == reason


def test_a_decompression_bomb_is_refused_before_its_pixels_are_read() -> None:
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")  # 48 megapixels in a few kB

    with pytest.raises(AttachmentRefused) as refused:
        attachments.clean(out.getvalue())

    assert refused.value.message == attachments.TOO_LARGE


def test_more_than_ten_pictures_are_refused() -> None:
    pool = attachments.PicturePool(max_decodes=1, max_total_pixels=10**9)

    with pytest.raises(AttachmentRefused) as refused:
        run_async(pool.clean_all, [photo_with_gps()] * 11)

    assert refused.value.message == attachments.TOO_MANY
