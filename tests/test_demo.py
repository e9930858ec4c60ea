"""`pmjobs demo --no-serve`: the first-run build every other demo test reads. A broken demo fails here."""

from __future__ import annotations

import sqlite_utils


def test_demo_builds_and_reports_each_source(demo_build):
    output = demo_build.result.stdout + demo_build.result.stderr
    assert demo_build.result.returncode == 0, output[-3000:]
    assert "nhs_jobs:" in output and "fpm:" in output  # progress per source
    assert "55 listings from 8 sources -> " in output  # and a final summary naming the top merge:
    assert "Practice Manager (Southam Surgery, Southam): 4 listings (fpm x3, nhs_jobs)" in output


def test_demo_database_holds_listings_vacancies_and_a_crawl_per_source(demo_build):
    db = sqlite_utils.Database(demo_build.path)
    assert db["listings"].count == 55
    assert 0 < db["vacancies"].count < db["listings"].count
    sources = ("adzuna", "bmj_careers", "fpm", "hscni", "jsonld", "nhs_jobs", "nhs_scotland", "reed")
    assert {row["source"]: row["status"] for row in db["crawls"].rows} == dict.fromkeys(sources, "ok")


def test_demo_collapses_cross_board_copies(demo_build):
    """Vacancies advertised on two or more boards: the composed copies (Reed, Adzuna, the mirror) and FPM."""
    db = sqlite_utils.Database(demo_build.path)
    boards = dict(
        db.execute(
            "select vacancy_id, group_concat(distinct source) from listings group by vacancy_id having count(distinct source) > 1"
        ).fetchall()
    )
    assert len(boards) >= 5
    assert {"nhs_jobs,reed", "adzuna,reed"} <= {",".join(sorted(value.split(","))) for value in boards.values()}
    mirror = db.execute("select vacancy_id from listings where source = 'jsonld' and reference = 'L916250002'").fetchone()[0]
    assert boards[mirror] and "nhs_jobs" in boards[mirror]
