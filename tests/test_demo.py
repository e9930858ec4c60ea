"""`pmjobs demo --no-serve`: the first-run build every other demo test reads. A broken demo fails here."""

from __future__ import annotations

import sqlite_utils


def test_demo_builds_and_reports_each_source(demo_build):
    output = demo_build.result.stdout + demo_build.result.stderr
    assert demo_build.result.returncode == 0, output[-3000:]
    assert "nhs_jobs:" in output and "fpm:" in output  # progress per source
    assert "34 listings from 2 sources -> " in output  # and a final summary naming the top merge:
    assert "Practice Manager (Southam Surgery, Southam): 4 listings (fpm x3, nhs_jobs)" in output


def test_demo_database_holds_listings_vacancies_and_a_crawl_per_source(demo_build):
    db = sqlite_utils.Database(demo_build.path)
    assert db["listings"].count == 34
    assert 0 < db["vacancies"].count < db["listings"].count
    assert {row["source"]: row["status"] for row in db["crawls"].rows} == {"fpm": "ok", "nhs_jobs": "ok"}
