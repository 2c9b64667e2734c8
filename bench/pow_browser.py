"""How long the reporter's browser takes to solve a proof-of-work challenge on a slow phone.

    .venv/bin/python bench/pow_browser.py [--tries 50] [--old-tries 10] [--rate 4] [--no-write]

Starts the service with its default proof of work, opens its report page in Debian's Chromium
(Playwright), slows the page's CPU with the DevTools protocol (``Emulation.setCPUThrottlingRate``)
and solves freshly issued challenges through the page's own module (``static/js/crypto/pow.js``):

- ``page``: the puzzles solved on the page's thread (the path without workers). DevTools throttles
  only a page's main thread, so this is the figure for a phone that many times slower;
- ``worker``: the usual path, a module worker. Chromium refuses to throttle workers ("Operation is
  only supported for pages, not workers"), so this runs at the machine's full speed and shows
  only what the worker costs or saves around the same hashing;
- ``old``: the single puzzle of before (one asynchronous WebCrypto digest per attempt, on the
  page's thread, so throttled), kept in ``bench/pow_v1.js``.

Every new solution is checked with ``crypto.check_proof_of_work``. The figures replace the marked
section of docs/benchmarks.md (``bench/run.py`` keeps that section when it rewrites the file).
Needs Redis on 127.0.0.1:6379 (database 11, as bench/run.py; nothing is written to it).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page, sync_playwright

from bench.server import ROOT, running_server
from bench.stores import REDIS_URL
from crypto import check_proof_of_work

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"]
DOC = ROOT / "docs" / "benchmarks.md"
START = "<!-- pow-browser:start -->"
END = "<!-- pow-browser:end -->"
OLD_MODULE = Path(__file__).with_name("pow_v1.js")
OLD_URL = "/bench/pow_v1.js"

# The page has loaded pow.js's spare worker and the modules it imports (Chromium lists a dedicated
# worker's module fetches among its page's resources).
LOADED = """() => performance.getEntriesByType("resource")
  .some((entry) => entry.name.endsWith("/vendor/noble-hashes/utils.js"))"""

SOLVE = """async ([mode, oldUrl]) => {
  const challenge = await (await fetch("/api/v1/proof-of-work")).json();
  const started = performance.now();
  let solution;
  if (mode === "old") {
    const old = await import(oldUrl);
    solution = await old.solve(challenge.challenge, challenge.difficulty);
  } else {
    const pow = await import("/static/js/crypto/pow.js");
    solution = await pow.solve(challenge.challenge, challenge.puzzles, challenge.bits, null,
                               { worker: mode === "worker" });
  }
  return { ms: performance.now() - started, solution, challenge };
}"""


@dataclass(frozen=True)
class Series:
    mode: str
    seconds: list[float]
    difficulty: int
    puzzles: int
    bits: int

    def summary(self) -> dict[str, float]:
        ordered = sorted(self.seconds)
        p95 = ordered[math.ceil(0.95 * len(ordered)) - 1]  # nearest rank
        return {
            "median": statistics.median(ordered),
            "mean": statistics.fmean(ordered),
            "p95": p95,
            "max": ordered[-1],
        }


def _solve(page: Page, mode: str) -> tuple[float, dict[str, Any]]:
    result = page.evaluate(SOLVE, [mode, OLD_URL])
    challenge = result["challenge"]
    if mode != "old":
        check_proof_of_work(
            challenge["challenge"].encode(),
            solution=result["solution"],
            puzzles=challenge["puzzles"],
            bits=challenge["bits"],
        )
    return result["ms"] / 1000, challenge


def _fresh(page: Page, base_url: str) -> None:
    """A newly loaded report page, as a reporter has: cold JIT, its worker's modules loaded."""
    page.goto(base_url + "/nl/report")
    page.wait_for_function(LOADED)


def _series(page: Page, base_url: str, mode: str, tries: int) -> Series:
    seconds: list[float] = []
    challenge: dict[str, Any] = {}
    for n in range(tries):
        _fresh(page, base_url)
        took, challenge = _solve(page, mode)
        seconds.append(took)
        print(f"  {mode} {n + 1}/{tries}: {took:.2f} s", flush=True)
    return Series(
        mode=mode,
        seconds=seconds,
        difficulty=challenge["difficulty"],
        puzzles=1 if mode == "old" else challenge["puzzles"],
        bits=challenge["difficulty"] if mode == "old" else challenge["bits"],
    )


