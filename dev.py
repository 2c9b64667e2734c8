#!/usr/bin/env python3
"""One entry point for people and CI: set up the virtual environment, then serve or test.

    python3 dev.py serve    run the service on http://127.0.0.1:8000 (SQLite, nothing to install)
    python3 dev.py test     run the whole test suite (extra arguments go to pytest)

Only the standard library is used here, so it runs on a fresh machine with Python 3.11+. The
virtual environment is rebuilt when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".installed"


def ensure_environment(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before any version is checked
        sys.exit("Vertrouwenspunt needs Python 3.11 or newer.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installing dependencies ...", flush=True)
    subprocess.run(
        [
            str(PYTHON),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-e",
            f".{extras}",
        ],
        cwd=ROOT,
        check=True,
    )
    STAMP.write_text(wanted)


def serve() -> int:
    # The test extras are installed too, so switching between serve and test never reinstalls.
    ensure_environment("[dev]")
    return subprocess.call([str(PYTHON), "-m", "app.server"], cwd=ROOT)


def test(args: list[str]) -> int:
    ensure_environment("[dev]")
    code = subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT)
    if code == 5:
        # pytest's "no tests collected" must never pass as success.
        print("dev.py: pytest collected no tests; treating that as a failure.", file=sys.stderr)
        return 1
    return code


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"serve", "test"}:
        print(__doc__)
        return 2
    return serve() if argv[0] == "serve" else test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
