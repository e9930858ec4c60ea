"""Closing-date parsing speed and accuracy: pipeline.dates vs plain dateparser on real texts.

Run from the repository root: `python -m bench.bench_dates`. Texts are the hand-labelled
tests/data/closing_dev.tsv when present, else the real strings of tests/test_dates.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

import dateparser

from bench.accuracy import CLOSING_DEV, load_rows
from bench.report import write_section
from pipeline import dates
from pipeline.dates import ClosingDate, parse_closing_date

Case = tuple[str, date | None, date | None, bool]  # text, reference date, expected closing date, open-ended


def _optional_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def load_cases() -> tuple[str, list[Case]]:
    """(where the texts come from, cases)."""
    if CLOSING_DEV.exists():
        rows = load_rows(CLOSING_DEV)
        return "tests/data/closing_dev.tsv", [
            (
                row["text"],
                _optional_date(row["reference_date"]),
                _optional_date(row["closing_date"]),
                row["closing_open_ended"] == "1",
            )
            for row in rows
        ]
    from tests.test_dates import REAL_DATES

    return "the real strings of tests/test_dates.py", [(*case, False) for case in REAL_DATES]


def _ours(text: str, reference: date | None) -> date | None:
    return parse_closing_date(text, reference).date


def _plain_dateparser(text: str, reference: date | None) -> date | None:
    found = dateparser.parse(text, languages=["en"], settings={"DATE_ORDER": "DMY"})
    return found.date() if found else None


def measure(parse: Callable[[str, date | None], date | None], cases: list[Case], seconds: float = 2.0) -> tuple[float, int]:
    """(strings per second with a cold cache each pass, strings read right)."""
    right = sum(parse(text, reference) == expected for text, reference, expected, _ in cases)
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        dates._parse.cache_clear()
        for text, reference, *_ in cases:
            parse(text, reference)
        done += len(cases)
    return done / (time.perf_counter() - started), right


def main() -> None:
    origin, cases = load_cases()
    ours_rate, ours_right = measure(_ours, cases)
    plain_rate, plain_right = measure(_plain_dateparser, cases)
    total = len(cases)
    row_exact = sum(
        parse_closing_date(text, reference) == ClosingDate(expected, open_ended) for text, reference, expected, open_ended in cases
    )
    markdown = f"""## Closing dates (`bench/bench_dates.py`)

{total} real closing-date texts from {origin}; our parser's cache is cleared before every pass.

| parser | strings/s | dates right |
|---|---:|---:|
| `pipeline.dates.parse_closing_date` | {ours_rate:,.0f} | {ours_right}/{total} ({ours_right / total:.1%}) |
| `dateparser.parse(text, languages=['en'], settings={{'DATE_ORDER': 'DMY'}})` | {plain_rate:,.0f} | {plain_right}/{total} ({plain_right / total:.1%}) |

Speed ratio: **{ours_rate / plain_rate:.1f}x** plain dateparser. Row-exact (date and open-ended flag):
{row_exact}/{total} ({row_exact / total:.1%}); dateparser has no open-ended reading.
"""
    print(markdown)
    write_section("dates", markdown)


if __name__ == "__main__":
    main()
