"""The browser's HPKE (app/web/static/js/crypto) against RFC 9180 and against crypto/.

The modules run in Debian's Chromium, imported from the running service. The JSON page they are
imported under carries the API's CSP, which forbids any script; these tests are about the
modules' results, so the context bypasses it (the reporter pages' CSP has tests of its own).
"""

from __future__ import annotations

import base64
import importlib.resources
import json
import uuid
from typing import Any

import pytest
from playwright.sync_api import Page

import crypto
from client import protocol

pytestmark = pytest.mark.browser

IMPORTS = """
    const hpke = await import("/static/js/crypto/hpke.js");
    const env = await import("/static/js/crypto/envelope.js");
    const bytes = await import("/static/js/crypto/bytes.js");
    const padding = await import("/static/js/crypto/padding.js");
"""


def _vectors() -> list[dict[str, Any]]:
    path = importlib.resources.files("cryptography_vectors") / "HPKE/test-vectors.json"
    return [
        v
        for v in json.loads(path.read_text(encoding="utf-8"))
        if (v["mode"], v["kem_id"], v["kdf_id"], v["aead_id"]) == (0, 0x20, 1, 2)
    ]


@pytest.fixture
def page(module_page: Page) -> Page:
    return module_page


def run(page: Page, body: str, arg: Any = None) -> Any:
    return page.evaluate(f"async (arg) => {{ {IMPORTS} {body} }}", arg)


def test_the_browser_passes_the_rfc_9180_vectors_for_our_suite(page: Page) -> None:
    vectors = _vectors()
    assert len(vectors) == 1 and len(vectors[0]["encryptions"]) > 100

    problems = run(
        page,
        """
        const h = bytes.fromHex, x = bytes.toHex, problems = [];
        for (const v of arg) {
          const eph = await hpke.deriveKeyPair(h(v.ikmE));
          const rec = await hpke.deriveKeyPair(h(v.ikmR));
          if (x(eph.raw) !== v.skEm || x(eph.publicKey) !== v.pkEm) problems.push("ephemeral");
          if (x(rec.raw) !== v.skRm || x(rec.publicKey) !== v.pkRm) problems.push("recipient");
          const sender = await hpke.setupBaseS(rec.publicKey, h(v.info), eph);
          if (x(sender.enc) !== v.enc) problems.push("enc");
          if (x(sender.sharedSecret) !== v.shared_secret) problems.push("shared secret");
          if (x(sender.context.key) !== v.key) problems.push("key");
          if (x(sender.context.baseNonce) !== v.base_nonce) problems.push("base nonce");
          const receiver = await hpke.setupBaseR(
            h(v.enc), rec.privateKey, rec.publicKey, h(v.info));
          for (const [i, e] of v.encryptions.entries()) {
            const ct = await sender.context.seal(h(e.aad), h(e.pt));
            if (x(ct) !== e.ct) problems.push("seal " + i);
            const pt = await receiver.context.open(h(e.aad), h(e.ct));
            if (x(pt) !== e.pt) problems.push("open " + i);
          }
        }
        return problems;
        """,
        vectors,
    )

    assert problems == []


def test_a_report_sealed_in_the_browser_opens_with_crypto(page: Page) -> None:
    key = crypto.generate_private_key()
    report_id = uuid.uuid4()
    text = "Hij sloeg me — ik wil hulp. Ă ș ț, 中文, 🙂"
    info = protocol.report(report_id, 3)

    sealed = run(
        page,
        """
        const info = bytes.fromBase64(arg.info);
        const pub = bytes.fromBase64(arg.pub);
        return bytes.toBase64(await env.seal(pub, new TextEncoder().encode(arg.text), info));
        """,
        {
            "info": base64.b64encode(info).decode(),
            "pub": base64.b64encode(crypto.public_key_bytes(key.public_key())).decode(),
            "text": text,
        },
    )
    envelope = base64.b64decode(sealed)

    assert crypto.is_valid_envelope_length(len(envelope))
    assert crypto.open_sealed(key, envelope, info=info).decode() == text
    with pytest.raises(crypto.DecryptionError):
        crypto.open_sealed(key, envelope, info=protocol.report(uuid.uuid4(), 3))


