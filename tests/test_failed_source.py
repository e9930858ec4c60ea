"""A source that cannot be reached is logged as failed and never closes the listings it had."""

from __future__ import annotations

import shutil
import subprocess
import sys

import sqlite_utils

from tests.conftest import free_port

RUN_AGAINST_DEAD_SERVER = """
import sys
from pmjobs.build import build
summary = build(["nhs_jobs"], sys.argv[1], nightly=True, base_url=sys.argv[2], settings={"RETRY_TIMES": 0})
print("\\n".join(summary.lines()))
"""


def test_unreachable_source_keeps_its_listings_open(demo_db, tmp_path):
    db_path = tmp_path / "pmjobs.db"
    shutil.copy(demo_db, db_path)
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    result = subprocess.run([sys.executable, "-c", RUN_AGAINST_DEAD_SERVER, str(db_path), dead], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "nhs_jobs: crawl failed" in result.stdout and "sources that failed: nhs_jobs" in result.stdout

    db = sqlite_utils.Database(db_path)
    crawl = list(db.query("select * from crawls order by id desc limit 1"))[0]
    assert (crawl["source"], crawl["status"], crawl["items"]) == ("nhs_jobs", "failed", 0)
    assert crawl["errors"] > 0
    statuses = {row["status"] for row in db.query("select status from listings where source = 'nhs_jobs'")}
    assert "closed" not in statuses
    assert db.execute("select count(*) from listings where source = 'nhs_jobs'").fetchone()[0] == 24
