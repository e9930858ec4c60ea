"""`pmjobs normalise` throughput on real strings, on one core, against plain dateparser.

Rows pair real salary strings (the legacy NHS Jobs corpus, each repeated as often as the 14,842
adverts used it) with real closing-date, title and location strings (the development sets, the
snapshots, the Reed API fixture), cycled. Run from the project root: `python -m bench.bench_normalise`.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
import time
from datetime import date
from itertools import cycle
from pathlib import Path

import dateparser

from bench.report import write_section
from pipeline import dates, places, roles, salary
from pipeline.csvio import normalise_csv, normalise_row

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SALARIES = SHARED / "fixtures-real/nhs-jobs-legacy-jsonld/salary_values_all.tsv"
REED = SHARED / "fixtures-real/reed-api/search-unfiltered-100-results-2024-03.json"
DEV = ROOT / "tests/data"


def _tsv_column(path: Path, column: str) -> list[str]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle, delimiter="\t") if row[column]]


def real_rows() -> list[dict[str, str]]:
    salaries = [
        row["value_text"] for row in csv.DictReader(SALARIES.open(encoding="utf-8"), delimiter="\t") for _ in range(int(row["count"]))
    ]
    reed = json.loads(REED.read_text(encoding="utf-8"))["results"]
    closings = _tsv_column(DEV / "closing_dev.tsv", "text") + [job["expirationDate"] for job in reed]
    titles = _tsv_column(DEV / "roles_dev.tsv", "title") + [job["jobTitle"] for job in reed]
    locations = [job["locationName"] for job in reed] + ["Southam, Warwickshire", "Holywell CH8 7TR", "Hampshire", "Tipton DY4 8PX"]
    rows = zip(salaries, cycle(closings), cycle(titles), cycle(locations))
    return [{"id": str(i), "title": t, "location": loc, "salary": s, "closing": c} for i, (s, c, t, loc) in enumerate(rows)]


def time_normalise(rows: list[dict[str, str]], folder: Path) -> float:
    source, target = folder / "in.csv", folder / "out.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    start = time.perf_counter()
    normalise_csv(source, target)
    return time.perf_counter() - start


def parser_caches() -> list:
    """The parsers' per-string caches (not the place table, which loads once)."""
    found = [getattr(module, name) for module in (salary, dates, places, roles) for name in dir(module)]
    return [f for f in found if hasattr(f, "cache_info") and f.cache_info().maxsize is not None]


def time_uncached(rows: list[dict[str, str]]) -> float:
    """Every row parsed from scratch: caches cleared before each row (no CSV I/O)."""
    caches, today, elapsed = parser_caches(), date.today(), 0.0
    for row in rows:
        for parser_cache in caches:
            parser_cache.cache_clear()
        start = time.perf_counter()
        normalise_row(row, today)
        elapsed += time.perf_counter() - start
    return elapsed


def time_dateparser(texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        dateparser.parse(text, languages=["en"], settings={"DATE_ORDER": "DMY"})
    return time.perf_counter() - start


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    rows = real_rows()
    with tempfile.TemporaryDirectory() as folder:
        cold = time_normalise(rows, Path(folder))  # first pass: parser caches empty
        warm = time_normalise(rows, Path(folder))
    uncached_rate = 3000 / time_uncached(rows[:3000])
    sample = [row["closing"] for row in rows[:3000]]
    dateparser_seconds = time_dateparser(sample)
    cold_rate, warm_rate = len(rows) / cold, len(rows) / warm
    dateparser_rate = len(sample) / dateparser_seconds
    distinct = len({row["salary"] for row in rows}), len({row["closing"] for row in rows})
    report = f"""## `pmjobs normalise` throughput (bench/bench_normalise.py)

One core, {len(rows):,} rows of real strings ({distinct[0]:,} distinct salary texts in their real frequencies,
{distinct[1]:,} distinct closing-date texts cycled), CSV in and out, every column parsed (salary, closing date,
role, place).

| run | rows/s |
|---|---|
| `pmjobs normalise`, first pass (parser caches empty) | {cold_rate:,.0f} |
| `pmjobs normalise`, second pass (caches warm) | {warm_rate:,.0f} |
| one row at a time with every parser cache cleared before each row (first 3,000 rows, no CSV I/O) | {uncached_rate:,.0f} |
| plain `dateparser.parse` on the same closing-date texts (first 3,000 rows), dates only | {dateparser_rate:,.0f} |

Whole-row normalisation, first pass, is **{cold_rate / dateparser_rate:.1f}x** the rate of dateparser alone on
the closing dates, and **{uncached_rate / dateparser_rate:.1f}x** with no cache help at all (target >= 4x);
target for `pmjobs normalise` >= 5,000 rows/s.
"""
    print(report)
    write_section("normalise", report)


if __name__ == "__main__":
    main()