def test_a_reply_sealed_by_crypto_opens_in_the_browser_and_fails_closed(page: Page) -> None:
    receipt = crypto.generate_receipt()
    reply_key = crypto.reply_private_key(receipt)
    report_id, message_id = uuid.uuid4(), uuid.uuid4()
    info = protocol.reply(report_id, message_id, protocol.REPLY_KEY)
    envelope = crypto.seal(reply_key.public_key(), b"We hebben je melding gelezen.", info=info)
    tampered = bytearray(envelope)
    tampered[40] ^= 1

    results = run(
        page,
        """
        const raw = bytes.fromBase64(arg.key);
        const priv = await hpke.importPrivateKey(raw);
        const me = { privateKey: priv, publicKey: await hpke.publicKeyBytes(priv) };
        const info = bytes.fromBase64(arg.info);
        const plain = await env.open(me, bytes.fromBase64(arg.good), info);
        const opened = new TextDecoder().decode(plain);
        const failures = [];
        for (const [bad, badInfo] of [[arg.tampered, info], [arg.good, info.slice(0, -1)],
                                      [arg.good.slice(0, 40), info]]) {
          try { await env.open(me, bytes.fromBase64(bad), badInfo); failures.push("opened"); }
          catch (e) { failures.push(e.name); }
        }
        return { opened, failures };
        """,
        {
            "key": base64.b64encode(crypto.private_key_bytes(reply_key)).decode(),
            "info": base64.b64encode(info).decode(),
            "good": base64.b64encode(envelope).decode(),
            "tampered": base64.b64encode(bytes(tampered)).decode(),
        },
    )

    assert results == {
        "opened": "We hebben je melding gelezen.",
        "failures": ["DecryptionError"] * 3,
    }


def test_padding_and_info_match_crypto_byte_for_byte(page: Page) -> None:
    lengths = [0, 1, 1019, 1020, 1021, 4096, (1 << 20) - 4, (1 << 20) - 3, 3_000_000]
    result = run(
        page,
        """
        return {
          sizes: arg.map((n) => padding.paddedSize(n)),
          info: bytes.toHex(env.bindInfo("message", "a", "b-1", "inbox-v2")),
        };
        """,
        lengths,
    )

    assert result["sizes"] == [crypto.padded_size(n) for n in lengths]
    expected = crypto.bind_info(crypto.Purpose.MESSAGE, "a", "b-1", "inbox-v2")
    assert bytes.fromhex(result["info"]) == expected


def test_receipts_made_in_the_browser_derive_what_crypto_derives(page: Page) -> None:
    python_receipt = crypto.generate_receipt()
    result = run(
        page,
        """
        const receipt = await import("/static/js/crypto/receipt.js");
        const made = [];
        for (let i = 0; i < 50; i++) made.push(receipt.generateReceipt());
        const derived = [];
        for (const r of [made[0], arg]) {
          const pair = await receipt.replyKeyPair(r);
          derived.push({ credential: bytes.toHex(await receipt.mailboxCredential(r)),
                         reply: bytes.toHex(pair.publicKey) });
        }
        const kinds = [];
        for (const typed of [arg.toLowerCase().replaceAll("-", " "), arg.replace(/.$/, (c) =>
             c === "0" ? "1" : "0"), "hello", arg + "7"]) {
          try { kinds.push(receipt.formatReceipt(typed)); } catch (e) { kinds.push(e.kind); }
        }
        return { made, derived, kinds };
        """,
        python_receipt,
    )

    assert len(set(result["made"])) == 50
    for made in result["made"]:
        assert crypto.format_receipt(made) == made  # Python accepts every browser receipt
    for receipt, derived in zip(
        (result["made"][0], python_receipt), result["derived"], strict=True
    ):
        assert bytes.fromhex(derived["credential"]) == crypto.mailbox_credential(receipt)
        reply_public = crypto.reply_private_key(receipt).public_key()
        assert bytes.fromhex(derived["reply"]) == crypto.public_key_bytes(reply_public)
    # Typed in lower case with spaces it is the same receipt; a wrong last symbol is a typo;
    # anything else is not a receipt at all.
    assert result["kinds"] == [python_receipt, "typo", "format", "format"]


def test_the_browser_computes_the_same_safety_numbers_as_crypto(page: Page) -> None:
    keys = [crypto.derive_key_pair(bytes(range(32))).public_key()] + [
        crypto.generate_private_key().public_key() for _ in range(20)
    ]
    raw = [crypto.public_key_bytes(k).hex() for k in keys]

    numbers = run(
        page,
        """
        const { safetyNumber } = await import("/static/js/crypto/safety-number.js");
        return Promise.all(arg.map((hex) => safetyNumber(bytes.fromHex(hex))));
        """,
        raw,
    )

    assert numbers == [crypto.safety_number(k) for k in keys]
    assert numbers[0] == "01864 11710 51732 16085 48537 44458"
