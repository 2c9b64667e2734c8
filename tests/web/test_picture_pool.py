"""Pictures posted without JavaScript are cleaned before any transaction, within a pixel cap and
a bounded pool of decoders.

Eight 6320×6320 PNGs once were decoded inside the report's transaction: on SQLite that held the
write lock for 25 seconds, and an honest report sent meanwhile got 503.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import anyio
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import event

from app.db import Database
from app.settings import Settings
from app.web import attachments
from app.web.attachments import AttachmentRefused, Cleaned, PicturePool
from tests.conftest import TotpClock
from tests.event_loops import run_async
from tests.factories import Member, admin_with_inbox
from tests.reports.helpers import client_with, row_counts
from tests.web.pictures import photo_with_gps, png_with_text
from tests.web.test_pages_without_javascript import form_token

WAIT_SECONDS = 30


def png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("1", size).save(out, "PNG")  # a few hundred bytes, however many pixels
    return out.getvalue()


def post_pictures(client: TestClient, pictures: list[bytes], lang: str = "nl") -> Any:
    token = form_token(client.get(f"/{lang}/report"))
    return client.post(
        f"/{lang}/report",
        data={"token": token, "what": ["threats"], "text": "Kijk naar de plaatjes."},
        files=[("attachments", (f"{i}.png", data, "image/png")) for i, data in enumerate(pictures)],
    )


@pytest.fixture
def small_cap_app(settings: Settings, database: Database) -> Iterator[tuple[FastAPI, TestClient]]:
    capped = settings.model_copy(
        update={"pictures": settings.pictures.model_copy(update={"max_total_pixels": 100_000})}
    )
    with client_with(database, capped) as (app, client):
        yield app, client


def test_no_connection_or_transaction_opens_until_every_picture_is_cleaned(
    client: TestClient, admin: Member, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []
    real_clean = attachments.clean

    def recorded_clean(data: bytes) -> Cleaned:
        cleaned = real_clean(data)
        order.append("cleaned")
        return cleaned

    monkeypatch.setattr(attachments, "clean", recorded_clean)
    engine = app.state.database.engine
    token = form_token(client.get("/nl/report"))
    checkout: Callable[..., None] = lambda *_args: order.append("connection")  # noqa: E731
    begin: Callable[..., None] = lambda *_args: order.append("transaction")  # noqa: E731
    event.listen(engine, "checkout", checkout)
    event.listen(engine, "begin", begin)
    try:
        page = client.post(
            "/nl/report",
            data={"token": token, "what": ["threats"], "text": "Kijk naar de plaatjes."},
            files=[
                ("attachments", ("a.jpg", photo_with_gps(), "image/jpeg")),
                ("attachments", ("b.png", png_with_text(), "image/png")),
            ],
        )
    finally:
        event.remove(engine, "checkout", checkout)
        event.remove(engine, "begin", begin)

    assert page.status_code == 200, page.text
    assert order[:2] == ["cleaned", "cleaned"] and {"connection", "transaction"} <= set(order)
    assert "cleaned" not in order[2:]


def test_pictures_over_the_pixel_cap_are_refused_in_the_reporters_language_before_decoding(
    small_cap_app: tuple[FastAPI, TestClient],
    totp_clock: TotpClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, client = small_cap_app
    admin_with_inbox(app, client, totp_clock)
    decoded: list[bytes] = []
    real_clean = attachments.clean
    monkeypatch.setattr(attachments, "clean", lambda data: decoded.append(data) or real_clean(data))

    # 3 × 200×200 = 120 000 pixels against a cap of 100 000; each one alone is well within it.
    refused = post_pictures(client, [png((200, 200))] * 3, lang="en")
    dutch = post_pictures(client, [png((200, 200))] * 3)

    assert refused.status_code == 422 and dutch.status_code == 422
    assert "The pictures have too many pixels together." in refused.text
    assert "Kijk naar de plaatjes." in refused.text  # what was typed is kept
    assert "De plaatjes hebben samen te veel pixels." in dutch.text
    assert decoded == []
    assert row_counts(app)["reports"] == 0

    accepted = post_pictures(client, [png((200, 200))] * 2)
    assert accepted.status_code == 200, accepted.text
    assert row_counts(app)["reports"] == 1


def test_a_picture_bomb_is_measured_from_its_header_without_decoding() -> None:
    with pytest.raises(AttachmentRefused) as refused:
        attachments.pixels(png((8000, 6000)))  # 48 megapixels, over the limit for one picture

    assert refused.value.message == attachments.TOO_LARGE
    assert attachments.pixels(png((6320, 10))) == 63_200


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.001)


def test_the_pool_never_decodes_more_pictures_at_once_than_its_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    size, posts = 2, 6
    pool = PicturePool(max_decodes=size, max_total_pixels=10**9)
    lock = threading.Lock()
    release = threading.Event()
    running = peak = 0

    def instrumented_clean(data: bytes) -> Cleaned:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        release.wait(WAIT_SECONDS)
        with lock:
            running -= 1
        return Cleaned("image/png", data)

    monkeypatch.setattr(attachments, "clean", instrumented_clean)
    monkeypatch.setattr(attachments, "pixels", lambda _data: 1)
    finished: list[int] = []

    async def all_posts_at_once() -> None:
        async def post(number: int) -> None:
            await pool.clean_all([b"picture"])
            finished.append(number)

        async with anyio.create_task_group() as group:
            for number in range(posts):
                group.start_soon(post, number)
            # Every post is now either decoding or waiting for its turn; none more than `size`.
            await anyio.to_thread.run_sync(
                wait_until, lambda: running == size and pool.waiting == posts - size, "all queued"
            )
            assert running == size
            release.set()

    run_async(all_posts_at_once)

    assert sorted(finished) == list(range(posts))
    assert peak == size
