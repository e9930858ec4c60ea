"""Crawl -> store -> dedupe, the chain every command that fills the database runs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dedupe.apply import dedupe_database
from pipeline.store import open_database
from pmjobs.crawl import SourceResult, run_spiders
from pmjobs.snapshot_server import serve_snapshots


@dataclass
class BuildSummary:
    sources: list[SourceResult]
    listings: int
    vacancies: int
    merged_listings: int

    def lines(self) -> list[str]:
        failed = [result.source for result in self.sources if not result.ok]
        return [
            f"{self.listings} listings from {len(self.sources)} sources -> {self.vacancies} vacancies "
            f"({self.merged_listings} repeated listings merged)",
            *( [f"sources that failed: {', '.join(failed)}"] if failed else []),
        ]


def build(
    sources: Sequence[str],
    db_path: str | Path,
    offline: bool = False,
    progress: Callable[[str], None] = print,
) -> BuildSummary:
    """Crawl `sources` (live, or the recorded snapshots on loopback when `offline`), then dedupe."""
    progress(f"Crawling {', '.join(sources)}{' from the recorded snapshots' if offline else ''} into {db_path}")
    if offline:
        with serve_snapshots() as base_url:
            results = run_spiders(sources, db_path, base_url=base_url, progress=progress)
    else:
        results = run_spiders(sources, db_path, progress=progress)
    progress("Deduplicating listings into vacancies")
    db = open_database(db_path)
    dedupe_database(db)
    listings = db.execute("select count(*) from listings where vacancy_id is not null").fetchone()[0]
    vacancies = db["vacancies"].count if db["vacancies"].exists() else 0
    db.close()
    return BuildSummary(results, listings, vacancies, listings - vacancies)
