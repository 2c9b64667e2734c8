"""`crypto/` is a leaf: only the standard library, `cryptography` and `argon2`.

It also never reads the environment; keys and parameters are arguments.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import crypto

ALLOWED_THIRD_PARTY = {"cryptography", "argon2"}
FORBIDDEN_OS_NAMES = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}
PACKAGE_DIR = Path(crypto.__file__).parent


def _violations(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules = [node.module or ""]
            if node.module == "os":
                found += [
                    f"from os import {a.name}" for a in node.names if a.name in FORBIDDEN_OS_NAMES
                ]
        for module in modules:
            top = module.split(".")[0]
            allowed = top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY
            if not allowed or top == "crypto":
                # Inside the package only relative imports are used, so an
                # absolute "crypto" import would be something else.
                found.append(f"import {module}")
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
            and node.attr in FORBIDDEN_OS_NAMES
        ):
            found.append(f"os.{node.attr}")
        if isinstance(node, ast.Name) and node.id == "__import__":
            found.append("__import__")
        if isinstance(node, ast.Attribute) and node.attr == "import_module":
            found.append("importlib.import_module")
    return found


def test_crypto_imports_only_stdlib_cryptography_and_argon2() -> None:
    files = sorted(PACKAGE_DIR.glob("*.py"))
    assert len(files) >= 12
    problems = {
        path.name: v for path in files if (v := _violations(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_checker_catches_forbidden_imports() -> None:
    assert _violations("import fastapi") == ["import fastapi"]
    assert _violations("from app.settings import x") == ["import app.settings"]
    assert _violations("import sqlalchemy.orm") == ["import sqlalchemy.orm"]
    assert _violations("import pydantic") == ["import pydantic"]
    assert _violations("import crypto.keys") == ["import crypto.keys"]


def test_checker_catches_environment_access() -> None:
    assert _violations("import os\nos.environ['X']") == ["os.environ"]
    assert _violations("import os\nos.getenv('X')") == ["os.getenv"]
    assert _violations("from os import environ") == ["from os import environ"]
    assert _violations("__import__('app')") == ["__import__"]


def test_checker_allows_the_permitted_imports() -> None:
    source = (
        "import hashlib\nfrom cryptography.hazmat.primitives import hpke\n"
        "from argon2 import PasswordHasher\nfrom .errors import CryptoError\n"
    )
    assert _violations(source) == []
