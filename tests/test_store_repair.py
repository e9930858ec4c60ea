"""A first run killed after `listings` exists but before its indexes and full-text search leaves a
database the next run completes (defect 11 of the fault probe)."""

from __future__ import annotations

import sqlite_utils

from pipeline.store import LISTING_COLUMNS, LISTING_INDEXES, VACANCY_COLUMNS, open_database


def test_a_half_made_schema_is_completed_on_the_next_open(tmp_path):
    db_path = tmp_path / "pmjobs.db"
    half = sqlite_utils.Database(db_path)  # what a run killed straight after creating the table leaves
    half["vacancies"].create(VACANCY_COLUMNS, pk="vacancy_id")
    half["listings"].create(LISTING_COLUMNS, pk="listing_id")
    half["listings"].insert(
        {
            "listing_id": "nhs_jobs:L916256359",
            "source": "nhs_jobs",
            "source_id": "L916256359",
            "title": "Practice Manager",
            "employer": "GP Practices - Betsi Cadwaladr University Health Board",
            "location": "Holywell CH8 7TR",
        }
    )
    half.close()

    db = open_database(db_path)
    indexed = {tuple(index.columns) for index in db["listings"].indexes}
    assert set(LISTING_INDEXES) <= indexed
    assert db["listings"].detect_fts() == "listings_fts"
    assert [row["listing_id"] for row in db["listings"].search("Holywell")] == ["nhs_jobs:L916256359"]
    assert {"listing_history", "crawls", "dedupe_decisions"} <= set(db.table_names())
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
