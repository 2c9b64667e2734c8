"""The depersonalisation detector's evaluation on the labelled corpus, in one place.

Used by tests/web/test_detector.py (which asserts the targets) and tools/detector_report.py (which
writes docs/depersonalisation.md). The detector runs in the browser, imported from the running
service with the gazetteer it serves; scoring happens here.

Scoring: a labelled span is found when a flag of the same kind overlaps it (recall). A flag is
correct when it overlaps a labelled span of its own kind (precision). Copied runs are flags of the
kind "copied". Overall precision is correct flags over all flags, every kind together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "depersonalisation" / "corpus.jsonl"
MODULE = "/static/js/console/detector.js"
KINDS = (
    "phone",
    "email",
    "iban",
    "bsn",
    "postcode",
    "address",
    "plate",
    "datetime",
    "url",
    "handle",
    "name",
    "venue",
    "copied",
)
# The targets the tests hold the detector to; the other kinds are measured and reported.
RECALL_TARGETS = {
    "phone": 0.95,
    "email": 0.95,
    "iban": 0.95,
    "bsn": 0.95,
    "postcode": 0.95,
    "plate": 0.95,
    "url": 0.95,
    "name": 0.8,
}
PRECISION_TARGET = 0.9

DETECT_ALL = """async ([module, rows]) => {
  const m = await import(module);
  const gazetteer = await m.loadGazetteer();
  return rows.map((row) => {
    const result = m.detect(row.text, { report: row.report || "", gazetteer });
    return [...result.flags, ...result.copied];
  });
}"""


@dataclass(frozen=True)
class Span:
    kind: str
    start: int
    end: int
    text: str


@dataclass
class Score:
    support: int = 0
    found: int = 0
    flags: int = 0
    correct: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.support if self.support else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.flags if self.flags else None


@dataclass
class Evaluation:
    scores: dict[str, Score]
    misses: list[tuple[str, Span]] = field(default_factory=list)
    false_flags: list[tuple[str, Span]] = field(default_factory=list)
    sentences: dict[str, int] = field(default_factory=dict)

    @property
    def overall(self) -> Score:
        total = Score()
        for score in self.scores.values():
            total.support += score.support
            total.found += score.found
            total.flags += score.flags
            total.correct += score.correct
        return total

    def failures(self) -> str:
        """Every missed span and false flag, for a failing test's message."""
        lines = [f"missed {s.kind} {s.text!r} in {text!r}" for text, s in self.misses]
        lines += [f"false {s.kind} {s.text!r} in {text!r}" for text, s in self.false_flags]
        return "\n".join(lines) or "(none)"


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            row = json.loads(line)
            row["line"] = number
            rows.append(row)
    return rows


def labelled_spans(row: dict[str, Any]) -> list[Span]:
    """The row's labels as offsets; a text labelled n times is its n-th occurrence."""
    text: str = row["text"]
    seen: dict[str, int] = {}
    spans = []
    for label in row["spans"]:
        needle = label["text"]
        seen[needle] = seen.get(needle, 0) + 1
        index = -1
        for _ in range(seen[needle]):
            index = text.find(needle, index + 1)
            if index < 0:
                raise ValueError(f"line {row['line']}: {needle!r} is not in {text!r}")
        spans.append(Span(label["kind"], index, index + len(needle), needle))
    return spans


def utf16_offsets(text: str) -> list[int]:
    """Python string index for each UTF-16 offset that the browser reports (and the end)."""
    offsets = []
    for index, char in enumerate(text):
        offsets.extend([index] * (2 if ord(char) > 0xFFFF else 1))
    offsets.append(len(text))
    return offsets


def detect_all(page: Page, rows: list[dict[str, Any]]) -> list[list[Span]]:
    """Run the detector in the page on every row; flags and copied runs, as Python offsets."""
    payload = [{"text": r["text"], "report": r.get("report", "")} for r in rows]
    raw: list[list[dict[str, Any]]] = page.evaluate(DETECT_ALL, [MODULE, payload])
    results = []
    for row, flags in zip(rows, raw, strict=True):
        offsets = utf16_offsets(row["text"])
        results.append(
            [Span(f["kind"], offsets[f["start"]], offsets[f["end"]], f["match"]) for f in flags]
        )
    return results


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def evaluate(rows: list[dict[str, Any]], results: list[list[Span]]) -> Evaluation:
    evaluation = Evaluation(scores={kind: Score() for kind in KINDS})
    for row, flags in zip(rows, results, strict=True):
        lang = row["lang"]
        evaluation.sentences[lang] = evaluation.sentences.get(lang, 0) + 1
        labels = labelled_spans(row)
        for label in labels:
            score = evaluation.scores[label.kind]
            score.support += 1
            if any(f.kind == label.kind and _overlap(f, label) for f in flags):
                score.found += 1
            else:
                evaluation.misses.append((row["text"], label))
        for flag in flags:
            score = evaluation.scores[flag.kind]
            score.flags += 1
            if any(label.kind == flag.kind and _overlap(flag, label) for label in labels):
                score.correct += 1
            else:
                evaluation.false_flags.append((row["text"], flag))
    return evaluation


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def table(evaluation: Evaluation) -> str:
    """Precision, recall and support per kind and overall, as a Markdown table."""
    lines = [
        "| kind | recall | precision | labelled spans | flags | recall target |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind in KINDS:
        s = evaluation.scores[kind]
        target = RECALL_TARGETS.get(kind)
        lines.append(
            f"| {kind} | {_ratio(s.recall)} | {_ratio(s.precision)} | {s.support} | {s.flags} "
            f"| {'≥ ' + format(target, '.2f') if target else ''} |"
        )
    o = evaluation.overall
    lines.append(
        f"| **overall** | {_ratio(o.recall)} | {_ratio(o.precision)} | {o.support} | {o.flags} "
        f"| precision ≥ {PRECISION_TARGET:.2f} |"
    )
    return "\n".join(lines)
