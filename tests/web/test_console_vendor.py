"""The staff console's vendored libraries and their wrappers, in Chromium.

static/js/console/strength.js rates passphrases with zxcvbn-ts, static/js/console/qr.js draws the
TOTP enrolment URI as a QR code with qrcode-generator. The QR code is checked as a phone would:
its picture is read back module by module and decoded here, by a small decoder of this file's own
(no QR decoder is a dependency of the project), independent of the library that made it.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.browser

STATIC = Path(__file__).resolve().parents[2] / "app" / "web" / "static"
VENDORED = [
    STATIC / "vendor" / "zxcvbn-ts" / "zxcvbn.mjs",
    STATIC / "vendor" / "qrcode-generator" / "qrcode.mjs",
]
WRAPPERS = [STATIC / "js" / "console" / "strength.js", STATIC / "js" / "console" / "qr.js"]

OTPAUTH = "otpauth://totp/Vertrouwenspunt:anna?secret=JBSWY3DPEHPK3PXP&issuer=Vertrouwenspunt"
GOOD_PASSPHRASE = "paars olifant fietst traag langs grachten"

ASSESS = """async ([passphrase, userInputs]) => {
  const m = await import("/static/js/console/strength.js");
  return m.assess(passphrase, userInputs);
}"""


@pytest.fixture
def page(module_page: Page) -> Page:
    return module_page


def assess(page: Page, passphrase: str, user_inputs: list[str] | None = None) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(ASSESS, [passphrase, user_inputs or []])
    return result


# --- Passphrase strength --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("passphrase", "user_inputs"),
    [
        ("password123", []),
        ("Welkom01!", []),  # "Welcome01!"
        ("vertrouwenspunt2026", ["vertrouwenspunt"]),
        ("Summer2026!", []),
        ("Wachtwoord12345", []),  # long enough, but a Dutch word and a run of digits
    ],
)
def test_guessable_passphrases_are_refused(
    page: Page, passphrase: str, user_inputs: list[str]
) -> None:
    result = assess(page, passphrase, user_inputs)

    assert result["acceptable"] is False
    assert result["score"] < 3
    assert result["suggestions"]  # the console has something to tell the adviser


def test_a_passphrase_of_random_words_is_accepted(page: Page) -> None:
    result = assess(page, GOOD_PASSPHRASE)

    assert result["score"] == 4 and result["acceptable"] is True
    assert result["guessesLog10"] > 12
    assert result["warning"] == "" and result["suggestions"] == []


def test_the_service_and_the_users_own_words_count_as_guessed(page: Page) -> None:
    # Fine anywhere else, these are guessable here: the service's name and the adviser's name.
    assert assess(page, "vertrouwenspunt2026")["acceptable"] is False
    assert assess(page, "annadevries2026", ["annadevries"])["warning"] == "userInputs"
    assert assess(page, "annadevries2026", ["annadevries"])["acceptable"] is False


def test_a_strong_but_short_passphrase_is_refused_on_length_in_code_points(page: Page) -> None:
    short = assess(page, "Kq8#vT2!mZ")  # 10 random characters: strong, but under 12
    assert short["score"] >= 3 and short["acceptable"] is False

    # 8 emoji are 16 UTF-16 units but 8 characters to the person typing them.
    emoji = assess(page, "🦊🚲🌧🏰🎻🐙🍐🧭")
    assert emoji["score"] >= 3 and emoji["acceptable"] is False


def test_min_length_is_twelve_and_results_have_the_documented_shape(page: Page) -> None:
    min_length = page.evaluate(
        "async () => (await import('/static/js/console/strength.js')).MIN_LENGTH"
    )
    assert min_length == 12

    result = assess(page, "Welkom01!")
    assert set(result) == {
        "score",
        "acceptable",
        "tooShort",
        "guessesLog10",
        "warning",
        "suggestions",
    }
    # Nine characters: refused for its length, which the message then names (not its strength).
    assert result["tooShort"] is True and result["acceptable"] is False
    assert assess(page, "kikker paraplu vijver")["tooShort"] is False
    assert isinstance(result["warning"], str)
    assert all(isinstance(s, str) for s in result["suggestions"])


# --- QR code --------------------------------------------------------------------------------------

QUIET = 4
SCALE = 8  # screen pixels per module in the screenshot

# Makes the QR svg, shows it at SCALE pixels a module and tells what it is made of; beside it, the
# matrix that qrcode-generator itself computes for the same text at level M.
DRAW = """async ([text, label, scale]) => {
  const { qrElement } = await import("/static/js/console/qr.js");
  const { default: qrcode } = await import("/static/vendor/qrcode-generator/qrcode.mjs");
  const svg = qrElement(text, label);
  const [, , side] = svg.getAttribute("viewBox").split(" ").map(Number);
  const described = {
    tag: svg.localName,
    namespace: svg.namespaceURI,
    role: svg.getAttribute("role"),
    label: svg.getAttribute("aria-label"),
    viewBox: svg.getAttribute("viewBox"),
    defaultWidth: Number(svg.getAttribute("width")),
    attributes: [svg, ...svg.querySelectorAll("*")].flatMap((e) =>
      e.getAttributeNames().map((n) => `${e.localName}.${n}`)),
  };
  svg.id = "qr-under-test";
  svg.setAttribute("width", String(side * scale));
  svg.setAttribute("height", String(side * scale));
  document.body.replaceChildren(svg);

  const reference = qrcode(0, "M");
  reference.addData(text);
  reference.make();
  const count = reference.getModuleCount();
  const matrix = [];
  for (let r = 0; r < count; r += 1) {
    const row = [];
    for (let c = 0; c < count; c += 1) row.push(reference.isDark(r, c));
    matrix.push(row);
  }
  return { ...described, side, reference: matrix };
}"""


@pytest.fixture
def drawn(page: Page) -> dict[str, Any]:
    described: dict[str, Any] = page.evaluate(DRAW, [OTPAUTH, "QR", SCALE])
    png = page.locator("#qr-under-test").screenshot()
    with Image.open(io.BytesIO(png)) as image:
        picture = image.convert("L")
    side = described["side"]
    assert picture.size == (side * SCALE, side * SCALE)
    # What a scanner sees: each module's colour at its centre, quiet zone included.
    described["seen"] = [
        [
            picture.getpixel((col * SCALE + SCALE // 2, row * SCALE + SCALE // 2)) < 128
            for col in range(side)
        ]
        for row in range(side)
    ]
    return described


def test_the_qr_code_decodes_to_the_otpauth_uri_at_level_m(drawn: dict[str, Any]) -> None:
    symbol = [row[QUIET:-QUIET] for row in drawn["seen"][QUIET:-QUIET]]

    level, text = decode_qr(symbol)

    assert text == OTPAUTH
    assert level == "M"


def test_the_qr_code_has_a_quiet_zone_finder_patterns_and_the_librarys_modules(
    drawn: dict[str, Any],
) -> None:
    seen, side = drawn["seen"], drawn["side"]
    reference = drawn["reference"]
    count = len(reference)
    version = (count - 17) // 4

    assert count == 21 + 4 * (version - 1) and 1 <= version <= 40
    assert side == count + 2 * QUIET
    assert drawn["viewBox"] == f"0 0 {side} {side}"
    quiet = [
        seen[r][c]
        for r in range(side)
        for c in range(side)
        if min(r, c) < QUIET or max(r, c) >= side - QUIET
    ]
    assert not any(quiet)
    symbol = [row[QUIET:-QUIET] for row in seen[QUIET:-QUIET]]
    for top, left in [(0, 0), (0, count - 7), (count - 7, 0)]:
        assert [row[left : left + 7] for row in symbol[top : top + 7]] == FINDER
    assert [row[count - 7 :] for row in symbol[count - 7 :]] != FINDER
    assert symbol == reference


def test_the_qr_svg_is_an_image_with_a_name_and_no_style(drawn: dict[str, Any]) -> None:
    assert drawn["tag"] == "svg" and drawn["namespace"] == "http://www.w3.org/2000/svg"
    assert drawn["role"] == "img" and drawn["label"] == "QR"
    assert drawn["defaultWidth"] > 0
    # A style attribute would be refused by the console's CSP (style-src 'self').
    assert not [a for a in drawn["attributes"] if a.endswith(".style")]
    assert {a.split(".")[0] for a in drawn["attributes"]} <= {"svg", "rect", "path"}


def test_non_latin1_text_is_encoded_as_utf8(page: Page) -> None:
    # qrcode-generator alone would keep the low byte of each UTF-16 unit; qr.js gives it UTF-8.
    text = "otpauth://totp/Vertrouwenspunt:Zoë Ðurić 🦊?secret=JBSWY3DPEHPK3PXP"
    described = page.evaluate(DRAW, [text, "QR", SCALE])
    png = page.locator("#qr-under-test").screenshot()
    with Image.open(io.BytesIO(png)) as image:
        picture = image.convert("L")
    side = described["side"]
    symbol = [
        [
            picture.getpixel((col * SCALE + SCALE // 2, row * SCALE + SCALE // 2)) < 128
            for col in range(QUIET, side - QUIET)
        ]
        for row in range(QUIET, side - QUIET)
    ]

    assert decode_qr(symbol) == ("M", text)


# --- Loading under the real CSP -------------------------------------------------------------------

FORBIDDEN = re.compile(
    r"\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(|WebAssembly|\bimportScripts\b"
    r"|set(?:Timeout|Interval)\s*\(\s*[\"'`]|\.innerHTML\b|\.outerHTML\s*="
)


@pytest.mark.parametrize("path", VENDORED + WRAPPERS, ids=lambda p: p.name)
def test_no_code_from_strings_no_wasm(path: Path) -> None:
    # The pages' CSP has no 'unsafe-eval' and no 'wasm-unsafe-eval'.
    assert FORBIDDEN.findall(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", VENDORED, ids=lambda p: p.name)
def test_vendored_modules_are_self_contained(path: Path) -> None:
    # No bare specifiers or other files to fetch: each is one module the browser loads as it is.
    text = path.read_text(encoding="utf-8")
    assert re.findall(r"\bimport\s*[(\"'{*]|\bfrom\s*[\"']", text) == []


PROBE = "/__console-vendor-probe"
PROBE_HTML = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>probe</title>
<script type="module" src="{PROBE}/probe.js"></script></head><body></body></html>"""
PROBE_JS = f"""
const violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  violations.push(`${{e.effectiveDirective}} ${{e.blockedURI}}`));
const done = (result) => {{
  document.body.dataset.result = JSON.stringify({{ ...result, violations }});
}};
try {{
  const {{ assess }} = await import("/static/js/console/strength.js");
  const {{ qrElement }} = await import("/static/js/console/qr.js");
  const strength = await assess({json.dumps(GOOD_PASSPHRASE)});
  const svg = qrElement({json.dumps(OTPAUTH)}, "QR");
  document.body.append(svg);
  // Let any violation report (they are queued tasks) arrive first.
  await new Promise((resolve) => setTimeout(resolve, 200));
  done({{ score: strength.score, width: svg.getBoundingClientRect().width }});
}} catch (error) {{
  done({{ error: String(error) }});
}}
"""


