"""Vertrouwenspunt cryptography: a leaf package with a small, frozen surface.

Imports only the standard library, `cryptography` and `argon2`; keys and
parameters are always arguments. See docs/crypto.md for the wire formats.
"""

from __future__ import annotations

from .aead import aead_open, aead_seal
from .derive import derive_key_pair, hkdf
from .envelope import Purpose, bind_info, open_sealed, seal
from .errors import (
    CryptoError,
    DecryptionError,
    KeyFormatError,
    ReceiptError,
    ReceiptFormatError,
    ReceiptTypoError,
    VerificationError,
)
from .keyed_hash import keyed_hash, keyed_hash_equal
from .keys import (
    PrivateKey,
    PublicKey,
    fingerprint,
    generate_private_key,
    key_id,
    load_private_key,
    load_public_key,
    private_key_bytes,
    public_key_bytes,
    safety_number,
)
from .padding import (
    ENVELOPE_OVERHEAD,
    MAX_PLAINTEXT,
    is_padded_length,
    is_valid_envelope_length,
    pad,
    padded_size,
    unpad,
)
from .passphrase import (
    MIN_PBKDF2_ITERATIONS,
    StaffSecrets,
    derive_staff_secrets,
    unwrap_private_key,
    wrap_private_key,
)
from .passwords import Argon2Params, SecretHasher
from .proof_of_work import check_proof_of_work, solve_proof_of_work
from .receipts import (
    RECEIPT_BITS,
    format_receipt,
    generate_receipt,
    mailbox_credential,
    parse_receipt,
    receipt_from_seed,
    reply_private_key,
)

__all__ = [
    "ENVELOPE_OVERHEAD",
    "MAX_PLAINTEXT",
    "MIN_PBKDF2_ITERATIONS",
    "RECEIPT_BITS",
    "Argon2Params",
    "CryptoError",
    "DecryptionError",
    "KeyFormatError",
    "PrivateKey",
    "PublicKey",
    "Purpose",
    "ReceiptError",
    "ReceiptFormatError",
    "ReceiptTypoError",
    "SecretHasher",
    "StaffSecrets",
    "VerificationError",
    "aead_open",
    "aead_seal",
    "bind_info",
    "check_proof_of_work",
    "derive_key_pair",
    "derive_staff_secrets",
    "fingerprint",
    "format_receipt",
    "generate_private_key",
    "generate_receipt",
    "hkdf",
    "is_padded_length",
    "is_valid_envelope_length",
    "key_id",
    "keyed_hash",
    "keyed_hash_equal",
    "load_private_key",
    "load_public_key",
    "mailbox_credential",
    "open_sealed",
    "pad",
    "padded_size",
    "parse_receipt",
    "private_key_bytes",
    "public_key_bytes",
    "receipt_from_seed",
    "reply_private_key",
    "safety_number",
    "seal",
    "solve_proof_of_work",
    "unpad",
    "unwrap_private_key",
    "wrap_private_key",
]
