"""`pmjobs dedupe`: a CSV of listings in, the same rows out with the vacancy_id each belongs to."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from dedupe.run import DedupeSummary, deduplicate
from pipeline.csvio import csv_rows, raw_fields, replaced_on_success
from pipeline.normalise import normalise_listing

REQUIRED_COLUMNS = ("id", "source", "title", "employer", "location", "salary", "closing", "url")
VACANCY_COLUMN = "vacancy_id"


def csv_listing(row: Mapping[str, str], listing_id: str, today: date) -> dict:
    """One CSV row as a listing: its raw fields under the database's names plus the parsed fields."""
    raw, reference, _ = raw_fields(row, today)
    return {"listing_id": listing_id, "source": row.get("source"), **raw, **normalise_listing(raw, reference=reference)}


def csv_listings(rows: list[dict[str, str]], today: date) -> list[dict]:
    """Listings of CSV rows, each with a unique listing_id "<source>:<id>" (a repeated one gets "#<row>")."""
    listings, seen = [], set()
    for number, row in enumerate(rows):
        listing_id = f"{row['source']}:{row['id']}"
        if listing_id in seen:
            listing_id = f"{listing_id}#{number}"
        seen.add(listing_id)
        listings.append(csv_listing(row, listing_id, today))
    return listings


def dedupe_csv(input_path: str | Path, output_path: str | Path, today: date | None = None) -> DedupeSummary:
    """Write every input row with a vacancy_id column; rows that already carry one keep it."""
    today = today or date.today()
    with csv_rows(input_path, REQUIRED_COLUMNS) as (header, numbered):
        rows = [row for _, row in numbered]
    listings = csv_listings(rows, today)
    existing = [(row.get(VACANCY_COLUMN) or "").strip() or None for row in rows]
    result = deduplicate(listings, existing)
    clusters = result.clusters
    with replaced_on_success(output_path) as target:
        fieldnames = header if VACANCY_COLUMN in header else [*header, VACANCY_COLUMN]
        writer = csv.DictWriter(target, fieldnames=fieldnames, extrasaction="ignore")
        writer.writeheader()
        for row, vacancy in zip(rows, clusters.vacancy_ids):
            writer.writerow({**row, VACANCY_COLUMN: vacancy})
    return result.summary(existing)