@pytest.fixture
def real_csp_page(browser: Browser, web_server: str) -> Iterator[tuple[Page, list[str]]]:
    """A page of the service's origin under the CSP that the service's own pages send.

    Nothing can be added to a real page under that CSP, so a page of the same origin is made
    with the very header that /nl/ is served with, loading a module script of its own (allowed
    by script-src 'self' like any script of the origin) that imports the console modules.
    """
    context = browser.new_context()  # the CSP is enforced: no bypass
    page = context.new_page()
    response = page.goto(web_server + "/nl/")
    assert response is not None and response.ok
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp and "unsafe-inline" not in csp

    def serve(route: Route) -> None:
        is_script = route.request.url.endswith("/probe.js")
        route.fulfill(
            body=PROBE_JS if is_script else PROBE_HTML,
            content_type="text/javascript" if is_script else "text/html; charset=utf-8",
            headers={"content-security-policy": csp},
        )

    page.route(f"{web_server}{PROBE}/**", serve)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    yield page, console
    context.close()


def test_the_console_modules_work_under_the_pages_csp(
    real_csp_page: tuple[Page, list[str]], web_server: str
) -> None:
    page, console = real_csp_page
    page.goto(f"{web_server}{PROBE}/page")
    page.wait_for_function("() => document.body.dataset.result !== undefined", timeout=30_000)

    result = json.loads(page.evaluate("() => document.body.dataset.result"))

    assert "error" not in result
    assert result["violations"] == []
    assert result["score"] == 4 and result["width"] > 0
    assert not [line for line in console if "Content Security Policy" in line]


