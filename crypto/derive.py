"""Deterministic key derivation: RFC 9180 DeriveKeyPair and plain HKDF.

Both are built from pyca/cryptography primitives (HMAC, HKDFExpand, HKDF);
nothing here hashes by hand.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.hmac import HMAC
from cryptography.hazmat.primitives.kdf.hkdf import HKDF, HKDFExpand

from .keys import PrivateKey, load_private_key

# RFC 9180 §4.1: suite_id = "KEM" || I2OSP(kem_id, 2) for the KEM's own
# labelled derivations; 0x0020 is DHKEM(X25519, HKDF-SHA256).
_KEM_SUITE_ID = b"KEM" + (0x0020).to_bytes(2, "big")
_HPKE_VERSION_LABEL = b"HPKE-v1"
_HASH_LENGTH = 32  # Nh for HKDF-SHA256.
_SECRET_KEY_LENGTH = 32  # Nsk for X25519.


def _labeled_extract(label: bytes, ikm: bytes) -> bytes:
    # RFC 9180 §4: LabeledExtract(salt, label, ikm). DeriveKeyPair only ever
    # passes an empty salt, which HKDF-Extract replaces by Nh zero bytes
    # (RFC 5869 §2.2). HMAC would pad an empty key with zeros anyway; we spell
    # it out so that the browser port does not depend on that detail.
    mac = HMAC(bytes(_HASH_LENGTH), hashes.SHA256())
    mac.update(_HPKE_VERSION_LABEL + _KEM_SUITE_ID + label + ikm)
    return mac.finalize()


def _labeled_expand(prk: bytes, label: bytes, info: bytes, length: int) -> bytes:
    # RFC 9180 §4: LabeledExpand(prk, label, info, L).
    labeled_info = length.to_bytes(2, "big") + _HPKE_VERSION_LABEL + _KEM_SUITE_ID + label + info
    return HKDFExpand(hashes.SHA256(), length, labeled_info).derive(prk)


def derive_key_pair(ikm: bytes) -> PrivateKey:
    """Derive an X25519 key pair from input keying material (RFC 9180 §7.1.3).

    Identical to DeriveKeyPair of DHKEM(X25519, HKDF-SHA256), so a browser
    HPKE implementation derives the same key from the same `ikm`. `ikm` must
    hold at least 32 bytes (Nsk) of secret entropy; shorter input raises
    `ValueError`.
    """
    if len(ikm) < _SECRET_KEY_LENGTH:
        raise ValueError("ikm must be at least 32 bytes")
    dkp_prk = _labeled_extract(b"dkp_prk", ikm)
    sk = _labeled_expand(dkp_prk, b"sk", b"", _SECRET_KEY_LENGTH)
    # For X25519 every 32-byte string is a valid scalar (clamping happens in
    # the DH function), so RFC 9180 needs no rejection loop here.
    return load_private_key(sk)


def hkdf(ikm: bytes, *, salt: bytes, info: bytes, length: int = 32) -> bytes:
    """HKDF-SHA256 (RFC 5869) of `ikm`; each purpose must use its own `info` label."""
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)
