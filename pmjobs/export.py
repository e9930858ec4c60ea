"""CSV export for recruiters: one row per vacancy or per listing, safe to open in Excel."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Mapping, Sequence
from contextlib import nullcontext
from pathlib import Path

import sqlite_utils

#: Cells Excel would run as formulas (CSV injection) get a leading apostrophe; `-` too, since
#: `-2+3+cmd|' /C calc'!A0` runs (numbers are written as numbers, so only text is touched).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def export_csv(db_path: str | Path, table: str = "vacancies", output: str | Path | None = None, excel: bool = False) -> int:
    """Write `table` as CSV to `output` (stdout when None); `excel` adds a UTF-8 BOM. Returns rows written."""
    if not Path(db_path).exists():
        raise FileNotFoundError(f"no database at {db_path}: run `pmjobs demo --no-serve` or `pmjobs crawl` first")
    db = sqlite_utils.Database(db_path)
    if not db[table].exists():
        raise LookupError(f"{db_path} has no {table} table: run `pmjobs demo --no-serve` or `pmjobs crawl` first")
    columns = db[table].columns_dict
    order = "closing_date, vacancy_id" if "closing_date" in columns and "vacancy_id" in columns else "rowid"
    encoding = "utf-8-sig" if excel else "utf-8"
    if output is None:
        sys.stdout.reconfigure(encoding=encoding, newline="")
    with open(output, "w", encoding=encoding, newline="") if output else nullcontext(sys.stdout) as handle:
        return write_csv_rows(csv.writer(handle), list(columns), db.query(f"select * from [{table}] order by {order}"))


def write_csv_rows(writer, columns: Sequence[str], rows: Iterable[Mapping[str, object]], header: bool = True) -> int:
    """Write a header of `columns` (unless a stream has written it) and one line per row, every cell
    safe for Excel; return rows written."""
    if header:
        writer.writerow(list(columns))
    count = 0
    for row in rows:
        writer.writerow([_safe_cell(row.get(name)) for name in columns])
        count += 1
    return count
