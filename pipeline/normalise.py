"""One raw advert (strings as a board shows them) -> its normalised fields.

Shared by the Scrapy pipeline, `pmjobs normalise` and `pmjobs dedupe`, so every path parses alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pipeline.dates import parse_closing_date, parse_date
from pipeline.places import find_postcode, parse_place
from pipeline.practices import named_practices, resolve_practice
from pipeline.roles import classify_title
from pipeline.salary import parse_salary


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def normalise_listing(raw: Mapping[str, str | None], reference: date | None = None) -> dict:
    """Parse `salary_text`, `closing_text`, `posted_text`, `location`, `title` (+ `employer`, `description`).

    `reference` is the crawl date: it dates a posted text without a year; the posted date in turn
    dates a closing text without a year and picks the Agenda for Change pay year.
    """
    reference = reference or date.today()
    posted = parse_date(raw.get("posted_text"), reference)
    closing = parse_closing_date(raw.get("closing_text"), posted or reference)
    salary = parse_salary(raw.get("salary_text"), pay_year=(posted or reference).year)
    place = parse_place(raw.get("location"))
    if not place.postcode and raw.get("description"):
        body_postcode = find_postcode(raw.get("description"))
        if body_postcode:
            place = parse_place(f"{raw.get('location') or ''} {body_postcode}")
    practice = resolve_practice(raw.get("employer"), tuple(named_practices(raw.get("title"), raw.get("location"))),
                                raw.get("description"), place)
    return {
        "role": classify_title(raw.get("title"), raw.get("employer") or ""),
        "salary_min": salary.min,
        "salary_max": salary.max,
        "salary_period": salary.period,
        "salary_pro_rata": int(salary.pro_rata),
        "salary_band": salary.band,
        "salary_annual_fte_min": salary.annual_fte_min,
        "salary_annual_fte_max": salary.annual_fte_max,
        "salary_band_min": salary.band_min,
        "salary_band_max": salary.band_max,
        "closing_date": _iso(closing.date),
        "closing_open_ended": int(closing.open_ended),
        "posted_date": _iso(posted),
        "postcode": place.postcode,
        "outward_code": place.outward_code,
        "town": place.town,
        "county": place.county,
        "nation": place.nation,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "ods_code": practice.ods_code,
        "practice_name": practice.name,
    }


def unread_fields(raw: Mapping[str, str | None], fields: Mapping[str, object]) -> list[str]:
    """Which of salary and closing had text that yielded nothing ("Competitive", "31/02/2021")."""
    unread = []
    if (raw.get("salary_text") or "").strip() and not fields["salary_period"] and not fields["salary_band"]:
        unread.append("salary")
    if (raw.get("closing_text") or "").strip() and not fields["closing_date"] and not fields["closing_open_ended"]:
        unread.append("closing")
    return unread
