"""The vendored SHA-256 of the proof of work: complete, licensed, and fit for the pages' CSP."""

from __future__ import annotations

import re
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "app" / "web" / "static"
VENDOR = STATIC / "vendor" / "noble-hashes"
SOLVER = [STATIC / "js" / "crypto" / name for name in ("pow.js", "pow-search.js", "pow-worker.js")]
FORBIDDEN = re.compile(
    r"\beval\s*\(|new\s+Function\s*\(|WebAssembly|set(?:Timeout|Interval)\s*\(\s*['\"`]"
)
# Static imports at the start of a line, dynamic ones outside comments (doc examples name the
# package as users install it).
IMPORTS = re.compile(
    r"""^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]|^[^*/]*\bimport\(\s*['"]([^'"]+)['"]""",
    re.M,
)


def test_the_solver_and_the_library_run_without_eval_or_wasm() -> None:
    files = [*SOLVER, *VENDOR.glob("*.js")]
    assert len(files) == 7
    for file in files:
        assert not FORBIDDEN.search(file.read_text(encoding="utf-8")), file
    assert (VENDOR / "LICENSE").is_file() and (VENDOR / "VENDORED.md").is_file()


def test_every_import_is_relative_and_present() -> None:
    # Nothing from another origin or a bare package name (R2): each import is a file served here.
    for file in [*SOLVER, *VENDOR.glob("*.js")]:
        for match in IMPORTS.finditer(file.read_text(encoding="utf-8")):
            spec = match.group(1) or match.group(2)
            assert spec.startswith("."), f"{file} imports {spec}"
            assert (file.parent / spec).resolve().is_file(), f"{file}: {spec} is missing"
