"""The SQLite schema and the writes the crawl makes: listings, their history and the crawl log."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from spiders.items import NORMALISED_FIELDS, RAW_FIELDS

LISTING_COLUMNS: dict[str, type] = {
    "listing_id": str,
    **{name: str for name in RAW_FIELDS},
    **{name: str for name in NORMALISED_FIELDS},
    "salary_min": float,
    "salary_max": float,
    "salary_pro_rata": int,
    "salary_annual_fte_min": float,
    "salary_annual_fte_max": float,
    "salary_band_min": float,
    "salary_band_max": float,
    "closing_open_ended": int,
    "latitude": float,
    "longitude": float,
    "first_seen": str,
    "last_seen": str,
    "status": str,
    "vacancy_id": str,
}
#: Changes worth a row in listing_history (salary edits, closing-date extensions, retitles).
TRACKED_FIELDS = ("title", "salary_text", "closing_text", "closing_date", "status")
LISTING_INDEXES = ("source", "role", "county", "nation", "salary_band", "salary_period", "closing_date", "status", "vacancy_id")
LISTING_SEARCH_COLUMNS = ("title", "employer", "location", "description")
VACANCY_SEARCH_COLUMNS = ("title", "employer", "location", "salary_text")


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if need be) the pmjobs database, in WAL mode so a killed write loses nothing."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.enable_wal()
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    listings = db["listings"]
    if not listings.exists():
        if not db["vacancies"].exists():
            # Dedupe rebuilds this table; declaring it now lets listings point at their vacancy, so
            # Datasette links each vacancy to its listings.
            db["vacancies"].create({"vacancy_id": str}, pk="vacancy_id")
        listings.create(LISTING_COLUMNS, pk="listing_id", foreign_keys=[("vacancy_id", "vacancies", "vacancy_id")])
        for column in LISTING_INDEXES:
            listings.create_index([column], if_not_exists=True)
        listings.enable_fts(LISTING_SEARCH_COLUMNS, create_triggers=True)
    if not db["listing_history"].exists():
        db["listing_history"].create(
            {"id": int, "listing_id": str, "field": str, "old_value": str, "new_value": str, "changed_at": str},
            pk="id",
            foreign_keys=[("listing_id", "listings", "listing_id")],
        )
        db["listing_history"].create_index(["listing_id"])
    if not db["crawls"].exists():
        db["crawls"].create(
            {"id": int, "source": str, "started": str, "finished": str, "items": int, "dropped": int,
             "broken_cards": int, "errors": int, "status": str, "status_reason": str, "finish_reason": str,
             "field_stats": str},
            pk="id",
        )


def upsert_listing(db: sqlite_utils.Database, fields: Mapping[str, object], seen_at: str) -> bool:
    """Insert a new listing or refresh a known one; return True when it is new.

    A known listing keeps its first_seen and vacancy_id; what changed is written to listing_history.
    """
    listing_id = f"{fields['source']}:{fields['source_id']}"
    row = {name: fields.get(name) for name in LISTING_COLUMNS if name in fields}
    row.update(listing_id=listing_id, last_seen=seen_at, status="open")
    table = db["listings"]
    with db.conn:
        try:
            old = table.get(listing_id)
        except sqlite_utils.db.NotFoundError:
            table.insert({**row, "first_seen": seen_at}, alter=True)  # alter: databases from older versions gain new columns
            return True
        changes = [
            {"listing_id": listing_id, "field": name, "old_value": old.get(name), "new_value": row.get(name), "changed_at": seen_at}
            for name in TRACKED_FIELDS
            if name in row and str(old.get(name) or "") != str(row.get(name) or "")
        ]
        if changes:
            db["listing_history"].insert_all(changes)
        table.update(listing_id, row, alter=True)
    return False


def recent_good_items(db: sqlite_utils.Database, source: str, runs: int) -> list[int]:
    """Adverts kept by the last `runs` ok crawls of `source`, newest first."""
    return [row[0] for row in db.execute(
        "select items from crawls where source = ? and status = 'ok' order by id desc limit ?", [source, runs])]


def record_crawl(db: sqlite_utils.Database, crawl: Mapping[str, object]) -> None:
    with db.conn:
        db["crawls"].insert(dict(crawl), alter=True)


def _set_status(db: sqlite_utils.Database, status: str, where: str, params: list, changed_at: str) -> int:
    """Move the listings matching `where` to `status`, writing each change to listing_history."""
    with db.conn:
        db.execute(
            "insert into listing_history (listing_id, field, old_value, new_value, changed_at) "
            f"select listing_id, 'status', status, ?, ? from listings where {where}",
            [status, changed_at, *params],
        )
        return db.execute(f"update listings set status = ? where {where}", [status, *params]).rowcount


def close_vanished(db: sqlite_utils.Database, source: str, run_started: str) -> int:
    """Mark open listings of `source` that this run did not see as closed; return how many.

    Only call it for a source whose crawl was `ok`: any other must never close its listings.
    """
    return _set_status(db, "closed", "source = ? and status = 'open' and last_seen < ?", [source, run_started], utc_now())


def expire_past_closing(db: sqlite_utils.Database, today: str) -> int:
    """Mark open listings whose closing date has passed as expired; return how many."""
    return _set_status(db, "expired", "status = 'open' and closing_date < ?", [today], utc_now())


def enable_vacancy_search(db: sqlite_utils.Database) -> None:
    """Full-text search over the vacancies table, rebuilt after each dedupe."""
    if db["vacancies"].exists():
        db["vacancies"].enable_fts(VACANCY_SEARCH_COLUMNS, create_triggers=True, replace=True)
