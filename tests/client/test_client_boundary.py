"""The Python client needs ``crypto`` and httpx only: partners install it without the server."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import client

ALLOWED = {"httpx", "crypto", "client"}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_the_client_imports_only_the_standard_library_httpx_and_crypto() -> None:
    files = sorted(Path(client.__file__).parent.glob("*.py"))
    assert {p.name for p in files} >= {"partner.py", "partner_cli.py", "keyfile.py"}
    foreign = {
        path.name: sorted(m for m in _imports(path) if m not in ALLOWED | sys.stdlib_module_names)
        for path in files
    }
    assert {name: found for name, found in foreign.items() if found} == {}
