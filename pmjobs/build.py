"""Crawl -> store -> dedupe, the chain every command that fills the database runs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import sqlite_utils

from dedupe.apply import DedupeSummary, dedupe_listings
from pipeline import health
from pipeline.crawl_log import CrawlSummary
from pipeline.store import (
    close_vanished,
    expire_past_closing,
    open_database,
    recent_crawls,
    relevant_listings,
    replace_vacancies,
    utc_now,
)
from pmjobs.backup import backup_database
from pmjobs.crawl import run_spiders
from pmjobs.lock import database_lock
from pmjobs.snapshot_server import serve_snapshots


@dataclass
class BuildSummary:
    sources: list[CrawlSummary]
    listings: int
    vacancies: int
    merged_listings: int
    most_listed: list[str]
    #: Sources not crawled tonight because their last runs all failed, and until when.
    backed_off: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.sources) and not self.backed_off

    def lines(self) -> list[str]:
        failed = [f"{result.source} {result.status} ({result.status_reason})" for result in self.sources if not result.ok]
        return [
            f"{self.listings} listings from {len(self.sources)} sources -> {self.vacancies} vacancies "
            f"({self.merged_listings} repeated listings merged)",
            *(["most advertised:"] + [f"  {line}" for line in self.most_listed] if self.most_listed else []),
            *([f"sources not ok, their listings left as they were: {'; '.join(failed)}"] if failed else []),
            *([f"sources backing off after failing: {'; '.join(self.backed_off)}"] if self.backed_off else []),
        ]


def _most_listed(db, limit: int = 3) -> list[str]:
    """The vacancies with the most listings, as a reader would name them."""
    rows = db.query(
        "select v.title, v.employer, v.town, v.county, v.n_listings, group_concat(l.source, ',') as sources "
        "from vacancies v join listings l on l.vacancy_id = v.vacancy_id where v.n_listings > 1 "
        "group by v.vacancy_id order by v.n_listings desc, v.vacancy_id limit ?",
        [limit],
    )
    lines = []
    for row in rows:
        counts = Counter(row["sources"].split(","))
        where = ", ".join(part for part in (row["employer"], row["town"] or row["county"]) if part)
        listed = ", ".join(f"{source} x{n}" if n > 1 else source for source, n in sorted(counts.items()))
        lines.append(f"{row['title']} ({where}): {row['n_listings']} listings ({listed})")
    return lines


def dedupe_stored(db: sqlite_utils.Database) -> DedupeSummary:
    """Group the stored listings into vacancies and store the vacancies and every decision."""
    outcome = dedupe_listings(relevant_listings(db))
    replace_vacancies(db, outcome.assignments, outcome.vacancies, outcome.decisions)
    return outcome.summary


def build(
    sources: Sequence[str | type],
    db_path: str | Path,
    offline: bool = False,
    nightly: bool = False,
    settings: dict | None = None,
    progress: Callable[[str], None] = print,
    base_url: str | None = None,
    spider_args: dict | None = None,
    today: date | None = None,
) -> BuildSummary:
    """Crawl `sources` (live, the recorded snapshots on loopback when `offline`, or `base_url`), then dedupe.

    `nightly` also closes the listings that an `ok` source no longer shows and expires those past
    their closing date; a source failed, blocked or degraded keeps its listings open. `today` fixes
    the date that closing dates are read against and compared with (default: the real date).
    """
    with database_lock(db_path), ExitStack() as stack:
        if nightly:
            copy = backup_database(db_path)
            progress(f"Backed up {db_path} to {copy}" if copy else f"No database at {db_path} yet: nothing to back up")
        if offline and base_url is None:
            base_url = stack.enter_context(serve_snapshots())
        return _build(sources, db_path, nightly, settings or {}, progress, base_url, spider_args, today or date.today())


def _backing_off(db_path: str | Path, sources: Sequence[str | type], now: datetime) -> dict[str, str]:
    """The sources to leave alone tonight, each with why and until when."""
    if not Path(db_path).exists():
        return {}
    db, waiting = open_database(db_path), {}
    for name in (getattr(source, "name", source) for source in sources):
        recent = recent_crawls(db, name, health.FAILURES_BEFORE_BACKOFF + 8)
        hours = health.backoff_hours([status for status, _ in recent])
        until = datetime.fromisoformat(recent[0][1]) + timedelta(hours=hours) if hours else now
        if until > now:
            waiting[name] = f"{name} (its last {health.FAILURES_BEFORE_BACKOFF}+ runs failed; next try after {until.isoformat()})"
    db.close()
    return waiting


def _build(sources, db_path, nightly, settings, progress, base_url, spider_args, today: date) -> BuildSummary:
    run_started = utc_now()
    backed_off = _backing_off(db_path, sources, datetime.fromisoformat(run_started)) if nightly else {}
    for reason in backed_off.values():
        progress(f"  backing off: {reason}")
    sources = [source for source in sources if getattr(source, "name", source) not in backed_off]
    names = [getattr(source, "name", source) for source in sources]
    progress(f"Crawling {', '.join(names)} from {base_url or 'the live sites'} into {db_path}")
    results = (
        run_spiders(
            sources,
            db_path,
            base_url=base_url,
            progress=progress,
            spider_args=spider_args,
            **{"PMJOBS_TODAY": today.isoformat(), **settings},
        )
        if sources
        else []
    )
    db = open_database(db_path)
    if nightly:
        for result in results:
            if result.ok and not result.truncated:
                closed = close_vanished(db, result.source, run_started)
                progress(f"  {result.source}: {closed} listings no longer advertised, marked closed")
            elif result.ok:
                progress(f"  {result.source}: search stopped at its page limit; unseen listings stay as they were")
            else:
                progress(f"  {result.source}: crawl {result.status} ({result.status_reason}); its listings stay as they were")
        expired = expire_past_closing(db, today.isoformat())
        progress(f"  {expired} listings past their closing date, marked expired")
    progress("Deduplicating listings into vacancies")
    dedupe_stored(db)
    listings = db.execute("select count(*) from listings where vacancy_id is not null").fetchone()[0]
    vacancies = db["vacancies"].count if db["vacancies"].exists() else 0
    most_listed = _most_listed(db)
    db.close()
    return BuildSummary(results, listings, vacancies, listings - vacancies, most_listed, list(backed_off.values()))
