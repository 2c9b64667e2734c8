"""The reporter's receipt: the only secret a reporter keeps.

100 bits from the CSPRNG as 20 Crockford base32 symbols plus one Luhn mod 32
check symbol, shown as 7 groups of 3 ("7K2-M9Q-XP4-HTR-8WZ-B1C-DE5"). Digits
and Latin capitals read aloud in any language; Crockford's alphabet drops
I, L, O and U so that look-alikes can be mapped back and no words are spelled.

From the receipt the client derives a mailbox credential (the server keeps
only a keyed hash of it, which suffices because 100 bits >= 96 bits) and the
reply key pair. The check symbol only catches typos; it adds no secrecy.
"""

from __future__ import annotations

import secrets

from .derive import derive_key_pair, hkdf
from .errors import ReceiptFormatError, ReceiptTypoError
from .keys import PrivateKey

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {symbol: index for index, symbol in enumerate(_ALPHABET)}
_BASE = len(_ALPHABET)
_DATA_SYMBOLS = 20
_SYMBOLS = _DATA_SYMBOLS + 1
_GROUP = 3
# Crockford: O reads as zero, I and L as one. U stays invalid.
_LOOK_ALIKES = {"O": "0", "I": "1", "L": "1"}
_SEPARATORS = frozenset(" -.\t\r\n")
# Refuse absurd input before doing any per-character work on it.
_MAX_INPUT_LENGTH = 100

RECEIPT_BITS = 100  # 20 symbols x 5 bits.

_SALT = b"vertrouwenspunt/v1/receipt"


def _luhn_sum(values: list[int], *, double_last: bool) -> int:
    # Luhn mod N: walking from the right, every second symbol is doubled and
    # its base-N digits summed. Doubling x -> (2x div N) + (2x mod N) is a
    # permutation of 0..N-1 for even N, so every single substitution changes
    # the sum mod N. The only adjacent transposition it misses is "0Z" <-> "Z0"
    # (values 0 and 31, like 09 <-> 90 in decimal Luhn); it also misses
    # transpositions over a gap (abc -> cba) and some twin errors (aa -> bb).
    total = 0
    double = double_last
    for value in reversed(values):
        if double:
            value = 2 * value
            value = value // _BASE + value % _BASE
        total += value
        double = not double
    return total % _BASE


def _check_symbol(data: str) -> str:
    total = _luhn_sum([_VALUE[s] for s in data], double_last=True)
    return _ALPHABET[(_BASE - total) % _BASE]


def generate_receipt() -> str:
    """Return a new formatted receipt with 100 bits from the `secrets` CSPRNG."""
    data = "".join(secrets.choice(_ALPHABET) for _ in range(_DATA_SYMBOLS))
    return format_receipt(data + _check_symbol(data))


def _normalise(text: str) -> str:
    if len(text) > _MAX_INPUT_LENGTH:
        raise ReceiptFormatError("receipt too long")
    symbols: list[str] = []
    for char in text:
        if char in _SEPARATORS:
            continue
        # ASCII-only upper-casing: str.upper() would turn e.g. the Turkish
        # dotless "ı" into "I" and let non-ASCII look-alikes through.
        if not char.isascii():
            raise ReceiptFormatError("receipt has a character outside the alphabet")
        char = _LOOK_ALIKES.get(char.upper(), char.upper())
        if char not in _VALUE:
            raise ReceiptFormatError("receipt has a character outside the alphabet")
        symbols.append(char)
    if len(symbols) != _SYMBOLS:
        raise ReceiptFormatError("receipt has the wrong number of symbols")
    return "".join(symbols)


def parse_receipt(text: str) -> str:
    """Return the canonical 21-symbol uppercase form of a receipt typed by a person.

    Case-insensitive; spaces, hyphens and dots are ignored; O reads as 0,
    I and L as 1. Raises `ReceiptFormatError` for a wrong length or a character
    outside the alphabet, and `ReceiptTypoError` when the check symbol does not
    match (the reporter should look for a typo).
    """
    canonical = _normalise(text)
    if _luhn_sum([_VALUE[s] for s in canonical], double_last=False) != 0:
        raise ReceiptTypoError("receipt check symbol does not match")
    return canonical


def format_receipt(canonical: str) -> str:
    """Return the receipt as 7 groups of 3 symbols joined by "-", for reading aloud."""
    canonical = parse_receipt(canonical)
    groups = (canonical[i : i + _GROUP] for i in range(0, _SYMBOLS, _GROUP))
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