def measure(tries: int, old_tries: int, rate: float) -> tuple[list[Series], str]:
    with tempfile.TemporaryDirectory() as directory, sync_playwright() as playwright:
        database_url = f"sqlite:///{directory}/pow.db"
        log = Path(directory) / "server.log"
        with running_server(database_url=database_url, redis_url=REDIS_URL, log_path=log) as srv:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 360, "height": 740})
            # The old module, served as if from the service: the page's CSP allows only 'self'.
            page.route(
                f"{srv.base_url}{OLD_URL}",
                lambda route: route.fulfill(
                    body=OLD_MODULE.read_text(), content_type="text/javascript"
                ),
            )
            page.goto(srv.base_url + "/nl/report")
            # Kept across the page's navigations: each try gets a freshly loaded page.
            page.context.new_cdp_session(page).send(
                "Emulation.setCPUThrottlingRate", {"rate": rate}
            )
            series = [
                _series(page, srv.base_url, "page", tries),
                _series(page, srv.base_url, "worker", tries),
            ]
            if old_tries:
                series.append(_series(page, srv.base_url, "old", old_tries))
            version = browser.version
            browser.close()
    return series, version


def render(series: list[Series], chromium: str, rate: float, load: tuple[float, float]) -> str:
    cpu = next(
        line.split(":", 1)[1].strip()
        for line in Path("/proc/cpuinfo").read_text().splitlines()
        if line.startswith("model name")
    )
    cores = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    what = {
        "page": "new, on the page's thread (throttled)",
        "worker": "new, in the worker (not throttled by Chromium)",
        "old": "old single puzzle, WebCrypto (throttled)",
    }
    rows = []
    for s in series:
        f = s.summary()
        rows.append(
            f"| {what[s.mode]} | {s.difficulty} | {s.puzzles} × {s.bits} bits | {len(s.seconds)} "
            f"| {f['median']:.2f} | {f['mean']:.2f} | {f['p95']:.2f} | {f['max']:.2f} |"
        )
    return "\n".join(
        [
            START,
            "## Proof of work in the browser",
            "",
            f"Measured by `bench/pow_browser.py` on {datetime.now(UTC).date().isoformat()}: "
            f"{cores} cores ({cpu}), Chromium {chromium} headless, page CPU throttled "
            f"{rate:g}× (`Emulation.setCPUThrottlingRate`), 360 px report page, freshly issued "
            "challenges at the default difficulty, each solved on a freshly loaded page (cold "
            "JIT, as a reporter's one report is) and each new solution checked by `crypto/`. "
            f"Load average {load[0]:.1f} before and {load[1]:.1f} after (other processes share "
            "the cores and inflate every figure). Seconds per challenge; p95 by nearest rank.",
            "",
            "| solver | difficulty | puzzles | tries | median | mean | p95 | max |",
            "|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            "Chromium throttles only a page's main thread (the protocol refuses it for workers),",
            "so the throttled figure for the new construction is that of the page path: the same",
            "hashing, slowed 4×. A phone's worker runs it at the phone's speed without holding up",
            "the page. Targets: median at most 3 s and p95 at most 8 s at 4× throttling.",
            END,
        ]
    )


def write(section: str, doc: Path = DOC) -> None:
    text = doc.read_text()
    if START in text:
        before, rest = text.split(START, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    doc.write_text(text)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tries", type=int, default=50, help="solves per new path (50)")
    parser.add_argument("--old-tries", type=int, default=10, help="solves of the old one (10)")
    parser.add_argument("--rate", type=float, default=4, help="CPU slow-down factor (4)")
    parser.add_argument("--no-write", action="store_true", help="print, leave the docs alone")
    args = parser.parse_args(argv)
    before = os.getloadavg()[0]
    series, chromium = measure(args.tries, args.old_tries, args.rate)
    section = render(series, chromium, args.rate, (before, os.getloadavg()[0]))
    print(section)
    if not args.no_write:
        write(section)


if __name__ == "__main__":
    main()
