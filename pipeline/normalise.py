"""One raw advert (strings as a board shows them) -> its normalised fields.

Shared by the Scrapy pipeline, `pmjobs normalise` and `pmjobs dedupe`, so every path parses alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date

from pipeline.dates import ClosingDate, closing_in_text, parse_closing_date, parse_date
from pipeline.places import find_postcode, parse_place, postcodes_in
from pipeline.practices import named_practices, resolve_practice
from pipeline.relevance import decide_relevance
from pipeline.salary import parse_salary


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _columns(parsed: object, prefix: str = "") -> dict[str, object]:
    """A parsed value's fields as listing columns (salary.min -> salary_min), dates as ISO, flags as 0/1."""
    columns = {}
    for field in fields(parsed):  # shallow: the parsed values are flat, and asdict's deep copy is slow
        name, value = field.name, getattr(parsed, field.name)
        if isinstance(value, bool):
            value = int(value)
        elif isinstance(value, date):
            value = value.isoformat()
        columns[f"{prefix}_{name}" if prefix else name] = value
    return columns


def _closing(raw: Mapping[str, str | None], posted: date | None, today: date) -> tuple[ClosingDate, str]:
    """The closing date and where it was read: the board's closing field, else the advert text (a date in it
    before the posting is a stale line of an earlier advert, so it is not read)."""
    closing = parse_closing_date(raw.get("closing_text"), posted or today, read_on=today)
    if closing.date or closing.open_ended:
        return closing, "closing field"
    closing = closing_in_text(raw.get("description"), posted or today, read_on=today)
    if closing.date and posted and closing.date < posted:
        return ClosingDate(None, False), ""
    return closing, "advert text" if closing.date or closing.open_ended else ""


def normalise_listing(raw: Mapping[str, str | None], reference: date | None = None) -> dict:
    """Parse `salary_text`, `closing_text`, `posted_text`, `location`, `title` (+ `employer`,
    `description`, `category`, `source`).

    `reference` is the crawl date: it dates a posted text without a year; the posted date in turn
    dates a closing text without a year and picks the Agenda for Change pay year, and the place's
    nation picks that year's table (Scotland's or England's).
    """
    reference = reference or date.today()
    posted = parse_date(raw.get("posted_text"), reference)
    closing, closing_from = _closing(raw, posted, reference)
    place = parse_place(raw.get("location"))
    if not place.postcode and raw.get("description"):
        body_postcode = find_postcode(raw.get("description"))
        if body_postcode:
            place = parse_place(f"{raw.get('location') or ''} {body_postcode}")
    practice = resolve_practice(
        raw.get("employer"),
        tuple(named_practices(raw.get("title"), raw.get("location"))),
        raw.get("description"),
        place,
        postcodes_in(raw.get("location")),
    )
    salary = parse_salary(raw.get("salary_text"), pay_year=(posted or reference).year, nation=place.nation)
    relevance = decide_relevance(
        raw.get("title"), raw.get("employer") or "", raw.get("description") or "", raw.get("category") or "", raw.get("source") or ""
    )
    return {
        "role": relevance.role,
        "relevance_reason": relevance.reason,
        **_columns(salary, "salary"),
        **_columns(closing, "closing"),
        "closing_from": closing_from,
        "posted_date": _iso(posted),
        **_columns(place),
        "ods_code": practice.practice.ods_code,
        "practice_name": practice.practice.name,
        "ods_evidence": practice.evidence,
    }


def unread_fields(raw: Mapping[str, str | None], fields: Mapping[str, object]) -> list[str]:
    """Which of salary and closing had text that yielded nothing ("Competitive", "31/02/2021")."""
    unread = []
    if (raw.get("salary_text") or "").strip() and not fields["salary_period"] and not fields["salary_band"]:
        unread.append("salary")
    if (raw.get("closing_text") or "").strip() and not fields["closing_date"] and not fields["closing_open_ended"]:
        unread.append("closing")
    return unread
