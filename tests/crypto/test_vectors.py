"""RFC 9180 test vectors for our one suite.

DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM: mode 0, ids 0x20/1/2.

The vectors carry AAD, which the public `Suite` API does not take, so we use
the private `_decrypt_with_aad`. That is why `cryptography` and
`cryptography-vectors` are pinned to the same version (STYLE 6).
"""

from __future__ import annotations

import importlib.resources
import json
from typing import Any

import cryptography
import cryptography_vectors
import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.bindings._rust import openssl as rust_openssl
from cryptography.hazmat.primitives import hpke

import crypto

SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
_decrypt_with_aad = rust_openssl.hpke._decrypt_with_aad
_encrypt_with_aad = rust_openssl.hpke._encrypt_with_aad


def _load_vectors() -> list[dict[str, Any]]:
    path = importlib.resources.files("cryptography_vectors") / "HPKE/test-vectors.json"
    vectors = json.loads(path.read_text(encoding="utf-8"))
    return [
        v
        for v in vectors
        if v["mode"] == 0
        and v["kem_id"] == 0x0020
        and v["kdf_id"] == 0x0001
        and v["aead_id"] == 0x0002
    ]


VECTORS = _load_vectors()


def _h(value: str) -> bytes:
    return bytes.fromhex(value)


def test_vectors_were_found() -> None:
    assert len(VECTORS) > 0


def test_private_helpers_are_pinned_with_the_vectors() -> None:
    # The private AAD helpers may change in any release; the vectors package
    # must match the library it tests.
    assert cryptography.__version__ == cryptography_vectors.__version__


@pytest.mark.parametrize("vector", VECTORS)
def test_derive_key_pair_matches_rfc_9180(vector: dict[str, Any]) -> None:
    sk_r = crypto.derive_key_pair(_h(vector["ikmR"]))
    sk_e = crypto.derive_key_pair(_h(vector["ikmE"]))
    assert crypto.private_key_bytes(sk_r) == _h(vector["skRm"])
    assert crypto.public_key_bytes(sk_r.public_key()) == _h(vector["pkRm"])
    assert crypto.private_key_bytes(sk_e) == _h(vector["skEm"])
    assert crypto.public_key_bytes(sk_e.public_key()) == _h(vector["pkEm"])
    assert vector["enc"] == vector["pkEm"]


@pytest.mark.parametrize("vector", VECTORS)
def test_single_shot_decryption_matches_rfc_9180(vector: dict[str, Any]) -> None:
    sk_r = crypto.derive_key_pair(_h(vector["ikmR"]))
    enc, info = _h(vector["enc"]), _h(vector["info"])
    checked = 0
    for encryption in vector["encryptions"]:
        ciphertext = enc + _h(encryption["ct"])
        aad = _h(encryption["aad"])
        if encryption["nonce"] == vector["base_nonce"]:
            # Sequence number 0: what single-shot HPKE produces.
            plaintext = _decrypt_with_aad(SUITE, ciphertext, sk_r, info=info, aad=aad)
            assert plaintext == _h(encryption["pt"])
            checked += 1
        else:
            # Later sequence numbers use another nonce; single-shot HPKE must
            # not accept them, which also shows the nonce really is used.
            with pytest.raises(InvalidTag):
                _decrypt_with_aad(SUITE, ciphertext, sk_r, info=info, aad=aad)
    assert checked > 0


@pytest.mark.parametrize("vector", VECTORS)
def test_encryption_to_vector_key_round_trips_with_aad(vector: dict[str, Any]) -> None:
    sk_r = crypto.derive_key_pair(_h(vector["ikmR"]))
    info, first = _h(vector["info"]), vector["encryptions"][0]
    aad, pt = _h(first["aad"]), _h(first["pt"])
    ciphertext = _encrypt_with_aad(SUITE, pt, sk_r.public_key(), info=info, aad=aad)
    assert _decrypt_with_aad(SUITE, ciphertext, sk_r, info=info, aad=aad) == pt
    with pytest.raises(InvalidTag):
        _decrypt_with_aad(SUITE, ciphertext, sk_r, info=info, aad=aad + b"x")
