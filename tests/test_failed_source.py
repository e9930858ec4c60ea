"""Failures lose nothing: an unreachable source closes none of its listings, a killed run corrupts nothing."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import sqlite_utils

from tests.conftest import PMJOBS, free_port

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
    result = subprocess.run(
        [sys.executable, "-c", RUN_AGAINST_DEAD_SERVER, str(db_path), dead], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "nhs_jobs: crawl failed (0 of 2 pages read" in result.stdout
    assert "sources not ok, their listings left as they were: nhs_jobs failed" in result.stdout

    db = sqlite_utils.Database(db_path)
    crawl = next(iter(db.query("select * from crawls order by id desc limit 1")))
    assert (crawl["source"], crawl["status"], crawl["items"]) == ("nhs_jobs", "failed", 0)
    assert crawl["errors"] == 2 and "Connection refused" in crawl["status_reason"]
    statuses = {row["status"] for row in db.query("select status from listings where source = 'nhs_jobs'")}
    assert "closed" not in statuses
    assert db.execute("select count(*) from listings where source = 'nhs_jobs'").fetchone()[0] == 24


def test_a_run_killed_mid_write_leaves_a_sound_database(tmp_path):
    """Whenever the process dies, SQLite (WAL, one transaction per listing) keeps what was written."""
    db_path = tmp_path / "pmjobs.db"
    run = subprocess.Popen(
        [*PMJOBS, "crawl", "--offline", "--db", str(db_path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    for line in run.stdout:  # kill it while it is storing listings
        if "listings so far" in line:
            break
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    time.sleep(0.2)

    db = sqlite_utils.Database(db_path)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    stored = db["listings"].count
    db.close()
    rerun = subprocess.run([*PMJOBS, "crawl", "--offline", "--db", str(db_path)], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert sqlite_utils.Database(db_path)["listings"].count == 55 >= stored


RUN_WITH_PAGE_LIMIT = """
import sys
from pmjobs.build import build
summary = build(["nhs_jobs"], sys.argv[1], offline=True, nightly=True, spider_args={"max_pages": 2, "per_page": 10})
"""


def test_a_search_cut_at_its_page_limit_closes_nothing(demo_db, tmp_path):
    db_path = tmp_path / "pmjobs.db"
    shutil.copy(demo_db, db_path)
    result = subprocess.run([sys.executable, "-c", RUN_WITH_PAGE_LIMIT, str(db_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    # Two pages of five: the search stopped at its limit, and kept under half its usual adverts.
    assert "nhs_jobs: crawl degraded (11 adverts, under 50% of the median 26" in result.stdout
    db = sqlite_utils.Database(db_path)
    assert not list(db.query("select * from listings where status = 'closed'"))
