"""kill -9 at random moments of a nightly: the database stays sound and the next run completes
with every vacancy id kept (WAL, one transaction per write or batch, a lock the kernel releases)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
import sqlite_utils

from pmjobs.backup import list_backups
from pmjobs.site import DEMO_TODAY
from tests.conftest import ROOT

pytestmark = pytest.mark.reliability
TRIALS = 10


def test_a_nightly_killed_at_random_moments_loses_nothing(demo_db, tmp_path):
    db_path = tmp_path / "pmjobs.db"
    shutil.copy(demo_db, db_path)
    before = dict(sqlite_utils.Database(db_path).execute("select listing_id, vacancy_id from listings").fetchall())
    run = subprocess.run(
        [sys.executable, "-m", "tests.reliability.kill_trials", str(db_path), str(TRIALS), "14", DEMO_TODAY],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert len(report["trials"]) == TRIALS
    assert sum(trial["killed"] for trial in report["trials"]) >= TRIALS // 2  # most died mid-run, not after it
    assert [trial["integrity"] for trial in report["trials"]] == ["ok"] * TRIALS
    assert report["last_run_exit"] == 0  # every source ok: no lock left held, no half-made table

    db = sqlite_utils.Database(db_path)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    after = dict(db.execute("select listing_id, vacancy_id from listings").fetchall())
    assert after == before
    assert all(path.stat().st_size > 0 for path in list_backups(db_path))  # no copy cut short is taken for a backup
