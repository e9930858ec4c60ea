"""The SQLite schema, owner of every table, and the writes made to it: listings, their history, the
crawl log, and the vacancies and decisions that dedupe computes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import get_type_hints

import sqlite_utils
from sqlite_utils.db import DescIndex

from pipeline.crawl_log import CrawlSummary
from spiders.items import PARSED_GROUPS, RAW, STORE, column_types, descriptions

LISTING_COLUMNS: dict[str, type] = {"listing_id": str, **column_types(RAW, *PARSED_GROUPS, STORE)}
#: Changes worth a row in listing_history (salary edits, closing-date extensions, retitles).
TRACKED_FIELDS = ("title", "salary_text", "closing_text", "closing_date", "status")
#: The listings table page's default order (datasette/metadata.yml `sort_desc`) and the facets it shows.
LISTING_SORT = "last_seen"
LISTING_FACETS = ("source", "role", "nation", "status")
#: As for vacancies (VACANCY_INDEXES): the table page's order (newest first, then the primary key, as
#: the first page's token makes it), so a page is read in index order instead of sorting every row,
#: and each facet's index ending in the sort column, so every count is read from an index; the other
#: filters alone.
LISTING_INDEXES = (
    (DescIndex(LISTING_SORT), "listing_id"),
    *((facet, LISTING_SORT) for facet in LISTING_FACETS),
    *((column,) for column in ("county", "salary_band", "salary_period", "closing_date", "vacancy_id")),
)
LISTING_SEARCH_COLUMNS = ("title", "employer", "location", "description")

#: Columns only a vacancy has (the rest are a listing's, chosen from its best-informed listing).
VACANCY_ONLY: dict[str, tuple[type, str]] = {
    "sources": (str, "The boards that advertise this vacancy, comma-separated"),
    "n_listings": (int, "How many adverts this vacancy collapses"),
    "listing_ids": (str, "The listings of this vacancy (JSON list of listing_id)"),
    "repost_of": (str, "The earlier vacancy this one re-advertises (posted again after it closed)"),
}
# What a job seeker scans first comes first: the job, where, pay, closing date, where advertised.
_VACANCY_ORDER = (
    "vacancy_id",
    "title",
    "employer",
    "town",
    "county",
    "salary_text",
    "salary_annual_fte_min",
    "salary_annual_fte_max",
    "closing_date",
    "sources",
    "n_listings",
    "status",
    "role",
    "location",
    "postcode",
    "outward_code",
    "nation",
    "latitude",
    "longitude",
    "located_by",
    "salary_min",
    "salary_max",
    "salary_period",
    "salary_pro_rata",
    "salary_band",
    "salary_band_min",
    "salary_band_max",
    "salary_currency",
    "closing_open_ended",
    "posted_date",
    "listing_ids",
    "first_seen",
    "last_seen",
    "repost_of",
    "ods_code",
    "practice_name",
)
VACANCY_COLUMNS: dict[str, type] = {
    name: VACANCY_ONLY[name][0] if name in VACANCY_ONLY else LISTING_COLUMNS[name] for name in _VACANCY_ORDER
}
#: The vacancies table page's default order (datasette/metadata.yml `sort`) and the facets it shows.
VACANCY_SORT = "closing_date"
VACANCY_FACETS = ("role", "nation", "county", "salary_band", "salary_period", "sources", "status")
#: The site's searches and the table page's facets, each read from an index instead of every row: the
#: box around a place and the closing order of open vacancies; every facet over all vacancies and
#: within a role (the filter a job seeker sets first). Each ends in the sort column because the first
#: page's `_next` token (pmjobs/paging.py) adds a condition on it to every facet query, which SQLite
#: then reads from the index too.
VACANCY_INDEXES = (
    (VACANCY_SORT,),
    ("status", "latitude", "longitude", VACANCY_SORT),
    *((facet, VACANCY_SORT) for facet in VACANCY_FACETS),
    *(("role", facet, VACANCY_SORT) for facet in VACANCY_FACETS if facet != "role"),
)
VACANCY_SEARCH_COLUMNS = ("title", "employer", "location", "salary_text")
#: The fields dedupe compares, each with its comparison level and its weight in bits in a decision row.
DECISION_FIELDS = ("title", "seniority", "employer", "place", "salary", "closing", "reference", "description")
DECISION_COLUMNS: dict[str, type] = {
    "listing_a": str,
    "listing_b": str,
    "decision": str,
    "decided_by": str,
    "total_weight": float,
    "match_probability": float,
    "prior_weight": float,
    **{f"{field}_{part}": kind for field in DECISION_FIELDS for part, kind in (("level", str), ("weight", float))},
}
_SQL_TYPES = {bool: int, dict: str}
CRAWL_COLUMNS: dict[str, type] = {
    "id": int,
    **{name: _SQL_TYPES.get(hint, hint) for name, hint in get_type_hints(CrawlSummary).items()},
}
HISTORY_COLUMNS: dict[str, type] = {
    "id": int,
    "listing_id": str,
    "field": str,
    "old_value": str,
    "new_value": str,
    "changed_at": str,
}


def column_descriptions() -> dict[str, dict[str, str]]:
    """What each published column holds, per table, for Datasette."""
    listing = descriptions()
    return {
        "listings": {name: listing[name] for name in LISTING_COLUMNS if name in listing},
        "vacancies": {name: VACANCY_ONLY[name][1] if name in VACANCY_ONLY else listing[name] for name in VACANCY_COLUMNS},
    }


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if need be) the pmjobs database, in WAL mode so a killed write loses nothing."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.enable_wal()
    # In WAL mode NORMAL still survives a killed process intact; only a power cut may lose the last
    # commits (the next crawl stores them again). FULL would sync the disk on every listing.
    db.execute("pragma synchronous = normal")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create whatever is missing. Tables and indexes come in one transaction; full-text search
    (which sqlite-utils commits on its own) is checked and rebuilt on every open, so a run killed
    half way leaves a database the next run completes."""
    with db.conn:
        db.execute("begin")
        if not db["vacancies"].exists():
            _create_vacancies(db)
        else:
            _index_table(db["vacancies"], VACANCY_INDEXES)
        listings = db["listings"]
        if not listings.exists():
            listings.create(LISTING_COLUMNS, pk="listing_id", foreign_keys=[("vacancy_id", "vacancies", "vacancy_id")])
        _index_table(listings, LISTING_INDEXES)
        if not db["listing_history"].exists():
            db["listing_history"].create(HISTORY_COLUMNS, pk="id", foreign_keys=[("listing_id", "listings", "listing_id")])
        db["listing_history"].create_index(["listing_id"], if_not_exists=True)
        if not db["dedupe_decisions"].exists():
            _create_decisions(db)
        if not db["crawls"].exists():
            db["crawls"].create(CRAWL_COLUMNS, pk="id")
        for table, columns in (("listings", LISTING_COLUMNS), ("vacancies", VACANCY_COLUMNS), ("crawls", CRAWL_COLUMNS)):
            _add_missing_columns(db[table], columns)
    _ensure_search(db["listings"], LISTING_SEARCH_COLUMNS)
    _ensure_search(db["vacancies"], VACANCY_SEARCH_COLUMNS)


