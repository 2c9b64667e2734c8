"""Receipts: format, typo detection, parsing leniency, entropy and derivations.

New receipts are 30 digits (29 random and a Damm check digit); python-stdnum's Damm
implementation is the independent oracle. Legacy receipts (21 Crockford base32 symbols with a
Luhn mod 32 check symbol) must keep parsing to the same canonical form.
"""

from __future__ import annotations

import re
import secrets

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from stdnum import damm

import crypto

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DIGITS = "0123456789"
FORMAT = re.compile(r"[0-9]{5}( [0-9]{5}){5}")


def with_damm(data: str) -> str:
    return data + damm.calc_check_digit(data)


def test_damm_check_digits_match_the_reference() -> None:
    # The worked example of the Damm algorithm: 572 gets check digit 4.
    assert crypto.parse_receipt(with_damm("572" + "0" * 26)) == with_damm("572" + "0" * 26)
    for _ in range(200):
        canonical = crypto.parse_receipt(crypto.generate_receipt())
        assert damm.is_valid(canonical)
        assert canonical == with_damm(canonical[:29])


def test_generated_receipts_are_six_groups_of_five_digits() -> None:
    for _ in range(50):
        receipt = crypto.generate_receipt()
        assert FORMAT.fullmatch(receipt), receipt
        assert crypto.parse_receipt(receipt) == receipt.replace(" ", "")


def test_every_single_wrong_digit_is_a_typo() -> None:
    for _ in range(5):
        canonical = crypto.parse_receipt(crypto.generate_receipt())
        for position, original in enumerate(canonical):
            for digit in DIGITS.replace(original, ""):
                typo = canonical[:position] + digit + canonical[position + 1 :]
                with pytest.raises(crypto.ReceiptTypoError):
                    crypto.parse_receipt(typo)


@pytest.mark.parametrize("position", [0, 13, 27, 28])
def test_every_adjacent_swap_is_a_typo(position: int) -> None:
    # Position 28 swaps the last data digit with the check digit.
    for a in DIGITS:
        for b in DIGITS:
            if position < 28:
                canonical = with_damm("3" * position + a + b + "3" * (27 - position))
            else:
                canonical = with_damm("3" * 28 + a)
            first, second = canonical[position], canonical[position + 1]
            if first == second:
                continue
            swapped = canonical[:position] + second + first + canonical[position + 2 :]
            with pytest.raises(crypto.ReceiptTypoError):
                crypto.parse_receipt(swapped)


def test_parsing_accepts_spaces_dashes_and_dots() -> None:
    canonical = crypto.parse_receipt(crypto.generate_receipt())
    groups = [canonical[i : i + 5] for i in range(0, 30, 5)]
    for typed in (
        canonical,
        " ".join(groups),
        "-".join(groups),
        ".".join(groups),
        "  " + "-".join(canonical[i : i + 4] for i in range(0, 30, 4)) + "\n",
    ):
        assert crypto.parse_receipt(typed) == canonical


@pytest.mark.parametrize(
    "text",
    [
        "0" * 29,
        "0" * 31,
        "0" * 29 + "O",  # letters are not digits in the new form
        "0" * 29 + "a",
        "0" * 15 + "/" + "0" * 15,
        "0" * 15 + "_" + "0" * 15,
        "٠" * 30,  # Arabic-Indic digits
        "０" * 30,  # full-width digits
        "0" * 15 + "\u00a0" + "0" * 15,
    ],
)
def test_anything_but_thirty_ascii_digits_and_separators_is_not_a_receipt(text: str) -> None:
    with pytest.raises(crypto.ReceiptFormatError):
        crypto.parse_receipt(text)


def test_receipt_from_seed_is_valid_deterministic_and_seed_bound() -> None:
    first = crypto.receipt_from_seed(bytes(32))
    assert FORMAT.fullmatch(first)
    assert damm.is_valid(crypto.parse_receipt(first))
    assert crypto.receipt_from_seed(bytes(32)) == first
    assert crypto.receipt_from_seed(bytes(31) + b"\x01") != first
    with pytest.raises(ValueError, match="32 bytes"):
        crypto.receipt_from_seed(bytes(31))


