"""SIGKILL the offline nightly at many random moments (more than the test's ten) and report.

    python -m bench.bench_kill [--trials 40]

Builds the demo database, then runs tests/reliability/kill_trials.py over a copy: each trial kills
a nightly after a random delay within the first 70% (KILL_WITHIN) of one whole run; afterwards a run must finish
with every source ok and every listing's vacancy_id as before.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import sqlite_utils

from bench.report import write_section
from pmjobs.site import DEMO_TODAY
from tests.reliability.kill_trials import KILL_WITHIN

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "pmjobs.db"
        subprocess.run(
            [sys.executable, "-m", "pmjobs", "demo", "--no-serve", "--db", str(db_path)], check=True, capture_output=True, cwd=ROOT
        )
        before = dict(sqlite_utils.Database(db_path).execute("select listing_id, vacancy_id from listings").fetchall())
        run = subprocess.run(
            [sys.executable, "-m", "tests.reliability.kill_trials", str(db_path), str(args.trials), str(args.seed), DEMO_TODAY],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        report = json.loads(run.stdout.strip().splitlines()[-1])
        after = dict(sqlite_utils.Database(db_path).execute("select listing_id, vacancy_id from listings").fetchall())
    trials = report["trials"]
    killed = sum(trial["killed"] for trial in trials)
    sound = sum(trial["integrity"] == "ok" for trial in trials)
    lines = [
        "## A nightly killed at random moments (`bench/bench_kill.py`)",
        "",
        f"{len(trials)} SIGKILLs of the offline nightly on the demo database (seed {args.seed}), each after a random",
        f"delay within {KILL_WITHIN:.0%} of one whole run ({report['whole_run_s']:.1f} s here): {killed} runs killed mid-way, {len(trials) - killed} finished first.",
        "",
        f"- integrity_check ok after {sound} of {len(trials)} kills",
        f"- the next run: exit {report['last_run_exit']} (0: every source ok, so no lock was left held)",
        f"- vacancy ids kept: {sum(after.get(key) == value for key, value in before.items())} of {len(before)} listings",
    ]
    print("\n".join(lines))
    write_section("kill", "\n".join(lines))


if __name__ == "__main__":
    main()
