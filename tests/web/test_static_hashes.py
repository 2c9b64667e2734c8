"""The published hashes of the static files match the files, and a running service."""

from __future__ import annotations

from pathlib import Path

from app.web import static_hashes


def test_the_published_list_is_up_to_date() -> None:
    published = static_hashes.MANIFEST.read_text()

    assert published == static_hashes.manifest(), (
        "app/web/static changed: run `python -m app.web.static_hashes --write`"
    )
    listed = {line.split("  ", 1)[1] for line in published.splitlines()}
    assert {"js/report.js", "js/crypto/hpke.js", "vendor/pdfjs/pdf.min.mjs"} <= listed


def test_a_changed_file_is_caught(tmp_path: Path) -> None:
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "a.js").write_text("export const a = 1;\n")
    before = static_hashes.manifest(tmp_path)
    (tmp_path / "js" / "a.js").write_text("export const a = 2;\n")

    assert static_hashes.manifest(tmp_path) != before


def test_a_running_service_serves_exactly_the_published_files(web_server: str) -> None:
    published = static_hashes.MANIFEST.read_text()

    assert static_hashes.differences_at(web_server, published) == []
    tampered = published.replace(published[:64], "0" * 64, 1)
    assert static_hashes.differences_at(web_server, tampered) == [
        published.split("  ")[1].split("\n")[0]
    ]