def test_new_receipts_derive_from_their_thirty_digits() -> None:
    canonical = crypto.parse_receipt(crypto.generate_receipt())
    assert crypto.mailbox_credential(canonical) == _reference(canonical, b"mailbox-credential")
    spaced = crypto.format_receipt(canonical)
    assert crypto.mailbox_credential(spaced.replace(" ", "-")) == crypto.mailbox_credential(
        canonical
    )


# Legacy receipts: 21 Crockford base32 symbols, still accepted unchanged.
LEGACY_FORMAT = re.compile(rf"[{ALPHABET}]{{3}}(-[{ALPHABET}]{{3}}){{6}}")


def luhn_mod_n_check(data: str) -> str:
    # Independent reference: the "generate check character" pseudo-code of
    # the Luhn mod N algorithm, with N = 32 and Crockford code points.
    factor, total = 2, 0
    for char in reversed(data):
        addend = factor * ALPHABET.index(char)
        factor = 1 if factor == 2 else 2
        total += addend // 32 + addend % 32
    return ALPHABET[(32 - total % 32) % 32]


def complete(data: str) -> str:
    return data + luhn_mod_n_check(data)


def legacy_receipt() -> str:
    return complete("".join(secrets.choice(ALPHABET) for _ in range(20)))


def test_known_check_symbols() -> None:
    # Worked by hand: 0...0Z doubles Z (31) to 62 -> 1 + 30 = 31, check 32 - 31 = 1.
    assert crypto.parse_receipt(complete("0" * 20)) == "0" * 21
    assert complete("0" * 19 + "Z") == "0" * 19 + "Z1"
    assert crypto.parse_receipt("0" * 19 + "Z1") == "0" * 19 + "Z1"


def test_format_receipt_groups_a_canonical_receipt() -> None:
    canonical = complete("7K2M9QXP4HTR8WZB1CDE")
    formatted = crypto.format_receipt(canonical)
    assert formatted == "-".join(canonical[i : i + 3] for i in range(0, 21, 3))
    assert crypto.format_receipt(formatted.lower()) == formatted


def test_format_receipt_validates_its_input() -> None:
    with pytest.raises(crypto.ReceiptFormatError):
        crypto.format_receipt("7K2M9Q")


def test_every_single_legacy_substitution_is_a_typo() -> None:
    for _ in range(5):
        canonical = legacy_receipt()
        for position, original in enumerate(canonical):
            for symbol in ALPHABET.replace(original, ""):
                typo = canonical[:position] + symbol + canonical[position + 1 :]
                with pytest.raises(crypto.ReceiptTypoError):
                    crypto.parse_receipt(typo)


def _receipts_with_every_pair_at(position: int) -> list[str]:
    receipts = []
    for a in ALPHABET:
        for other in ALPHABET:
            if position < 19:
                data = "M" * position + a + other + "M" * (18 - position)
            else:
                # The pair is (last data symbol, check symbol); varying the
                # first symbol walks the check symbol through all 32 values.
                data = other + "M" * 18 + a
            receipts.append(complete(data))
    return receipts


@pytest.mark.parametrize("position", [0, 9, 18, 19])
def test_adjacent_transpositions_are_caught_except_zero_and_z(position: int) -> None:
    # Luhn mod 32 misses exactly one adjacent swap: "0Z" <-> "Z0".
    receipts = _receipts_with_every_pair_at(position)
    pairs = {r[position : position + 2] for r in receipts}
    assert len(pairs) == 32 * 32
    missed = set()
    for receipt in receipts:
        a, b = receipt[position], receipt[position + 1]
        if a == b:
            continue
        swapped = receipt[:position] + b + a + receipt[position + 2 :]
        try:
            crypto.parse_receipt(swapped)
        except crypto.ReceiptTypoError:
            continue
        missed.add(a + b)
    assert missed == {"0Z", "Z0"}


