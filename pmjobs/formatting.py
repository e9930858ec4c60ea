"""How the site words numbers, pay and dates ("£35,000–£40,000 a year", "Fri 6 Nov 2026"): the
Jinja filters of every pmjobs page, pure functions of stored values."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pipeline.roles import NOT_RELEVANT, ROLES

_PERIOD_WORDS = {"annual": "a year", "hourly": "an hour", "weekly": "a week", "monthly": "a month", "daily": "a day"}
_BOARD_NAMES = {
    "nhs_jobs": "NHS Jobs",
    "fpm": "First Practice Management",
    "bmj_careers": "BMJ Careers",
    "nhs_scotland": "NHS Scotland",
    "hscni": "HSC Jobs (Northern Ireland)",
    "jsonld": "the practice's own site",
}
_ROLE_WORDS = {"pcn_manager": "PCN manager", "operations_manager_primary_care": "Operations manager (primary care)"}
_NO_FIGURE_LENGTH = 60


def number(value: float | int | None, decimals: int = 0) -> str:
    """1234.0 -> "1,234"; None -> "" (never "35000.0")."""
    if value is None or value == "":
        return ""
    return f"{float(value):,.{decimals}f}"


_CURRENCY_SIGNS = {"GBP": "£", "EUR": "€", "USD": "$"}


def money(value: float | int | None, currency: str = "GBP") -> str:
    """A figure with its currency's sign and thousands separators; pence only when the figure has
    them (£15.66, £35,000, €40,000); a currency without a sign here is written as its code."""
    if value is None:
        return ""
    value = float(value)
    figure = f"{value:,.0f}" if value == round(value) else f"{value:,.2f}"
    code = currency or "GBP"  # a listing without figures stores no currency
    return f"{_CURRENCY_SIGNS[code]}{figure}" if code in _CURRENCY_SIGNS else f"{code} {figure}"


def money_range(low: float | None, high: float | None, rounding: int = 0, currency: str = "GBP") -> str:
    """ "£35,000–£40,000", "£45,000", "up to £40,000", "from £35,000"; `rounding` to the nearest N pounds."""
    low, high = (None if v is None else round(float(v) / rounding) * rounding if rounding else v for v in (low, high))
    if low is not None and high is not None:
        return money(low, currency) if low == high else f"{money(low, currency)}–{money(high, currency)}"
    if high is not None:
        return f"up to {money(high, currency)}"
    return f"from {money(low, currency)}" if low is not None else ""


def pay_in_words(row: Mapping[str, object]) -> str:
    """A listing's or vacancy's pay as a reader says it, from its normalised salary columns."""
    band = row.get("salary_band")
    low, high = row.get("salary_min"), row.get("salary_max")
    if band:
        figures = money_range(low, high) if row.get("salary_period") == "annual" else ""
        figures = figures or money_range(row.get("salary_band_min"), row.get("salary_band_max"))
        return f"Band {band}: {figures}" if figures else f"Band {band}"
    figures = money_range(low, high, currency=str(row.get("salary_currency") or "GBP"))
    if not figures:
        text = " ".join(str(row.get("salary_text") or "").split())
        if not text:
            return "Not given"
        if len(text) > _NO_FIGURE_LENGTH:
            text = text[: _NO_FIGURE_LENGTH - 1].rstrip() + "…"
        return f"{text} (no figure given)"
    period = str(row.get("salary_period") or "")
    words = f"{figures[0].upper()}{figures[1:]} {_PERIOD_WORDS.get(period, '')}".rstrip()
    if row.get("salary_pro_rata"):
        words += " pro rata"
    if period != "annual":
        full_time = money_range(row.get("salary_annual_fte_min"), row.get("salary_annual_fte_max"), rounding=100)
        if full_time:
            words += f", about {full_time} full time"
    return words


def full_date(iso: str | None) -> str:
    """ "2026-11-06" -> "Fri 6 Nov 2026"; text that is not an ISO date is returned as it is."""
    if not iso:
        return ""
    try:
        day = date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    return f"{day:%a} {day.day} {day:%b %Y}"


def month_name(iso_month: str) -> str:
    """ "2026-11" -> "Nov"."""
    return f"{date.fromisoformat(iso_month[:7] + '-01'):%b}"


def closes_in(closing_date: str | None, today: date, open_ended: object = 0) -> str:
    """ "closes in 5 days", "closes today", "closed 3 days ago", "open until filled"."""
    if not closing_date:
        return "open until filled" if open_ended else "no closing date given"
    days = (date.fromisoformat(str(closing_date)[:10]) - today).days
    if days < 0:
        return f"closed {-days:,} day{'s' if days < -1 else ''} ago"
    return {0: "closes today", 1: "closes tomorrow"}.get(days, f"closes in {days:,} days")


def miles(value: float | None) -> str:
    """3.21 -> "3.2 miles"; under a tenth of a mile -> "under 0.1 miles"."""
    if value is None:
        return ""
    if value < 0.05:
        return "under 0.1 miles"
    return f"{value:,.1f} mile{'' if round(value, 1) == 1 else 's'}"


def board(source: str | None) -> str:
    """The board's own name for a source key ("nhs_jobs" -> "NHS Jobs")."""
    source = str(source or "")
    return _BOARD_NAMES.get(source, source.replace("_", " ").title())


def pattern_words(working_pattern: str | None) -> list[str]:
    """A listing's stated working patterns in words ("FULL_TIME", "Full-time" and "full time" -> "Full time"), read as
    the site's working-pattern filter reads them in SQL (pmjobs.site.search_sql: "_" and "-" are spaces, any case)."""
    words = (" ".join(part.replace("_", " ").replace("-", " ").split()) for part in str(working_pattern or "").split(","))
    return [part[0].upper() + part[1:].lower() for part in words if part]


def working_patterns(listings: list[dict]) -> str:
    """The working patterns a vacancy's boards state, each once ("Full time, Part time" -> "Full time · Part
    time"); "" when none says."""
    return " · ".join(dict.fromkeys(words for listing in listings for words in pattern_words(listing.get("working_pattern"))))


def role_name(role: str | None) -> str:
    """ "assistant_or_deputy_practice_manager" -> "Assistant or deputy practice manager"."""
    role = str(role or "")
    return _ROLE_WORDS.get(role, role.replace("_", " ").capitalize())


#: The roles a job seeker can choose, in the classifier's order, with their names.
ROLE_CHOICES = [(role, role_name(role)) for role in ROLES if role != NOT_RELEVANT]

FILTERS = {
    "number": number,
    "money": money,
    "pay_in_words": pay_in_words,
    "full_date": full_date,
    "miles": miles,
    "month_name": month_name,
    "board": board,
    "role_name": role_name,
    "working_patterns": working_patterns,
}
