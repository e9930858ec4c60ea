"""The store keeps what it knew: first_seen and vacancy ids survive re-crawls, changes are logged,
and only a successful crawl closes listings."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from pipeline.store import close_vanished, expire_past_closing, open_database, record_crawl, upsert_listing, upsert_listings

SOUTHAM = {
    "source": "nhs_jobs",
    "source_id": "F-M84026-0920",
    "url": "https://www.jobs.nhs.uk/candidate/jobadvert/F-M84026-0920",
    "title": "Practice Manager",
    "employer": "Southam Surgery",
    "location": "Southam CV47 1NY",
    "salary_text": "Competitive depending on experience",
    "closing_text": "27 September 2020",
    "closing_date": "2020-09-27",
}
HARROW = {
    "source": "nhs_jobs",
    "source_id": "L916254266",
    "url": "https://www.jobs.nhs.uk/candidate/jobadvert/L916254266",
    "title": "Primary Care Network Manager",
    "salary_text": "£42-50K dependent on experience",
    "closing_date": "2020-11-16",
}


@pytest.fixture
def db(tmp_path):
    return open_database(tmp_path / "pmjobs.db")


def test_new_then_seen_again_with_a_salary_edit(db):
    assert upsert_listing(db, SOUTHAM, seen_at="2020-09-08T02:00:00+00:00") is True
    db["listings"].update("nhs_jobs:F-M84026-0920", {"vacancy_id": "v123"})
    edited = {**SOUTHAM, "salary_text": "£40,000 - £45,000 a year", "closing_text": "4 October 2020", "closing_date": "2020-10-04"}
    assert upsert_listing(db, edited, seen_at="2020-09-09T02:00:00+00:00") is False
    row = db["listings"].get("nhs_jobs:F-M84026-0920")
    assert row["first_seen"] == "2020-09-08T02:00:00+00:00" and row["last_seen"] == "2020-09-09T02:00:00+00:00"
    assert row["vacancy_id"] == "v123" and row["salary_text"] == "£40,000 - £45,000 a year"
    changes = {(change["field"], change["old_value"], change["new_value"]) for change in db["listing_history"].rows}
    assert changes == {
        ("salary_text", "Competitive depending on experience", "£40,000 - £45,000 a year"),
        ("closing_text", "27 September 2020", "4 October 2020"),
        ("closing_date", "2020-09-27", "2020-10-04"),
    }


def test_unchanged_listing_writes_no_history(db):
    upsert_listing(db, SOUTHAM, seen_at="2020-09-08T02:00:00+00:00")
    upsert_listing(db, SOUTHAM, seen_at="2020-09-09T02:00:00+00:00")
    assert db["listing_history"].count == 0 and db["listings"].count == 1


def test_a_batch_is_one_transaction_and_a_listing_given_twice_is_refreshed_by_its_second_copy(db):
    statements = []
    db.conn.set_trace_callback(statements.append)
    edited = {**SOUTHAM, "salary_text": "£40,000 - £45,000 a year"}
    assert upsert_listings(db, [SOUTHAM, HARROW, edited], seen_at="2020-09-08T02:00:00+00:00") == [True, True, False]
    assert statements.count("COMMIT") == 1
    assert db["listings"].count == 2 and db["listings"].get("nhs_jobs:F-M84026-0920")["salary_text"] == edited["salary_text"]
    assert [(row["field"], row["new_value"]) for row in db["listing_history"].rows] == [("salary_text", edited["salary_text"])]


def test_a_batch_that_fails_writes_none_of_its_listings(db):
    broken = {**HARROW, "description": ["a list", "SQLite cannot store"]}
    with pytest.raises(sqlite3.ProgrammingError):
        upsert_listings(db, [SOUTHAM, broken], seen_at="2020-09-08T02:00:00+00:00")
    assert db["listings"].count == 0


def test_only_listings_the_run_did_not_see_are_closed(db):
    upsert_listing(db, SOUTHAM, seen_at="2020-09-08T02:00:00+00:00")
    upsert_listing(db, HARROW, seen_at="2020-09-09T02:00:00+00:00")
    assert close_vanished(db, "nhs_jobs", run_started="2020-09-09T01:59:00+00:00") == 1
    assert db["listings"].get("nhs_jobs:F-M84026-0920")["status"] == "closed"
    assert db["listings"].get("nhs_jobs:L916254266")["status"] == "open"
    assert close_vanished(db, "fpm", run_started="2020-09-10T00:00:00+00:00") == 0


def test_listings_past_their_closing_date_expire(db):
    upsert_listing(db, SOUTHAM, seen_at="2020-09-08T02:00:00+00:00")
    upsert_listing(db, HARROW, seen_at="2020-09-08T02:00:00+00:00")
    assert expire_past_closing(db, today="2020-10-01") == 1
    assert db["listings"].get("nhs_jobs:F-M84026-0920")["status"] == "expired"


def test_search_index_follows_writes(db):
    upsert_listing(db, SOUTHAM, seen_at="2020-09-08T02:00:00+00:00")
    assert [row["title"] for row in db["listings"].search("Southam")] == ["Practice Manager"]


def test_status_changes_are_written_to_history(db):
    upsert_listing(db, SOUTHAM, seen_at="2020-09-08T02:00:00+00:00")
    expire_past_closing(db, today="2020-10-01")
    (change,) = db["listing_history"].rows
    assert (change["listing_id"], change["field"], change["old_value"], change["new_value"]) == (
        "nhs_jobs:F-M84026-0920",
        "status",
        "open",
        "expired",
    )


def test_a_database_from_an_older_version_gains_new_columns(tmp_path):
    old = sqlite_utils.Database(tmp_path / "old.db")
    old["listings"].create(
        {
            "listing_id": str,
            "source": str,
            "source_id": str,
            "title": str,
            "first_seen": str,
            "last_seen": str,
            "status": str,
            "vacancy_id": str,
        },
        pk="listing_id",
    )
    old["crawls"].create({"id": int, "source": str, "items": int}, pk="id")
    old.close()
    db = open_database(tmp_path / "old.db")
    assert upsert_listing(db, SOUTHAM, seen_at="2020-09-08T02:00:00+00:00") is True
    record_crawl(db, {"source": "nhs_jobs", "items": 1, "field_stats": "{}"})
    assert db["listings"].get("nhs_jobs:F-M84026-0920")["salary_text"] == SOUTHAM["salary_text"]
    assert "field_stats" in db["crawls"].columns_dict


def _search_writes(db, write) -> int:
    """Rows `write` changed beyond the listing itself (the full-text index's tables, written by triggers)."""
    before = db.conn.total_changes
    write()
    return db.conn.total_changes - before - 1


def test_seeing_a_listing_again_rewrites_no_search_index_but_a_new_title_is_found(db):
    upsert_listing(db, SOUTHAM, seen_at="2020-09-08T02:00:00+00:00")
    assert _search_writes(db, lambda: upsert_listing(db, SOUTHAM, seen_at="2020-09-09T02:00:00+00:00")) == 0
    assert _search_writes(db, lambda: db.execute("update listings set vacancy_id = 'v1'")) == 0  # what dedupe writes
    assert _search_writes(db, lambda: upsert_listing(db, {**SOUTHAM, "location": "Southam"}, seen_at="2020-09-10T02:00:00+00:00")) > 0
    upsert_listing(db, {**SOUTHAM, "title": "Business Manager"}, seen_at="2020-09-11T02:00:00+00:00")
    assert [row["title"] for row in db["listings"].search("Business")] == ["Business Manager"]
    assert list(db["listings"].search("Practice")) == []


def test_a_database_whose_update_trigger_reindexes_every_update_gets_the_narrow_one(tmp_path):
    db = open_database(tmp_path / "pmjobs.db")
    upsert_listing(db, SOUTHAM, seen_at="2020-09-08T02:00:00+00:00")
    db.execute("drop trigger listings_au")
    db.execute(
        "create trigger listings_au after update on listings begin "
        "insert into listings_fts (listings_fts, rowid, title, employer, location, description) "
        "values ('delete', old.rowid, old.title, old.employer, old.location, old.description); "
        "insert into listings_fts (rowid, title, employer, location, description) "
        "values (new.rowid, new.title, new.employer, new.location, new.description); end"
    )
    assert _search_writes(db, lambda: upsert_listing(db, SOUTHAM, seen_at="2020-09-09T02:00:00+00:00")) > 0
    db.close()
    db = open_database(tmp_path / "pmjobs.db")
    assert _search_writes(db, lambda: upsert_listing(db, SOUTHAM, seen_at="2020-09-10T02:00:00+00:00")) == 0
    assert [row["title"] for row in db["listings"].search("Southam")] == ["Practice Manager"]
