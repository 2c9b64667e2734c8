"""A partner's private key on disk, wrapped under a passphrase the way staff keys are.

PBKDF2-SHA256 (≥ 600 000 iterations) then HKDF gives the wrapping key (crypto.derive_staff_secrets),
so a browser with WebCrypto can open the same file later. The file holds no plaintext secret.
Settings below the floor of client.kdf are refused on writing and, before anything is derived, on
reading: a file swapped for one with one iteration would otherwise make the passphrase cheap to
guess from anything derived with it.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from client import kdf
from crypto import (
    MIN_PBKDF2_ITERATIONS,
    PrivateKey,
    generate_private_key,
    key_id,
    public_key_bytes,
    unwrap_private_key,
    wrap_private_key,
)

FORMAT = "vertrouwenspunt-partner-key/v1"


@dataclass(frozen=True)
class KeyFile:
    path: Path
    key_id: str
    public_key: bytes


def create(path: Path, passphrase: str, *, iterations: int = MIN_PBKDF2_ITERATIONS) -> KeyFile:
    """Make a new key pair and write it, wrapped; refuses to overwrite an existing file."""
    key = generate_private_key()
    salt = os.urandom(kdf.MIN_SALT_BYTES)
    wrap_key = kdf.derive(passphrase, salt=salt, iterations=iterations).wrap_key
    public = public_key_bytes(key.public_key())
    document = {
        "format": FORMAT,
        "key_id": key_id(key.public_key()),
        "public_key": base64.b64encode(public).decode(),
        "kdf": {"name": "pbkdf2-sha256", "iterations": iterations, "salt": salt.hex()},
        "wrapped_private_key": base64.b64encode(wrap_private_key(key, wrap_key=wrap_key)).decode(),
    }
    # O_EXCL: never replace a key that may still be needed to open older signals.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(document, handle, indent=1)
    return KeyFile(path=path, key_id=str(document["key_id"]), public_key=public)


def describe(path: Path) -> KeyFile:
    document = _read(path)
    return KeyFile(
        path=path,
        key_id=document["key_id"],
        public_key=base64.b64decode(document["public_key"]),
    )


def unlock(path: Path, passphrase: str) -> PrivateKey:
    """The private key in the file at ``path``.

    ``crypto.DecryptionError`` for a wrong passphrase or a damaged file;
    ``client.kdf.WeakKdfParametersError`` for settings below the floor, before deriving.
    """
    document = _read(path)
    settings = document["kdf"]
    wrap_key = kdf.derive(
        passphrase, salt=bytes.fromhex(settings["salt"]), iterations=settings["iterations"]
    ).wrap_key
    return unwrap_private_key(base64.b64decode(document["wrapped_private_key"]), wrap_key=wrap_key)


def _read(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text())
    if document.get("format") != FORMAT:
        raise ValueError(f"{path} is not a Vertrouwenspunt partner key file")
    return document
