"""`pmjobs nightly` over an existing database: ids stay, stale adverts expire, every run is logged."""

from __future__ import annotations

import shutil
import subprocess

import sqlite_utils

from tests.conftest import PMJOBS


def test_nightly_rerun_keeps_vacancy_ids_and_expires_past_adverts(demo_db, tmp_path):
    db_path = tmp_path / "pmjobs.db"
    shutil.copy(demo_db, db_path)
    before = sqlite_utils.Database(db_path)
    ids_before = dict(before.execute("select listing_id, vacancy_id from listings").fetchall())
    before.close()

    result = subprocess.run([*PMJOBS, "nightly", "--offline", "--db", str(db_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 listings no longer advertised" in result.stdout

    db = sqlite_utils.Database(db_path)
    assert dict(db.execute("select listing_id, vacancy_id from listings").fetchall()) == ids_before
    # Every snapshot advert closed in 2020, so tonight all of them are past their closing date.
    assert {row["status"] for row in db.query("select status from listings where closing_date is not null")} == {"expired"}
    assert db.execute("select count(*) from crawls").fetchone()[0] == 2 * 8  # demo + nightly, every source
    assert db["listing_history"].count == db.execute("select count(*) from listings where closing_date is not null").fetchone()[0]


def test_crawl_one_source_offline_and_reject_unknown_sources(demo_db, tmp_path):
    db_path = tmp_path / "pmjobs.db"
    shutil.copy(demo_db, db_path)
    result = subprocess.run([*PMJOBS, "crawl", "fpm", "--offline", "--db", str(db_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "fpm: 10 adverts kept (0 new listings)" in result.stdout
    db = sqlite_utils.Database(db_path)
    assert [row["source"] for row in db.query("select source from crawls order by id desc limit 1")] == ["fpm"]

    unknown = subprocess.run([*PMJOBS, "crawl", "indeed", "--db", str(db_path)], capture_output=True, text=True, timeout=60)
    assert unknown.returncode == 2
    assert "unknown source indeed" in unknown.stderr and "nhs_jobs" in unknown.stderr


def test_a_source_disabled_for_live_crawling_is_refused_with_its_reason(tmp_path):
    result = subprocess.run([*PMJOBS, "crawl", "fpm", "--db", str(tmp_path / "pmjobs.db")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "fpm is not crawled live: members' site" in result.stderr and "--offline" in result.stderr
    assert not (tmp_path / "pmjobs.db").exists()