def _add_missing_columns(table: sqlite_utils.db.Table, columns: Mapping[str, type]) -> None:
    """A database from an older version gains the columns declared since."""
    existing = table.columns_dict
    for name, column_type in columns.items():
        if name not in existing:
            table.add_column(name, column_type)


def _ensure_search(table: sqlite_utils.db.Table, columns: Sequence[str]) -> None:
    """Full-text search with its triggers, rebuilt from the table's rows if any part is missing. The
    update trigger fires only when a searched column changes: a crawl seeing a listing again, or dedupe
    naming its vacancy, rewrites no search index. sqlite-utils (4.2) writes its update trigger for every
    update of the row, with no column list or condition, so that one is replaced here."""
    triggers = {f"{table.name}_{suffix}" for suffix in ("ai", "ad", "au")}
    if not table.detect_fts() or not triggers <= set(table.db.triggers_dict):
        table.enable_fts(columns, create_triggers=True, replace=True)
    update = f"{table.name}_au"
    if " WHEN " not in table.db.triggers_dict[update].upper():
        fts, searched = f"{table.name}_fts", ", ".join(f"[{column}]" for column in columns)
        values = {age: ", ".join(f"{age}.[{column}]" for column in columns) for age in ("old", "new")}
        changed = " or ".join(f"old.[{column}] is not new.[{column}]" for column in columns)
        with table.db.conn:
            table.db.execute("begin")
            table.db.execute(f"drop trigger [{update}]")
            table.db.execute(
                f"create trigger [{update}] after update of {searched} on [{table.name}] when {changed} begin "
                f"insert into [{fts}] ([{fts}], rowid, {searched}) values ('delete', old.rowid, {values['old']}); "
                f"insert into [{fts}] (rowid, {searched}) values (new.rowid, {values['new']}); end"
            )


def _create_vacancies(db: sqlite_utils.Database) -> None:
    db["vacancies"].create(VACANCY_COLUMNS, pk="vacancy_id")
    _index_table(db["vacancies"], VACANCY_INDEXES)


def _index_table(table: sqlite_utils.db.Table, indexes: Sequence[Sequence[str]]) -> None:
    """The declared indexes of `table` and no others (a database from an older version loses its
    own, which the query planner could prefer and every write would keep up)."""
    prefix = f"idx_{table.name}_"
    declared = {
        prefix + "_".join(f"{name}_desc" if isinstance(name, DescIndex) else name for name in columns): columns for columns in indexes
    }
    for index in table.indexes:
        if index.name.startswith(prefix) and index.name not in declared:
            table.db.execute(f"drop index [{index.name}]")
    for name, columns in declared.items():
        table.create_index(list(columns), index_name=name, if_not_exists=True)


