"""Published hashes of the static files: /static/SHA256SUMS.

A server that is taken over could serve other JavaScript to the pages that encrypt (DESIGN.md,
"not defended against"). Publishing the SHA-256 of every file the browser runs lets anyone
compare what a server serves with what this repository holds (`sha256sum -c` on a download, or
`python -m app.web.static_hashes --check-url https://…`). The list is kept in the repository
and a test fails when it is out of date.

Run `python -m app.web.static_hashes --write` after changing anything under app/web/static.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import httpx

STATIC = Path(__file__).parent / "static"
MANIFEST = STATIC / "SHA256SUMS"


def files(root: Path = STATIC) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p != MANIFEST)


def manifest(root: Path = STATIC) -> str:
    """The `sha256sum` format: one line per file, paths relative to /static/."""
    return "".join(
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(root).as_posix()}\n"
        for p in files(root)
    )


def differences_at(base_url: str, expected: str) -> list[str]:
    """The files a running service serves differently from the published list."""
    different = []
    with httpx.Client(base_url=base_url.rstrip("/"), timeout=30) as http:
        for line in expected.splitlines():
            digest, path = line.split("  ", 1)
            served = http.get(f"/static/{path}")
            if served.status_code != 200 or hashlib.sha256(served.content).hexdigest() != digest:
                different.append(path)
    return different


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help="rewrite app/web/static/SHA256SUMS")
    group.add_argument("--check-url", metavar="URL", help="compare a running service with it")
    args = parser.parse_args(argv)
    if args.write:
        MANIFEST.write_text(manifest())
        return 0
    different = differences_at(args.check_url, MANIFEST.read_text())
    for path in different:
        print(f"DIFFERENT {path}")
    print("all static files match" if not different else f"{len(different)} file(s) differ")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
