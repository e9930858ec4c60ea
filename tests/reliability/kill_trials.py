"""SIGKILL a nightly at random moments, over and over, then let one run finish.

`python -m tests.reliability.kill_trials DB TRIALS SEED TODAY` imports pmjobs once and forks a child
per run (so a trial costs a crawl, not a Python start-up); each child runs the offline nightly and
is killed after a random delay within the first KILL_WITHIN of the time the first whole run took (later
runs start warm and run faster, so a delay up to the whole first run would often come after the end). Prints one JSON line: the time
of a whole run, each trial (delay, killed or finished, SQLite's integrity check) and the exit status
of the last, unkilled run (0: every source ok).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import sys
import time
from datetime import date

from pmjobs.build import build
from pmjobs.crawl import available_spiders


def _nightly_in_child(db_path: str, today: date) -> int:
    pid = os.fork()
    if pid:
        return pid
    try:
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        summary = build(list(available_spiders()), db_path, offline=True, nightly=True, today=today, progress=lambda line: None)
        os._exit(0 if all(source.ok for source in summary.sources) else 1)
    except BaseException:
        os._exit(2)


def _integrity(db_path: str) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("pragma integrity_check").fetchone()[0]
    finally:
        conn.close()


KILL_WITHIN = 0.7


def main(argv: list[str]) -> int:
    db_path, trials, rng, today = argv[0], int(argv[1]), random.Random(int(argv[2])), date.fromisoformat(argv[3])
    started = time.monotonic()
    _, status = os.waitpid(_nightly_in_child(db_path, today), 0)
    whole_run_s = time.monotonic() - started
    results = []
    for _ in range(trials):
        delay = rng.uniform(0, KILL_WITHIN * whole_run_s)
        pid = _nightly_in_child(db_path, today)
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):  # it finished first
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        results.append({"delay_s": round(delay, 3), "killed": os.WIFSIGNALED(status), "integrity": _integrity(db_path)})
    _, status = os.waitpid(_nightly_in_child(db_path, today), 0)
    print(json.dumps({"whole_run_s": round(whole_run_s, 3), "trials": results, "last_run_exit": os.waitstatus_to_exitcode(status)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
