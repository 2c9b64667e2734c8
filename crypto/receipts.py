"""The reporter's receipt: the only secret a reporter keeps.

A receipt is 29 uniformly random decimal digits (96.3 bits from the CSPRNG) and one Damm check
digit, shown as 6 groups of 5 separated by spaces ("48213 09577 ..."), like the staff's safety
numbers. Digits only: they can be typed on a phone's number pad and read aloud in any language,
also by someone whose keyboard is Cyrillic or Thai. 96 bits is the least for which DESIGN lets the
server keep a keyed hash of the derived credential instead of an Argon2 one.

Receipts handed out before digits were chosen (20 Crockford base32 symbols, 100 bits, and a
Luhn mod 32 check symbol, shown as 7 groups of 3) are still accepted unchanged, so their
mailbox credential and reply key are the same as before.

From the canonical form the client derives a mailbox credential (the server keeps only a keyed
hash of it) and the reply key pair. The check digit only catches typos; it adds no secrecy.
"""

from __future__ import annotations

import secrets

from .derive import derive_key_pair, hkdf
from .errors import ReceiptFormatError, ReceiptTypoError
from .keys import PrivateKey

_DIGITS = "0123456789"
_DATA_DIGITS = 29
_RECEIPT_DIGITS = _DATA_DIGITS + 1
_GROUP = 5
# The Damm algorithm's quasigroup of order 10 (Damm 2004; the table of Wikipedia's "Damm
# algorithm" and python-stdnum). Being weakly totally anti-symmetric, it catches every single
# wrong digit and every swap of two adjacent digits.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

_LEGACY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_LEGACY_VALUE = {symbol: index for index, symbol in enumerate(_LEGACY_ALPHABET)}
_LEGACY_BASE = len(_LEGACY_ALPHABET)
_LEGACY_SYMBOLS = 21
_LEGACY_GROUP = 3
# Crockford: O reads as zero, I and L as one. U stays invalid. Legacy receipts only.
_LOOK_ALIKES = {"O": "0", "I": "1", "L": "1"}

_SEPARATORS = frozenset(" -.\t\r\n")
# Refuse absurd input before doing any per-character work on it.
_MAX_INPUT_LENGTH = 100
# A seed shorter than this could not carry the receipt's bits.
_MIN_SEED_LENGTH = 32

RECEIPT_BITS = 96  # floor(29 x log2(10)) = floor(96.3).

_SALT = b"vertrouwenspunt/v1/receipt"


def _damm(digits: str) -> int:
    interim = 0
    for digit in digits:
        interim = _DAMM[interim][ord(digit) - ord("0")]
    return interim


def _with_check_digit(data: str) -> str:
    return data + str(_damm(data))


def generate_receipt() -> str:
    """Return a new formatted receipt: 29 uniform digits from `secrets` and a check digit."""
    data = "".join(str(secrets.randbelow(10)) for _ in range(_DATA_DIGITS))
    return format_receipt(_with_check_digit(data))


def receipt_from_seed(seed: bytes) -> str:
    """Return the formatted receipt that a secret seed of at least 32 bytes determines.

    For a receipt that the server makes and must be able to make again from the same secret
    (the page without JavaScript shown again on reload). The seed is stretched with HKDF under
    its own label and reduced modulo 10^29; 512 bits modulo a 97-bit number leave a bias below
    2^-415, far from anything measurable.
    """
    if len(seed) < _MIN_SEED_LENGTH:
        raise ValueError("a receipt seed needs at least 32 bytes")
    stretched = hkdf(seed, salt=_SALT, info=b"receipt-from-seed", length=64)
    data = str(int.from_bytes(stretched, "big") % 10**_DATA_DIGITS).zfill(_DATA_DIGITS)
    return format_receipt(_with_check_digit(data))


def _luhn_sum(values: list[int]) -> int:
    # Luhn mod N over a whole legacy receipt, check symbol included: walking from the right,
    # every second symbol is doubled and its base-N digits summed. Valid when the sum is 0 mod N.
    total = 0
    double = False
    for value in reversed(values):
        if double:
            value = 2 * value
            value = value // _LEGACY_BASE + value % _LEGACY_BASE
        total += value
        double = not double
    return total % _LEGACY_BASE


def _parse_legacy(compact: str) -> str:
    symbols: list[str] = []
    for char in compact:
        # ASCII-only upper-casing: str.upper() would turn e.g. the Turkish
        # dotless "ı" into "I" and let non-ASCII look-alikes through.
        if not char.isascii():
            raise ReceiptFormatError("receipt has a character outside the alphabet")
        char = _LOOK_ALIKES.get(char.upper(), char.upper())
        if char not in _LEGACY_VALUE:
            raise ReceiptFormatError("receipt has a character outside the alphabet")
        symbols.append(char)
    if len(symbols) != _LEGACY_SYMBOLS:
        raise ReceiptFormatError("receipt has the wrong number of symbols")
    if _luhn_sum([_LEGACY_VALUE[s] for s in symbols]) != 0:
        raise ReceiptTypoError("receipt check symbol does not match")
    return "".join(symbols)


def parse_receipt(text: str) -> str:
    """Return the canonical form of a receipt typed by a person.

    Spaces, hyphens and dots are ignored. Exactly 30 ASCII digits are a receipt: the canonical
    form is those digits. Anything else is read as a legacy receipt (21 symbols; case-insensitive,
    O reads as 0, I and L as 1), whose canonical form is its 21 uppercase symbols. Raises
    `ReceiptFormatError` for a wrong length or character, and `ReceiptTypoError` when the check
    digit (or symbol) does not match, so that the reporter looks for a typo.
    """
    if len(text) > _MAX_INPUT_LENGTH:
        raise ReceiptFormatError("receipt too long")
    compact = "".join(char for char in text if char not in _SEPARATORS)
    # Membership in "0123456789", not str.isdigit(): that would let other scripts' digits in.
    if len(compact) == _RECEIPT_DIGITS and all(char in _DIGITS for char in compact):
        if _damm(compact) != 0:
            raise ReceiptTypoError("receipt check digit does not match")
        return compact
    return _parse_legacy(compact)


def format_receipt(text: str) -> str:
    """Return the receipt for reading aloud: 6 groups of 5 digits joined by spaces.

    A legacy receipt keeps its own look: 7 groups of 3 symbols joined by "-".
    """
    canonical = parse_receipt(text)
    if len(canonical) == _RECEIPT_DIGITS:
        return " ".join(canonical[i : i + _GROUP] for i in range(0, _RECEIPT_DIGITS, _GROUP))
    groups = (canonical[i : i + _LEGACY_GROUP] for i in range(0, _LEGACY_SYMBOLS, _LEGACY_GROUP))
    return "-".join(groups)


def _derive(receipt: str, info: bytes, length: int) -> bytes:
    ikm = parse_receipt(receipt).encode("ascii")
    return hkdf(ikm, salt=_SALT, info=info, length=length)


def mailbox_credential(receipt: str) -> bytes:
    """Derive the 32-byte bearer credential that opens the reporter's mailbox.

    Accepts a formatted or canonical receipt; the server stores only a keyed
    hash of the result.
    """
    return _derive(receipt, b"mailbox-credential", 32)


def reply_private_key(receipt: str) -> PrivateKey:
    """Derive the reporter's reply key pair: RFC 9180 DeriveKeyPair over HKDF output.

    Replies are sealed to its public key; only someone holding the receipt
    can rebuild the private key.
    """
    return derive_key_pair(_derive(receipt, b"reply-key-ikm", 32))
