"""Run the benchmarks and rewrite docs/benchmarks.md.

    .venv/bin/python bench/run.py [--quick] [--database sqlite|postgresql|both] [--env KEY=VALUE]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and Redis on 127.0.0.1:6379 (uses db 11).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make the repository root importable (app, client, crypto, bench).
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import describe
from bench.pow_browser import END as POW_END
from bench.pow_browser import START as POW_START
from bench.report import Run, render
from bench.server import ROOT
from bench.suite import FULL, QUICK, RESULTS_DIR, ChallengePool, run_database

DOC = ROOT / "docs" / "benchmarks.md"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="60 requests per level, not 400")
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra server setting for a what-if run, e.g. VP_ARGON2__MAX_CONCURRENCY=1",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=180.0,
        help="seconds to wait for other processes to leave the cores idle before each database",
    )
    parser.add_argument("--output", type=Path, default=DOC, help="the Markdown file to write")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    extra_env = dict(item.split("=", 1) for item in args.env)
    plan = QUICK if args.quick else FULL
    databases = ["postgresql", "sqlite"] if args.database == "both" else [args.database]
    started = time.perf_counter()
    machine = describe()
    pool = ChallengePool(plan.pool)
    results = [run_database(db, plan, pool, extra_env, args.quiet_wait) for db in databases]
    run = Run(
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine,
        plan=plan,
        quick=args.quick,
        extra_env=extra_env,
        results=results,
        seconds=time.perf_counter() - started,
    )
    # The browser's proof-of-work figures come from bench/pow_browser.py; keep its section.
    kept = args.output.read_text() if args.output.exists() else ""
    browser = kept[kept.find(POW_START) : kept.find(POW_END) + len(POW_END)]
    args.output.write_text(render(run) + (f"\n{browser}\n" if POW_START in browser else ""))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    raw = RESULTS_DIR / "latest.json"
    raw.write_text(json.dumps(dataclasses.asdict(run), indent=1, default=str))
    print(f"wrote {args.output} and {raw} after {run.seconds:.0f} s")


if __name__ == "__main__":
    main()
