"""Fixed input/output pairs, also listed in docs/crypto.md for other implementations."""

from __future__ import annotations

import crypto


def test_receipt_derivations() -> None:
    receipt = "12345 67890 12345 67890 12345 67892"
    assert crypto.parse_receipt(receipt) == "123456789012345678901234567892"
    assert crypto.mailbox_credential(receipt).hex() == (
        "82354fec97aa46e5b1bcfe4e0608e8ce46b07ec940e29fafede43c8312ad2bf3"
    )
    public = crypto.reply_private_key(receipt).public_key()
    assert crypto.public_key_bytes(public).hex() == (
        "e007b91f5de7796196003bb2abd57d1b0a79ac2622bf64f0a47290566d246c33"
    )
    assert crypto.receipt_from_seed(bytes(range(32))) == "15722 06049 18968 29738 16575 56625"


def test_legacy_receipt_derivations() -> None:
    receipt = "7K2-M9Q-XP4-HTR-8WZ-B1C-DEV"
    assert crypto.parse_receipt(receipt) == "7K2M9QXP4HTR8WZB1CDEV"
    assert crypto.mailbox_credential(receipt).hex() == (
        "a1196c84c999a4ecbf3335cb739c72a9a8a13e206e37568b77e41a320b2dc1ca"
    )
    public = crypto.reply_private_key(receipt).public_key()
    assert crypto.public_key_bytes(public).hex() == (
        "841c533d73a97fc5c112de421d3f03831ae24a4593fb90f2838df581c4b95a4e"
    )


def test_check_symbols() -> None:
    assert crypto.parse_receipt("0" * 21) == "0" * 21
    assert crypto.parse_receipt("0" * 19 + "Z1") == "0" * 19 + "Z1"


def test_key_id_and_fingerprint() -> None:
    public = crypto.derive_key_pair(bytes(range(32))).public_key()
    assert crypto.public_key_bytes(public).hex() == (
        "b1f1b840de7a3241b02748cf9b05b74dc8c5e8451298738817bd76aa8ebe8c2b"
    )
    assert crypto.key_id(public) == "3acf95f0b5951694ad80ecf7071a1c11"
    assert crypto.fingerprint(public) == (
        "0152 0B9F D72D C69A 66A8 124B B912 6599 CA40 C3E6 5DA8 19BB D1C6 165A EBBC BD6F"
    )
    assert crypto.safety_number(public) == "01864 11710 51732 16085 48537 44458"


def test_staff_secrets() -> None:
    secrets = crypto.derive_staff_secrets(
        "correct horse battery staple", salt=bytes(range(16)), iterations=1000
    )
    assert secrets.wrap_key.hex() == (
        "a1b690eaeb1ebe4992b9523e4e952e1d3934ea269560dd8678d3f8eaea12a6f5"
    )
    assert secrets.auth_value.hex() == (
        "2b8a060d46a4842da0ac9efe4d333f7d0b2dc5e075a2149955f9957c165d93dd"
    )


def test_keyed_hash() -> None:
    digest = crypto.keyed_hash(bytes(32), b"value", purpose="mailbox-credential")
    assert digest.hex() == ("9a0f25daebef46925f62db0d1c0a938e73fa0837dfc357d8ac89225d22965809")


def test_proof_of_work() -> None:
    solution = crypto.solve_proof_of_work(b"vertrouwenspunt", puzzles=4, bits=8)
    assert solution == "916.155.519.85"


def test_padding() -> None:
    assert crypto.pad(b"hi") == b"\x00\x00\x00\x02hi" + bytes(1018)
