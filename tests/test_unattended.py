"""Running unattended: one nightly at a time per database, and a backup to come back to."""

from __future__ import annotations

import shutil
import subprocess

import sqlite_utils

from pipeline.store import utc_now
from pmjobs.backup import backup_database, list_backups, restore_database
from pmjobs.lock import database_lock
from tests.conftest import PMJOBS


def test_a_second_run_on_a_locked_database_says_so_and_changes_nothing(tmp_path):
    db_path = tmp_path / "pmjobs.db"
    with database_lock(db_path):
        result = subprocess.run([*PMJOBS, "nightly", "--offline", "--db", str(db_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 3, result.stdout + result.stderr
    assert f"{db_path} is being written by pmjobs pid" in result.stderr
    assert not db_path.exists() and not list_backups(db_path)


def test_the_lock_is_free_again_after_its_holder_ends(tmp_path):
    db_path = tmp_path / "pmjobs.db"
    with database_lock(db_path):
        pass
    with database_lock(db_path) as lock_path:
        assert lock_path.read_text().startswith("pmjobs pid ")


def _listings(db_path, n: int) -> None:
    db = sqlite_utils.Database(db_path)
    db["listings"].insert_all(
        ({"listing_id": f"nhs_jobs:{i}", "title": "Practice Manager"} for i in range(n)), pk="listing_id", replace=True
    )
    db.close()


def test_backups_keep_the_last_n_and_restore_brings_one_back(tmp_path):
    db_path = tmp_path / "pmjobs.db"
    assert backup_database(db_path) is None  # nothing yet
    for n in range(1, 5):
        _listings(db_path, n)
        backup_database(db_path, keep=3)
    backups = list_backups(db_path)
    assert len(backups) == 3
    assert [sqlite_utils.Database(path)["listings"].count for path in backups] == [2, 3, 4]

    sqlite_utils.Database(db_path)["listings"].delete_where()  # a bad night
    result = subprocess.run(
        [*PMJOBS, "restore", "--db", str(db_path), "--backup", str(backups[0])], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert f"restored {db_path} from {backups[0]}" in result.stderr
    assert sqlite_utils.Database(db_path)["listings"].count == 2
    restore_database(db_path)  # the newest by default
    db = sqlite_utils.Database(db_path)
    assert db["listings"].count == 4 and db.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_restore_refuses_a_damaged_backup(tmp_path):
    db_path = tmp_path / "pmjobs.db"
    _listings(db_path, 3)
    damaged = tmp_path / "backups" / "pmjobs-20260101T000000000000Z.db"
    damaged.parent.mkdir()
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    result = subprocess.run([*PMJOBS, "restore", "--db", str(db_path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "pmjobs restore:" in result.stderr and str(damaged) in result.stderr
    assert sqlite_utils.Database(db_path)["listings"].count == 3


def test_a_source_that_failed_three_nights_running_is_left_alone_tonight(demo_db, tmp_path):
    db_path = tmp_path / "pmjobs.db"
    shutil.copy(demo_db, db_path)
    db = sqlite_utils.Database(db_path)
    db["crawls"].insert_all(
        {
            "source": "fpm",
            "started": utc_now(),
            "finished": utc_now(),
            "items": 0,
            "status": "failed",
            "status_reason": "0 of 1 pages read, 0 exceptions; first: HTTP 500",
        }
        for _ in range(3)
    )
    crawls_before = db["crawls"].count
    db.close()
    result = subprocess.run(
        [*PMJOBS, "nightly", "--offline", "--today", "2020-09-24", "--db", str(db_path)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "backing off: fpm (its last 3+ runs failed; next try after " in result.stdout
    db = sqlite_utils.Database(db_path)
    crawled = {row["source"] for row in db.query("select source from crawls where id > ?", [crawls_before])}
    assert "nhs_jobs" in crawled and "fpm" not in crawled
    assert not list(db.query("select * from listings where source = 'fpm' and status = 'closed'"))
