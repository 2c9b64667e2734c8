"""The depersonalisation assistant's detector (static/js/console/detector.js), in Chromium.

What a VP would notice while writing a signal: a valid IBAN is flagged and a mistyped one is
not, phone numbers from home and abroad are flagged, a coarse "vorige week" is left alone but
"12 maart om 23:15" is not, six words copied from the report are caught and five are not. Then the
labelled corpus (tests/data/depersonalisation/corpus.jsonl) holds the detector to its recall and
precision targets (tests/web/detector_eval.py, shared with tools/detector_report.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.web import detector_eval

in_browser = pytest.mark.browser

STATIC = Path(__file__).resolve().parents[2] / "app" / "web" / "static"
NAMES = STATIC / "data" / "names"
VENDOR = STATIC / "vendor" / "libphonenumber-js"

DETECT = """async ([text, report, venues]) => {
  const m = await import("/static/js/console/detector.js");
  globalThis.__gazetteer ??= await m.loadGazetteer();
  return m.detect(text, { report, gazetteer: globalThis.__gazetteer, venues });
}"""


@pytest.fixture
def page(module_page: Page) -> Page:
    return module_page


def detect(
    page: Page, text: str, report: str = "", venues: list[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    result: dict[str, list[dict[str, Any]]] = page.evaluate(DETECT, [text, report, venues or []])
    return result


def flagged(page: Page, text: str, kind: str | None = None) -> list[str]:
    return [f["match"] for f in detect(page, text)["flags"] if kind is None or f["kind"] == kind]


# --- The module's interface ----------------------------------------------------------------------


@in_browser
def test_the_interface_is_as_the_console_expects(page: Page) -> None:
    kinds, hints = page.evaluate(
        """async () => {
          const m = await import("/static/js/console/detector.js");
          return [m.KINDS, Object.fromEntries(m.KINDS.map((k) => [k, m.suggestions(k)]))];
        }"""
    )

    assert kinds == list(detector_eval.KINDS)
    assert hints["datetime"] == "coarse_time"
    assert hints["address"] == hints["postcode"] == hints["venue"] == "coarse_area"
    assert {hints[k] for k in kinds if k not in {"datetime", "address", "postcode", "venue"}} == {
        "remove"
    }


@in_browser
def test_flags_are_sorted_apart_and_match_their_offsets_on_the_whole_corpus(page: Page) -> None:
    rows = detector_eval.load_corpus()
    raw = page.evaluate(
        """async (rows) => {
          const m = await import("/static/js/console/detector.js");
          const gazetteer = await m.loadGazetteer();
          return rows.map((r) => m.detect(r.text, { report: r.report || "", gazetteer }));
        }""",
        [{"text": r["text"], "report": r.get("report", "")} for r in rows],
    )
    checked = 0
    for row, result in zip(rows, raw, strict=True):
        # The corpus has no characters outside the BMP, so UTF-16 offsets are Python offsets.
        text = row["text"]
        flags = result["flags"]
        assert [f["start"] for f in flags] == sorted(f["start"] for f in flags)
        for before, after in zip(flags, flags[1:], strict=False):
            assert before["end"] <= after["start"], (text, before, after)
        for f in flags + result["copied"]:
            assert text[f["start"] : f["end"]] == f["match"], (text, f)
            assert f["kind"] in detector_eval.KINDS
            checked += 1
        assert all(c["kind"] == "copied" for c in result["copied"])
    assert checked > 250


@in_browser
def test_offsets_are_utf16_indices_into_the_text(page: Page) -> None:
    text = "😀 Bel 06-12345678 😀 of mail jan@example.nl"
    flags = page.evaluate(
        """async (text) => {
          const m = await import("/static/js/console/detector.js");
          return m.detect(text, {}).flags.map((f) => [text.slice(f.start, f.end) === f.match,
            f.match, f.start]);
        }""",
        text,
    )

    assert [f[:2] for f in flags] == [[True, "06-12345678"], [True, "jan@example.nl"]]
    assert flags[0][2] == 7  # the emoji before it counts as two UTF-16 code units


# --- Per kind, as a VP would notice it -----------------------------------------------------------


@in_browser
def test_an_iban_is_flagged_only_when_its_check_digits_are_right(page: Page) -> None:
    assert flagged(page, "Geld naar NL91ABNA0417164300 sturen.") == ["NL91ABNA0417164300"]
    assert flagged(page, "Geld naar NL91 ABNA 0417 1643 00 sturen.", "iban") == [
        "NL91 ABNA 0417 1643 00"
    ]
    assert flagged(page, "Paid into GB29 NWBK 6016 1331 9268 19 BSN", "iban") == [
        "GB29 NWBK 6016 1331 9268 19"
    ]
    # One digit off: not an IBAN (and nothing else either).
    assert flagged(page, "Geld naar NL92ABNA0417164300 sturen.") == []
    assert flagged(page, "Geld naar NL91 ABNA 0417 1643 01 sturen.", "iban") == []


@in_browser
def test_a_bsn_is_flagged_only_when_it_passes_the_eleven_test(page: Page) -> None:
    assert flagged(page, "Haar BSN is 111222333.") == ["111222333"]
    assert flagged(page, "BSN 1234.56.782 op het formulier") == ["1234.56.782"]
    assert flagged(page, "BSN 123 456 782 op het formulier") == ["123 456 782"]
    assert flagged(page, "Haar BSN is 111222334.") == []
    assert flagged(page, "Haar BSN is 1234.56.783.") == []
    # Eight digits are a BSN without its leading zero only where the text says BSN.
    assert flagged(page, "BSN: 48024600") == ["48024600"]
    assert flagged(page, "Dossier 48024600 is gesloten.") == []


@in_browser
@pytest.mark.parametrize(
    "number",
    [
        "06-12345678",
        "06 1234 5678",
        "0612345678",
        "+31 6 1234 5678",
        "0031 6 12345678",
        "020-5551234",
        "(06) 123 456 78",
        "+40 721 234 567",
        "+359 88 765 4321",
        "+36 30 123 4567",
        "+34 622 123 456",
        "+48 601 234 567",
        "+44 7911 123456",
    ],
)
def test_dutch_and_foreign_phone_numbers_are_flagged(page: Page, number: str) -> None:
    assert flagged(page, f"Hij belt steeds vanaf {number} en dreigt.") == [number]


@in_browser
def test_amounts_ages_and_years_are_not_phone_numbers(page: Page) -> None:
    assert flagged(page, "Ze is 23, betaalde 150 euro en werkt sinds 2019 drie dagen.") == []
    assert flagged(page, "She earns 3,000 euros a month, 40 of it per client.") == []


@in_browser
def test_a_coarse_time_is_left_alone_but_an_exact_one_is_flagged(page: Page) -> None:
    for coarse in [
        "Vorige week is zij bedreigd.",
        "In maart werden meer vrouwen benaderd.",
        "Last month two women were threatened.",
        "This spring the operator moved the women.",
        "Hij komt elke dinsdag en werkt 2 uur.",
    ]:
        assert flagged(page, coarse, "datetime") == [], coarse
    assert flagged(page, "Zij werd op 12 maart om 23:15 mishandeld.", "datetime") == [
        "12 maart",
        "23:15",
    ]
    assert flagged(page, "Het was maandag 12 mei rond 11.30 uur.", "datetime") == [
        "maandag 12 mei",
        "11.30 uur",
    ]
    assert flagged(page, "It happened on March 3rd at 10pm.", "datetime") == ["March 3rd", "10pm"]
    assert flagged(page, "Om half elf, op 12-03-2026.", "datetime") == ["half elf", "12-03-2026"]


@in_browser
def test_postcodes_plates_urls_handles_emails(page: Page) -> None:
    assert flagged(page, "Woning met postcode 1012 AB.") == ["1012 AB"]
    assert flagged(page, "Een afstand van 1500 KM.") == []
    for plate in ["12-ABC-3", "GH-123-K", "1-ABC-23", "XX-99-99", "GZ478K", "4-TV-342"]:
        assert flagged(page, f"Auto met kenteken {plate} gezien.") == [plate], plate
    assert flagged(page, "Op www.sexjobs.nl, kinky.nl en https://x.example.com/a?b=1.") == [
        "www.sexjobs.nl",
        "kinky.nl",
        "https://x.example.com/a?b=1",
    ]
    assert flagged(page, "Via insta: lotte.rose_88 en @boss_ro.") == [
        "insta: lotte.rose_88",
        "@boss_ro",
    ]
    assert flagged(page, "Mail naar dennis.b@gmail.com.") == ["dennis.b@gmail.com"]


@in_browser
def test_addresses_names_and_venues(page: Page) -> None:
    assert flagged(page, "Het pand aan de Oude Amsterdamseweg 3-II.") == [
        "Oude Amsterdamseweg 3-II"
    ]
    assert flagged(page, "The flat at 12 Baker Street is rented.") == ["12 Baker Street"]
    assert flagged(page, "Volgens haar heet de exploitant Jan de Vries.") == ["Jan de Vries"]
    assert flagged(page, "Ze werkt in Privéhuis Venus in Den Haag.") == ["Privéhuis Venus"]
    # Ordinary words that are also names, where they are ordinary words.
    assert flagged(page, "Mark the file as urgent. Will she be safe?") == []
    assert flagged(page, "Ze liep door het bos. Meer is niet bekend.") == []
    assert flagged(page, "He said his name was Will.") == ["Will"]
    # The coarse form the assistant suggests must not be flagged itself: many Dutch surnames are
    # also towns.
    assert flagged(page, "Ze woont in Woerden en werkt in Houten of Veenendaal.") == []
    assert flagged(page, "A message from Kevin, a client from Heemskerk.") == ["Kevin"]
    # A venue the caller knows about, from the case.
    assert flagged(page, "Ze werkt bij de Zonnebloem.", "venue") == []
    assert [
        f["match"]
        for f in detect(page, "Ze werkt bij de Zonnebloem.", venues=["Zonnebloem"])["flags"]
    ] == ["Zonnebloem"]


@in_browser
def test_six_words_copied_from_the_report_are_caught_and_five_are_not(page: Page) -> None:
    report = "Hij zei: 'Als je naar de politie gaat, weet ik je te vinden.' Ik ben bang."

    six = detect(page, "De dader zegt: als je naar de POLITIE gaat.", report)["copied"]
    assert [c["match"] for c in six] == ["als je naar de POLITIE gaat"]
    five = detect(page, "De dader zegt: je naar de politie gaat.", report)["copied"]
    assert five == []
    longest = detect(
        page, "Melder: hij zei als je naar de politie gaat weet ik je te vinden!", report
    )
    assert [c["match"] for c in longest["copied"]] == [
        "hij zei als je naar de politie gaat weet ik je te vinden"
    ]


# --- The corpus ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def evaluation(browser: Browser, web_server: str) -> Iterator[detector_eval.Evaluation]:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(web_server + "/healthz")
    rows = detector_eval.load_corpus()
    yield detector_eval.evaluate(rows, detector_eval.detect_all(page, rows))
    context.close()


@in_browser
@pytest.mark.parametrize("kind", sorted(detector_eval.RECALL_TARGETS))
def test_recall_on_the_corpus(evaluation: detector_eval.Evaluation, kind: str) -> None:
    score = evaluation.scores[kind]
    target = detector_eval.RECALL_TARGETS[kind]

    assert score.support >= 8, f"too few {kind} spans in the corpus to measure recall"
    assert score.recall is not None and score.recall >= target, (
        f"{kind} recall {score.recall:.3f} < {target}\n{evaluation.failures()}"
    )


@in_browser
def test_overall_precision_on_the_corpus(evaluation: detector_eval.Evaluation) -> None:
    precision = evaluation.overall.precision

    assert precision is not None and precision >= detector_eval.PRECISION_TARGET, (
        f"precision {precision}\n{evaluation.failures()}"
    )


def test_the_corpus_is_as_large_and_varied_as_promised() -> None:
    rows = detector_eval.load_corpus()
    langs = [r["lang"] for r in rows]

    assert len(rows) >= 150
    assert langs.count("nl") >= 60 and langs.count("en") >= 60
    assert sum(1 for r in rows if not r["spans"]) >= 30
    for row in rows:
        assert set(row) <= {"lang", "text", "report", "spans", "line"}, row["line"]
        assert {s["kind"] for s in row["spans"]} <= set(detector_eval.KINDS), row["line"]
        detector_eval.labelled_spans(row)  # every label is a substring of its text


# --- The data and the vendored library -----------------------------------------------------------


@pytest.mark.parametrize(("file", "least"), [("first-names.txt", 1500), ("surnames.txt", 1000)])
def test_the_gazetteer_is_sorted_lower_case_and_large_enough(file: str, least: int) -> None:
    lines = (NAMES / file).read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    names = [line for line in lines if line and not line.startswith("#")]

    assert lines[0].startswith("#") and any("compiled" in h.lower() for h in header)
    assert names == sorted(set(names))
    assert all(n == n.lower() and n.strip() == n and " " not in n for n in names)
    assert len(names) >= least


@in_browser
def test_the_gazetteer_loads_through_the_module(page: Page) -> None:
    sizes = page.evaluate(
        """async () => {
          const m = await import("/static/js/console/detector.js");
          const g = await m.loadGazetteer();
          return [g.firstNames.size, g.surnames.size, g.firstNames.has("fatima"),
                  g.surnames.has("yılmaz"), g.firstNames.has("# common first names")];
        }"""
    )

    assert sizes[0] >= 1500 and sizes[1] >= 1000
    assert sizes[2:] == [True, True, False]


def test_the_module_and_the_library_run_without_eval_or_wasm() -> None:
    files = [STATIC / "js" / "console" / "detector.js", *VENDOR.rglob("*.js")]
    forbidden = re.compile(
        r"\beval\s*\(|new\s+Function\s*\(|WebAssembly|set(?:Timeout|Interval)\s*\(\s*['\"`]"
    )

    assert len(files) > 40
    for file in files:
        assert not forbidden.search(file.read_text(encoding="utf-8")), file
    assert (VENDOR / "LICENSE").is_file() and (VENDOR / "VENDORED.md").is_file()
    imports = re.compile(r"""^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]""", re.M)
    for file in files:
        for spec in imports.findall(file.read_text(encoding="utf-8")):
            assert spec.startswith("."), f"{file} imports {spec} from outside the repository"
            assert (file.parent / spec).resolve().is_file(), f"{file}: {spec} is not vendored"


@in_browser
def test_it_loads_and_runs_under_the_pages_csp(browser: Browser, web_server: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    response = page.goto(web_server + "/")
    assert (
        response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    )

    flags = page.evaluate(
        """async () => {
          const m = await import("/static/js/console/detector.js");
          const gazetteer = await m.loadGazetteer();
          return m.detect("Fatima belde vanaf +31 6 1234 5678.", { gazetteer }).flags
            .map((f) => f.kind);
        }"""
    )

    assert flags == ["name", "phone"]
    assert violations == []
    context.close()