# --- A small QR decoder: byte mode, versions 1-9 at level M, no error correction ------------------
# It only needs to read what a correct encoder drew, so it checks the Reed-Solomon codewords
# instead of correcting with them. Layout and tables are ISO/IEC 18004's.

FINDER = [[max(abs(r - 3), abs(c - 3)) != 2 for c in range(7)] for r in range(7)]
LEVELS = {0b01: "L", 0b00: "M", 0b11: "Q", 0b10: "H"}
# Level M: (error correction codewords per block, [(blocks, data codewords per block), ...]).
BLOCKS_M = {
    1: (10, [(1, 16)]),
    2: (16, [(1, 28)]),
    3: (26, [(1, 44)]),
    4: (18, [(2, 32)]),
    5: (24, [(2, 43)]),
    6: (16, [(4, 27)]),
    7: (18, [(4, 31)]),
    8: (22, [(2, 38), (2, 39)]),
    9: (22, [(3, 36), (2, 37)]),
}
ALIGNMENT = {1: [], 2: [6, 18], 3: [6, 22], 4: [6, 26], 5: [6, 30], 6: [6, 34]}
ALIGNMENT |= {7: [6, 22, 38], 8: [6, 24, 42], 9: [6, 26, 46]}
MASKS = [
    lambda r, c: (r + c) % 2 == 0,
    lambda r, c: r % 2 == 0,
    lambda r, c: c % 3 == 0,
    lambda r, c: (r + c) % 3 == 0,
    lambda r, c: (r // 2 + c // 3) % 2 == 0,
    lambda r, c: (r * c) % 2 + (r * c) % 3 == 0,
    lambda r, c: ((r * c) % 2 + (r * c) % 3) % 2 == 0,
    lambda r, c: ((r + c) % 2 + (r * c) % 3) % 2 == 0,
]


def format_codeword(data: int) -> int:
    """The 15-bit format information for 5 data bits: BCH(15,5), then the fixed mask."""
    remainder = data << 10
    for bit in range(14, 9, -1):
        if remainder >> bit & 1:
            remainder ^= 0b10100110111 << (bit - 10)
    return (data << 10 | remainder) ^ 0b101010000010010


def read_format(m: list[list[bool]]) -> tuple[str, int]:
    n = len(m)
    # Bit i (0 = least significant) of each copy, as (row, col).
    first = (
        [(i, 8) for i in range(6)] + [(7, 8), (8, 8), (8, 7)] + [(8, 14 - i) for i in range(9, 15)]
    )
    second = [(8, n - 1 - i) for i in range(8)] + [(n - 15 + i, 8) for i in range(8, 15)]
    copies = [sum(m[r][c] << i for i, (r, c) in enumerate(cells)) for cells in (first, second)]
    assert copies[0] == copies[1], "the two copies of the format information differ"
    matches = [data for data in range(32) if format_codeword(data) == copies[0]]
    assert matches, f"no valid format information: {copies[0]:015b}"
    return LEVELS[matches[0] >> 3], matches[0] & 0b111


def function_modules(n: int, version: int) -> set[tuple[int, int]]:
    taken = set()
    for top, left in [(0, 0), (0, n - 8), (n - 8, 0)]:  # finders, separators
        taken |= {(top + r, left + c) for r in range(8) for c in range(8)}
    taken |= {(8, c) for c in range(9)} | {(r, 8) for r in range(9)}  # format, first copy
    taken |= {(8, n - 1 - i) for i in range(8)} | {(n - 1 - i, 8) for i in range(8)}  # second copy
    taken |= {(6, i) for i in range(n)} | {(i, 6) for i in range(n)}  # timing
    centres = ALIGNMENT[version]
    for r in centres:
        for c in centres:
            if (r, c) in {(6, 6), (6, centres[-1]), (centres[-1], 6)}:
                continue  # where the finders are
            taken |= {(r + dr, c + dc) for dr in range(-2, 3) for dc in range(-2, 3)}
    if version >= 7:  # version information
        taken |= {(r, n - 11 + c) for r in range(6) for c in range(3)}
        taken |= {(n - 11 + r, c) for r in range(3) for c in range(6)}
    return taken


def gf_multiply(a: int, b: int) -> int:
    product = 0
    while b:
        if b & 1:
            product ^= a
        a <<= 1
        if a & 0x100:
            a ^= 0x11D
        b >>= 1
    return product


def reed_solomon_valid(codewords: list[int], ec: int) -> bool:
    """Whether the block is a codeword: zero at the generator's roots 2^0 .. 2^(ec-1)."""
    root = 1
    for _ in range(ec):
        value = 0
        for codeword in codewords:  # Horner, highest power first
            value = gf_multiply(value, root) ^ codeword
        if value:
            return False
        root = gf_multiply(root, 2)
    return True


def decode_qr(m: list[list[bool]]) -> tuple[str, str]:
    """The error correction level and the text of a QR code symbol (dark = True, no quiet zone)."""
    n = len(m)
    version = (n - 17) // 4
    assert n == 17 + 4 * version and version in BLOCKS_M, f"unsupported size {n}"
    level, mask = read_format(m)
    assert level == "M", f"level {level} is not supported by this decoder"
    taken = function_modules(n, version)

    bits: list[int] = []
    # Two columns at a time from the right, up and down in turn; the timing column is skipped.
    for pair in range(n - 1, 0, -2):
        right = pair - 1 if pair <= 6 else pair
        upward = ((right + 1) & 2) == 0
        for step in range(n):
            row = n - 1 - step if upward else step
            for col in (right, right - 1):
                if (row, col) not in taken:
                    bits.append(int(m[row][col] != MASKS[mask](row, col)))
    codewords = [int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, len(bits) - 7, 8)]

    ec, groups = BLOCKS_M[version]
    lengths = [length for count, length in groups for _ in range(count)]
    blocks: list[list[int]] = [[] for _ in lengths]
    position = 0
    for i in range(max(lengths)):  # data codewords are interleaved across blocks...
        for block, length in zip(blocks, lengths, strict=True):
            if i < length:
                block.append(codewords[position])
                position += 1
    data = [codeword for block in blocks for codeword in block]
    for _ in range(ec):  # ...and so are the error correction codewords after them
        for block in blocks:
            block.append(codewords[position])
            position += 1
    assert all(reed_solomon_valid(block, ec) for block in blocks), "Reed-Solomon check failed"

    stream = "".join(f"{codeword:08b}" for codeword in data)
    assert stream[:4] == "0100", f"mode {stream[:4]} is not byte mode"
    length = int(stream[4:12], 2)  # 8 bits of character count up to version 9
    payload = bytes(int(stream[12 + 8 * i : 20 + 8 * i], 2) for i in range(length))
    # Then the terminator (as much of 0000 as fits), not another segment.
    assert not stream[12 + 8 * length : 16 + 8 * length].strip("0"), "more than one segment"
    return level, payload.decode("utf-8")