def test_parsing_is_lenient_about_case_separators_and_look_alikes() -> None:
    canonical = complete("01011" + "7K2M9QXP4HTR8WZ")
    assert canonical.startswith("01011")
    typed = "o1 oil.7k2-m9q xp4HTR8WZ" + canonical[20].lower()
    assert crypto.parse_receipt(typed) == canonical
    assert crypto.parse_receipt("  " + crypto.format_receipt(canonical) + "\n") == canonical


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0" * 20,
        "0" * 22,
        "000-000-000-000-000-000-00",
        "U" + "0" * 20,  # U is not in Crockford's alphabet
        "0" * 20 + "!",
        "0" * 20 + "ı",  # dotless i upper-cases to I outside ASCII
        "０" * 21,  # full-width digits
        "-" * 200,  # absurdly long input is refused before parsing
    ],
)
def test_malformed_receipts_are_format_errors(text: str) -> None:
    with pytest.raises(crypto.ReceiptFormatError):
        crypto.parse_receipt(text)


def test_receipt_errors_share_a_base() -> None:
    assert issubclass(crypto.ReceiptFormatError, crypto.ReceiptError)
    assert issubclass(crypto.ReceiptTypoError, crypto.ReceiptError)
    assert issubclass(crypto.ReceiptError, crypto.CryptoError)
    assert not issubclass(crypto.ReceiptTypoError, crypto.ReceiptFormatError)


def test_receipts_carry_96_random_bits() -> None:
    assert crypto.RECEIPT_BITS == 96 <= 29 * 3.3219
    receipts = [crypto.parse_receipt(crypto.generate_receipt()) for _ in range(1000)]
    assert len(set(receipts)) == 1000
    # Every digit turns up in every data position: no position is stuck.
    for position in range(29):
        assert {r[position] for r in receipts} == set(DIGITS)


def _reference(canonical: str, info: bytes) -> bytes:
    kdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"vertrouwenspunt/v1/receipt",
        info=info,
    )
    return kdf.derive(canonical.encode("ascii"))


def test_derivations_follow_the_documented_recipe() -> None:
    canonical = complete("7K2M9QXP4HTR8WZB1CDE")
    assert crypto.mailbox_credential(canonical) == _reference(canonical, b"mailbox-credential")
    expected_key = crypto.derive_key_pair(_reference(canonical, b"reply-key-ikm"))
    actual_key = crypto.reply_private_key(canonical)
    assert crypto.private_key_bytes(actual_key) == crypto.private_key_bytes(expected_key)


def test_derivations_are_deterministic_and_accept_any_typed_form() -> None:
    receipt = crypto.generate_receipt()
    forms = [
        receipt,
        receipt.lower(),
        receipt.replace("-", " "),
        receipt.replace("-", ""),
    ]
    credentials = {crypto.mailbox_credential(form) for form in forms}
    keys = {crypto.private_key_bytes(crypto.reply_private_key(form)) for form in forms}
    assert len(credentials) == 1
    assert len(keys) == 1
    assert len(credentials.pop()) == 32


def test_derivations_differ_between_receipts_and_purposes() -> None:
    first, second = crypto.generate_receipt(), crypto.generate_receipt()
    credential = crypto.mailbox_credential(first)
    reply_key = crypto.private_key_bytes(crypto.reply_private_key(first))
    assert credential != crypto.mailbox_credential(second)
    assert reply_key != crypto.private_key_bytes(crypto.reply_private_key(second))
    assert credential != reply_key


def test_derivations_refuse_a_mistyped_receipt() -> None:
    canonical = complete("7K2M9QXP4HTR8WZB1CDE")
    typo = ("8" if canonical[0] != "8" else "9") + canonical[1:]
    with pytest.raises(crypto.ReceiptTypoError):
        crypto.mailbox_credential(typo)
    with pytest.raises(crypto.ReceiptTypoError):
        crypto.reply_private_key(typo)


def test_reply_key_opens_what_is_sealed_to_it() -> None:
    receipt = crypto.generate_receipt()
    public = crypto.reply_private_key(receipt).public_key()
    info = crypto.bind_info(crypto.Purpose.REPLY, "case-1", crypto.key_id(public))
    ciphertext = crypto.seal(public, b"we read your report", info=info)
    reopened = crypto.reply_private_key(receipt.lower())
    assert crypto.open_sealed(reopened, ciphertext, info=info) == b"we read your report"
