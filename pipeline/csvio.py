"""`pmjobs normalise`: the pipeline's parsers applied to a CSV of adverts, row by row."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from pipeline.normalise import normalise_listing, unread_fields
from spiders.items import CLOSING, PLACE, ROLE, SALARY, fields_of

REQUIRED_COLUMNS = ("salary", "closing")
#: The CSV columns the commands read, and the listing field each one fills.
RAW_BY_COLUMN = {
    "title": "title",
    "employer": "employer",
    "location": "location",
    "salary": "salary_text",
    "closing": "closing_text",
    "posted": "posted_text",
    "description": "description",
    "reference": "reference",
    "category": "category",
    "source": "source",
    "url": "url",
}
SALARY_COLUMNS = fields_of(SALARY)
CLOSING_COLUMNS = fields_of(CLOSING)
ROLE_COLUMNS = fields_of(ROLE)
PLACE_COLUMNS = fields_of(PLACE)
REASON_COLUMN = "reason"
UNREAD_REASONS = {"salary": "salary: no pay figure or band in the text", "closing": "closing: no valid calendar date in the text"}


@dataclass
class NormaliseSummary:
    rows: int = 0
    with_salary_figures: int = 0
    with_closing_date: int = 0
    with_reason: int = 0

    def __str__(self) -> str:
        return (
            f"{self.rows} rows normalised: {self.with_salary_figures} with salary figures, "
            f"{self.with_closing_date} with a closing date, {self.with_reason} with a reason in `{REASON_COLUMN}`"
        )


def _cell(value: object) -> object:
    """Empty for None, and whole numbers without a trailing `.0` (35000, not 35000.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: The longest cell read (an advert's whole description can pass Python's default of 128 kB).
MAX_CELL_BYTES = 16 * 1024 * 1024


def require_columns(path: str | Path, header: Sequence[str], required: Sequence[str]) -> None:
    """A CSV without a column the command needs, or with one twice, is an error that names it."""
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise ValueError(f"{path}: column(s) {', '.join(repeated)} appear more than once in the header; rename one")
    missing = [name for name in required if name not in header]
    if missing:
        raise ValueError(f"{path}: missing required column(s) {', '.join(missing)}; found {', '.join(header) or 'no header'}")


def _undecodable_line(path: str | Path) -> int:
    with open(path, "rb") as raw:
        for number, line in enumerate(raw, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 0


@contextmanager
def csv_rows(path: str | Path, required: Sequence[str]) -> Iterator[tuple[list[str], Iterator[tuple[int, dict]]]]:
    """(header, rows as (line number, row)) of a UTF-8 CSV; a malformed file raises ValueError naming
    the line: bytes that are not UTF-8, a quoted cell never closed, a cell over MAX_CELL_BYTES."""
    csv.field_size_limit(MAX_CELL_BYTES)
    with open(path, encoding="utf-8-sig", newline="") as source:
        reader = csv.DictReader(source, strict=True)

        def rows() -> Iterator[tuple[int, dict]]:
            line = 1
            try:
                for row in reader:
                    yield line + 1, row
                    line = reader.line_num
            except UnicodeDecodeError as error:
                raise ValueError(
                    f"{path}: line {_undecodable_line(path)}: bytes that are not UTF-8 ({error.reason}); nothing was written"
                ) from None
            except csv.Error as error:  # strict: a stray or missing quote is an error, not a merged cell
                raise ValueError(
                    f"{path}: line {line + 1}: a quoted cell opened here is not closed properly ({error}); nothing was written"
                ) from None

        try:
            header = list(reader.fieldnames or [])
        except (UnicodeDecodeError, csv.Error) as error:
            raise ValueError(f"{path}: line 1: unreadable header ({error})") from None
        require_columns(path, header, required)
        yield header, rows()


@contextmanager
def replaced_on_success(path: str | Path) -> Iterator[TextIO]:
    """Write to a temporary file beside `path` and rename it over `path` only when the block succeeds,
    so a failure never leaves a complete-looking partial output."""
    path = Path(path)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent or ".", prefix=f".{path.name}.", suffix=".partial", delete=False
    ) as handle:
        try:
            yield handle
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise
    os.replace(handle.name, path)


def raw_fields(row: Mapping[str, str | None], today: date) -> tuple[dict, date, list[str]]:
    """A CSV row as a listing's raw fields, the date its undated texts are read against (the ISO
    `posted` date, else `today`), and what was wrong with the row."""
    raw = {field: row.get(column) for column, field in RAW_BY_COLUMN.items() if row.get(column) is not None}
    posted_text = (row.get("posted") or "").strip()
    try:
        posted = date.fromisoformat(posted_text[:10]) if posted_text else None
    except ValueError:
        posted = None
    raw["posted_text"] = posted and posted.isoformat()
    reasons = [f"posted: {posted_text!r} is not an ISO date, used {today.isoformat()}"] if posted_text and not posted else []
    return raw, posted or today, reasons


def normalise_row(row: Mapping[str, str | None], today: date) -> tuple[dict, list[str]]:
    """Parsed fields of one CSV row, and the reasons any field stayed empty."""
    raw, reference, reasons = raw_fields(row, today)
    fields = normalise_listing(raw, reference=reference)
    return fields, reasons + [UNREAD_REASONS[name] for name in unread_fields(raw, fields)]


def normalise_csv(input_path: str | Path, output_path: str | Path, today: date | None = None) -> NormaliseSummary:
    """Write every input row with its parsed columns added; a missing required column is an error."""
    today = today or date.today()
    summary = NormaliseSummary()
    with csv_rows(input_path, REQUIRED_COLUMNS) as (header, rows):
        added = (
            SALARY_COLUMNS + CLOSING_COLUMNS + (ROLE_COLUMNS if "title" in header else ()) + (PLACE_COLUMNS if "location" in header else ())
        )
        with replaced_on_success(output_path) as target:
            writer = csv.DictWriter(target, fieldnames=[*header, *added, REASON_COLUMN], extrasaction="ignore")
            writer.writeheader()
            for line_number, row in rows:
                extra = row.pop(None, None)
                try:
                    fields, reasons = normalise_row(row, today)
                except Exception as error:  # a parser bug must not lose the row
                    fields, reasons = {}, [f"line {line_number}: {type(error).__name__}: {error}"]
                if extra:
                    reasons.append(f"line {line_number}: {len(extra)} cell(s) beyond the header ignored")
                writer.writerow({**row, **{name: _cell(fields.get(name)) for name in added}, REASON_COLUMN: "; ".join(reasons)})
                summary.rows += 1
                summary.with_salary_figures += bool(fields.get("salary_period"))
                summary.with_closing_date += bool(fields.get("closing_date"))
                summary.with_reason += bool(reasons)
    return summary
