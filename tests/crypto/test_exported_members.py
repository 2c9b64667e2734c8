"""The public surface of `crypto` is frozen: changing it must be a conscious act."""

from __future__ import annotations

import crypto

EXPECTED = {
    # errors
    "CryptoError",
    "DecryptionError",
    "KeyFormatError",
    "ReceiptError",
    "ReceiptFormatError",
    "ReceiptTypoError",
    "VerificationError",
    # keys
    "PrivateKey",
    "PublicKey",
    "generate_private_key",
    "public_key_bytes",
    "private_key_bytes",
    "load_public_key",
    "load_private_key",
    "key_id",
    "fingerprint",
    "safety_number",
    # derive
    "derive_key_pair",
    "hkdf",
    # padding
    "padded_size",
    "MAX_PLAINTEXT",
    "pad",
    "unpad",
    "is_padded_length",
    "ENVELOPE_OVERHEAD",
    "is_valid_envelope_length",
    # envelope
    "Purpose",
    "bind_info",
    "seal",
    "open_sealed",
    # receipts
    "generate_receipt",
    "parse_receipt",
    "format_receipt",
    "receipt_from_seed",
    "RECEIPT_BITS",
    "mailbox_credential",
    "reply_private_key",
    # passphrase
    "MIN_PBKDF2_ITERATIONS",
    "StaffSecrets",
    "derive_staff_secrets",
    "wrap_private_key",
    "unwrap_private_key",
    # aead
    "aead_seal",
    "aead_open",
    # keyed_hash
    "keyed_hash",
    "keyed_hash_equal",
    # passwords
    "Argon2Params",
    "SecretHasher",
    # proof_of_work
    "check_proof_of_work",
    "solve_proof_of_work",
}


def test_all_is_exactly_the_expected_set() -> None:
    assert set(crypto.__all__) == EXPECTED
    assert len(crypto.__all__) == len(EXPECTED), "duplicate names in __all__"


def test_every_exported_name_resolves() -> None:
    for name in crypto.__all__:
        assert getattr(crypto, name) is not None, name


def test_unpadded_sealing_is_not_exported() -> None:
    assert not hasattr(crypto, "seal_raw")
    assert not hasattr(crypto, "open_raw")
