"""The HPKE recipe written out in docs/crypto.md, built from bare primitives.

The browser has to implement single-shot HPKE itself from WebCrypto
(X25519, HMAC-SHA256, AES-GCM). This file follows the documented steps
literally, checks every intermediate value against the RFC 9180 vector and
checks that it interoperates with `seal` / `open_sealed` both ways.
"""

from __future__ import annotations

import hmac
import importlib.resources
import json
from hashlib import sha256
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import (
    X25519PrivateKey,
    X25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

import crypto

KEM_ID, KDF_ID, AEAD_ID = 0x0020, 0x0001, 0x0002
KEM_SUITE_ID = b"KEM" + KEM_ID.to_bytes(2, "big")
HPKE_SUITE_ID = b"HPKE" + b"".join(i.to_bytes(2, "big") for i in (KEM_ID, KDF_ID, AEAD_ID))
PKCS8_X25519_PREFIX = bytes.fromhex("302e020100300506032b656e04220420")


def labeled_extract(suite_id: bytes, salt: bytes, label: bytes, ikm: bytes) -> bytes:
    key = salt or bytes(32)
    return hmac.new(key, b"HPKE-v1" + suite_id + label + ikm, sha256).digest()


def labeled_expand(suite_id: bytes, prk: bytes, label: bytes, info: bytes, length: int) -> bytes:
    # Every expansion here is at most 32 bytes: one HMAC block, T(1).
    assert length <= 32
    labeled_info = length.to_bytes(2, "big") + b"HPKE-v1" + suite_id + label + info
    return hmac.new(prk, labeled_info + b"\x01", sha256).digest()[:length]


def raw(key: X25519PublicKey) -> bytes:
    return key.public_bytes_raw()


def key_schedule(shared_secret: bytes, info: bytes) -> tuple[bytes, bytes, bytes]:
    psk_id_hash = labeled_extract(HPKE_SUITE_ID, b"", b"psk_id_hash", b"")
    info_hash = labeled_extract(HPKE_SUITE_ID, b"", b"info_hash", info)
    context = b"\x00" + psk_id_hash + info_hash
    secret = labeled_extract(HPKE_SUITE_ID, shared_secret, b"secret", b"")
    key = labeled_expand(HPKE_SUITE_ID, secret, b"key", context, 32)
    base_nonce = labeled_expand(HPKE_SUITE_ID, secret, b"base_nonce", context, 12)
    return context, key, base_nonce


def shared_secret_of(dh: bytes, enc: bytes, pk_r: bytes) -> bytes:
    eae_prk = labeled_extract(KEM_SUITE_ID, b"", b"eae_prk", dh)
    return labeled_expand(KEM_SUITE_ID, eae_prk, b"shared_secret", enc + pk_r, 32)


def seal_base(
    pk_r: X25519PublicKey, info: bytes, aad: bytes, pt: bytes, sk_e: X25519PrivateKey
) -> bytes:
    enc = raw(sk_e.public_key())
    shared_secret = shared_secret_of(sk_e.exchange(pk_r), enc, raw(pk_r))
    _, key, base_nonce = key_schedule(shared_secret, info)
    return enc + AESGCM(key).encrypt(base_nonce, pt, aad or None)


def open_base(sk_r: X25519PrivateKey, info: bytes, ciphertext: bytes) -> bytes:
    enc, ct = ciphertext[:32], ciphertext[32:]
    dh = sk_r.exchange(X25519PublicKey.from_public_bytes(enc))
    shared_secret = shared_secret_of(dh, enc, raw(sk_r.public_key()))
    _, key, base_nonce = key_schedule(shared_secret, info)
    return AESGCM(key).decrypt(base_nonce, ct, None)


def _vector() -> dict[str, Any]:
    path = importlib.resources.files("cryptography_vectors") / "HPKE/test-vectors.json"
    return next(
        v
        for v in json.loads(path.read_text(encoding="utf-8"))
        if (v["mode"], v["kem_id"], v["kdf_id"], v["aead_id"]) == (0, 0x20, 1, 2)
    )


def test_recipe_reproduces_every_intermediate_of_the_rfc_vector() -> None:
    v = _vector()
    h = bytes.fromhex
    sk_r = crypto.derive_key_pair(h(v["ikmR"]))
    sk_e = crypto.derive_key_pair(h(v["ikmE"]))
    enc = raw(sk_e.public_key())
    shared_secret = shared_secret_of(sk_e.exchange(sk_r.public_key()), enc, raw(sk_r.public_key()))
    assert shared_secret == h(v["shared_secret"])
    context, key, base_nonce = key_schedule(shared_secret, h(v["info"]))
    assert context == h(v["key_schedule_context"])
    assert key == h(v["key"])
    assert base_nonce == h(v["base_nonce"])
    first = v["encryptions"][0]
    ciphertext = seal_base(sk_r.public_key(), h(v["info"]), h(first["aad"]), h(first["pt"]), sk_e)
    assert ciphertext == h(v["enc"]) + h(first["ct"])


def test_recipe_output_opens_with_open_sealed() -> None:
    key = crypto.generate_private_key()
    info = crypto.bind_info(crypto.Purpose.REPORT, "r-1")
    ciphertext = seal_base(
        key.public_key(), info, b"", crypto.pad(b"hello"), X25519PrivateKey.generate()
    )
    assert crypto.open_sealed(key, ciphertext, info=info) == b"hello"


def test_seal_output_opens_with_the_recipe() -> None:
    key = crypto.generate_private_key()
    info = crypto.bind_info(crypto.Purpose.REPLY, "case-1", "k")
    ciphertext = crypto.seal(key.public_key(), b"reply", info=info)
    assert crypto.unpad(open_base(key, info, ciphertext)) == b"reply"


def test_pkcs8_prefix_for_importing_raw_private_keys() -> None:
    # WebCrypto cannot import a raw X25519 private key; wrap it in PKCS#8.
    key = crypto.generate_private_key()
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    assert der == PKCS8_X25519_PREFIX + crypto.private_key_bytes(key)
