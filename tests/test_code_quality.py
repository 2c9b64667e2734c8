"""Lint and types are part of the suite, so CI enforces them through the README's test command."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing() -> None:
    result = run_tool("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    result = run_tool("ruff", "format", "--check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_crypto_passes_mypy_strict() -> None:
    result = run_tool("mypy", "--strict", "--no-incremental", "crypto")
    assert result.returncode == 0, result.stdout + result.stderr