def _create_decisions(db: sqlite_utils.Database) -> None:
    db["dedupe_decisions"].create(
        DECISION_COLUMNS, foreign_keys=[("listing_a", "listings", "listing_id"), ("listing_b", "listings", "listing_id")]
    )
    for column in ("listing_a", "listing_b"):
        db["dedupe_decisions"].create_index([column], if_not_exists=True)


def relevant_listings(db: sqlite_utils.Database) -> list[dict]:
    """The listings dedupe groups into vacancies, oldest first (so earlier listings name vacancies)."""
    return list(db.query("select * from listings where coalesce(role, '') != 'not_relevant' order by first_seen, listing_id"))


def replace_vacancies(
    db: sqlite_utils.Database,
    assignments: Iterable[tuple[str, str]],
    vacancies: Sequence[Mapping[str, object]],
    decisions: Sequence[Mapping[str, object]],
) -> None:
    """Store one dedupe run in one transaction: each listing's vacancy_id (listing_id, vacancy_id),
    and `vacancies` and `dedupe_decisions` rebuilt with their indexes; then vacancy search."""
    with db.conn:
        db.execute("begin")
        db.conn.executemany(
            "update listings set vacancy_id = ? where listing_id = ?", [(vacancy, listing) for listing, vacancy in assignments]
        )
        db.execute("update listings set vacancy_id = null where role = 'not_relevant'")
        for table in ("vacancies_fts", "vacancies", "dedupe_decisions"):
            db[table].drop(ignore=True)
        _create_vacancies(db)
        _create_decisions(db)
        db["vacancies"].insert_all(vacancies)
        db["dedupe_decisions"].insert_all(decisions)
    _ensure_search(db["vacancies"], VACANCY_SEARCH_COLUMNS)


def upsert_listings(db: sqlite_utils.Database, listings: Sequence[Mapping[str, object]], seen_at: str) -> list[bool]:
    """Insert new listings or refresh known ones, all in one transaction; for each, True when it is new.

    A known listing keeps its first_seen and vacancy_id; what changed is written to listing_history.
    A listing given twice is refreshed by its second copy. Plain SQL over the declared columns
    (ensure_schema has added any a database lacked): this runs for every advert of every crawl.
    """
    with db.conn:
        return [_upsert(db.conn, fields, seen_at) for fields in listings]


def upsert_listing(db: sqlite_utils.Database, fields: Mapping[str, object], seen_at: str) -> bool:
    """One listing in its own transaction (upsert_listings); True when it is new."""
    return upsert_listings(db, [fields], seen_at)[0]


def _upsert(conn: sqlite3.Connection, fields: Mapping[str, object], seen_at: str) -> bool:
    row = {name: value for name, value in dict(fields).items() if name in LISTING_COLUMNS}
    listing_id = row["listing_id"] = f"{row['source']}:{row['source_id']}"
    row.update(last_seen=seen_at, status="open")
    old = conn.execute(_SELECT_TRACKED, [listing_id]).fetchone()
    if old is None:
        row["first_seen"] = seen_at
        conn.execute(_insert_sql(tuple(row)), list(row.values()))
        return True
    changes = [
        (listing_id, name, old_value, row.get(name), seen_at)
        for name, old_value in zip(TRACKED_FIELDS, old)
        if name in row and str(old_value or "") != str(row.get(name) or "")
    ]
    if changes:
        conn.executemany(
            "insert into listing_history (listing_id, field, old_value, new_value, changed_at) values (?, ?, ?, ?, ?)", changes
        )
    conn.execute(_update_sql(tuple(row)), [*row.values(), listing_id])
    return False


_SELECT_TRACKED = f"select {', '.join(f'[{name}]' for name in TRACKED_FIELDS)} from listings where listing_id = ?"


@cache
def _insert_sql(columns: tuple[str, ...]) -> str:
    return f"insert into listings ({', '.join(f'[{name}]' for name in columns)}) values ({', '.join('?' * len(columns))})"


@cache
def _update_sql(columns: tuple[str, ...]) -> str:
    return f"update listings set {', '.join(f'[{name}] = ?' for name in columns)} where listing_id = ?"


def recent_crawls(db: sqlite_utils.Database, source: str, runs: int) -> list[tuple[str, str]]:
    """(status, started) of the last `runs` crawls of `source`, newest first."""
    if not db["crawls"].exists():
        return []
    return db.execute("select status, started from crawls where source = ? order by id desc limit ?", [source, runs]).fetchall()


def recent_good_items(db: sqlite_utils.Database, source: str, runs: int) -> list[int]:
    """Adverts kept by the last `runs` ok crawls of `source`, newest first."""
    return [
        row[0] for row in db.execute("select items from crawls where source = ? and status = 'ok' order by id desc limit ?", [source, runs])
    ]


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
