"""Normalised comparison keys of one listing, and the blocking keys that decide which listings meet.

Boards write the same advert differently ("Pract. Mgr" / "Practice Manager", "The Hollies Surgery" /
"Hollies Medical Centre", "CV47 0FE" / "CV47"), so scoring compares these keys, never raw text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

#: Abbreviations boards use in titles, expanded before comparing (whole words, lower case).
TITLE_ABBREVIATIONS = {
    "pract": "practice", "prac": "practice", "mgr": "manager", "mngr": "manager", "man": "manager",
    "asst": "assistant", "ass": "assistant", "assist": "assistant", "dep": "deputy", "snr": "senior",
    "sr": "senior", "jnr": "junior", "ops": "operations", "bus": "business", "pm": "practice manager",
    "apm": "assistant practice manager", "dpm": "deputy practice manager",
    "pcn": "primary care network", "mgmt": "management", "admin": "administration", "&": "and",
}
#: Words that say where or how, not which job: dropped from titles.
TITLE_NOISE = frozenset({"gp", "general", "practice's", "surgery", "vacancy", "job", "urgent", "new",
                         "required", "wanted", "nhs", "the", "a", "for", "at", "of", "our", "in"})
#: Seniority words: two titles that disagree on these are different jobs at the same practice.
SENIORITY_WORDS = frozenset({"assistant", "deputy", "trainee", "junior", "senior", "lead", "head",
                             "interim", "locum", "acting"})
#: Employer words that say what kind of place it is, not which one; dropped before comparing.
EMPLOYER_STOP_WORDS = frozenset({
    "the", "surgery", "surgeries", "medical", "centre", "center", "centres", "health", "healthcare",
    "practice", "practices", "group", "partners", "partnership", "and", "dr", "drs", "doctors", "gp",
    "gps", "nhs", "ltd", "limited", "llp", "cic", "plc", "clinic", "family", "primary", "care",
})
#: Advertisers that post for many practices (umbrella accounts, agencies): their name is no identity.
UMBRELLA_EMPLOYERS = tuple(re.compile(pattern, re.I) for pattern in (
    r"^central advertising\b",
    r"^gp practices?\b",
    r"^general practices?\b",
    r"^(nhs )?jobs\b",
    r"\brecruit(ment|ing)?\b",
    r"\bagency\b",
    r"\bstaffing\b",
    r"\bpersonnel\b",
    r"^confidential\b",
    r"^(not specified|n/?a|unknown|various)$",
))
#: Words that mark a location part as a practice's name ("Francis Road Medical Centre, Leyton").
PRACTICE_NAME_WORDS = re.compile(r"\b(surgery|medical|health centre|practice|clinic|partnership)\b", re.I)
#: Roles that share a block. A title such as "Operations Manager" is classified by its employer, which
#: many boards omit, so roles a missing employer can flip between are blocked together.
ROLE_FAMILIES = {
    "practice_manager": "practice", "practice_business_manager": "practice",
    "assistant_or_deputy_practice_manager": "assistant", "pcn_manager": "pcn",
    "operations_manager_primary_care": "other", "other_primary_care_management": "other", "not_relevant": "other",
}
#: Days per time window in blocking by outward code or employer; listings closer than this always meet.
BLOCK_WINDOW_DAYS = 90
#: The same, by town or county, on closing dates.
CLOSING_WINDOW_DAYS = 7
#: Blocks whose members are only compared with the members of a probing block: target kind -> probe kind.
PROBED_BLOCKS = {"in-county": "county", "employer-anywhere": "employer-unplaced"}

#: Where-it-is phrases boards append to titles: "(GP Practice)", "- GP Surgery", "at a GP practice".
TITLE_SETTING_SUFFIX = re.compile(r"\s*(\(|[-–|,]|\bat\b|\bin\b)\s*(a |our |the )?(gp|general|medical|doctors'?)\s+"
                                  r"(practice|surgery|centre)\s*\)?\s*$", re.I)

_WORD = re.compile(r"[a-z0-9&']+")
_PLACE_SUFFIX = re.compile(r"\s+[-–|,]\s+((?!\s[-–|,]\s).)+$")


@dataclass(frozen=True, slots=True)
class ListingKeys:
    """What scoring compares: one listing reduced to its normalised fields."""

    title: str
    seniority: str
    reference: str
    employer: str
    location_text: str
    signature: str
    role: str
    postcode: str
    outward_code: str
    town: str
    county: str
    latitude: float | None
    longitude: float | None
    salary_min: float | None
    salary_max: float | None
    closing_day: int | None
    posted_day: int | None
    time_day: int | None

    @property
    def place_precision(self) -> int:
        """3 full postcode, 2 outward code, 1 town, 0 county only, -1 nothing."""
        return 3 if self.postcode else 2 if self.outward_code else 1 if self.town else 0 if self.county else -1


def _words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower().replace(".", " "))


@lru_cache(maxsize=65536)
def _title_words(title: str) -> str:
    """Lower case, abbreviations expanded, setting phrases and noise words dropped (unless that is all: "GP")."""
    words = []
    for word in _words(TITLE_SETTING_SUFFIX.sub("", title)):
        words.extend(TITLE_ABBREVIATIONS.get(word, word).split())
    return " ".join([word for word in words if word not in TITLE_NOISE] or words)


@lru_cache(maxsize=65536)
def _place_suffix(title: str) -> tuple[str, frozenset[str]]:
    """(title before a trailing "- Something", the words of that something); ("", {}) without one."""
    text = TITLE_SETTING_SUFFIX.sub("", title)
    suffix = _PLACE_SUFFIX.search(text)
    return (text[: suffix.start()], frozenset(_words(suffix.group()))) if suffix else ("", frozenset())


def title_key(title: str, place_text: str = "") -> str:
    """The title's words for comparing; a trailing "- Town" naming the listing's place is dropped."""
    head, suffix_words = _place_suffix(title or "")
    if suffix_words and place_text and suffix_words & set(_words(place_text)):
        return _title_words(head)
    return _title_words(title or "")


def seniority_key(title_words: str) -> str:
    return " ".join(sorted(set(title_words.split()) & SENIORITY_WORDS))


def is_umbrella_employer(employer: str | None) -> bool:
    """True when the advertiser posts for many practices, so its name does not identify one."""
    text = " ".join((employer or "").split())
    return not text or any(pattern.search(text) for pattern in UMBRELLA_EMPLOYERS)


@lru_cache(maxsize=65536)
def employer_key(employer: str | None) -> str:
    """The identifying words of an employer ("The Hollies Surgery & Partners" -> "hollies"); "" for umbrellas."""
    if is_umbrella_employer(employer):
        return ""
    words = [TITLE_ABBREVIATIONS.get(word, word) for word in _words(employer)]
    return " ".join(word for word in words if word not in EMPLOYER_STOP_WORDS)


def practice_from_location(location: str | None) -> str:
    """The practice named in a location line, as NHS Jobs writes it ("Francis Road medical Centre, Leyton")."""
    for part in (location or "").split(","):
        if PRACTICE_NAME_WORDS.search(part):
            return part.strip()
    return ""


def reference_key(reference: object) -> str:
    """An advertiser's own job reference, letters and digits only; too short to be unique -> ""."""
    text = re.sub(r"[^a-z0-9]", "", str(reference or "").lower())
    return text if len(text) >= 5 else ""


def _day(value: object) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return None


def _number(value: object) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _fold(text: object) -> str:
    return " ".join(str(text or "").lower().split())


def salary_figures(row: Mapping[str, object]) -> tuple[float | None, float | None]:
    """Annual full-time figures when known, else the stated ones; one-sided ranges fill the other side."""
    low = _number(row.get("salary_annual_fte_min"))
    high = _number(row.get("salary_annual_fte_max"))
    if low is None and high is None:
        low, high = _number(row.get("salary_min")), _number(row.get("salary_max"))
    return (low if low is not None else high), (high if high is not None else low)


def listing_keys(row: Mapping[str, object]) -> ListingKeys:
    """Keys of one listing: raw fields (title, employer, location, salary_text) plus normalised ones."""
    town, county = _fold(row.get("town")), _fold(row.get("county"))
    employer = employer_key(str(row.get("employer") or "")) or employer_key(practice_from_location(str(row.get("location") or "")))
    title = title_key(str(row.get("title") or ""), f"{town} {county} {row.get('location') or ''}")
    salary_min, salary_max = salary_figures(row)
    closing_day, posted_day = _day(row.get("closing_date")), _day(row.get("posted_date"))
    signature = "|".join(_fold(row.get(name)) for name in ("title", "employer", "location", "salary_text")) + f"|{closing_day}|{posted_day}"
    return ListingKeys(
        title=title,
        seniority=seniority_key(title),
        reference=reference_key(row.get("reference")),
        employer=employer,
        location_text=" ".join(_words(str(row.get("location") or ""))),
        signature=signature,
        role=str(row.get("role") or ""),
        postcode=_fold(row.get("postcode")),
        outward_code=_fold(row.get("outward_code")),
        town=" ".join(_words(town)),
        county=county,
        latitude=_number(row.get("latitude")),
        longitude=_number(row.get("longitude")),
        salary_min=salary_min,
        salary_max=salary_max,
        closing_day=closing_day,
        posted_day=posted_day,
        time_day=closing_day or posted_day or _day(row.get("first_seen")),
    )


def _windows(day: int | None, days: int) -> tuple:
    """The window a day falls in and the next one: two days fewer than `days` apart share a window."""
    return (None,) if day is None else (day // days, day // days + 1)


def blocking_keys(keys: ListingKeys) -> set[tuple]:
    """Blocks a listing joins; two listings are compared only when they share one.

    Every block is one role family at one place. By outward code, or by real employer within a
    county, listings fewer than BLOCK_WINDOW_DAYS apart meet (so a re-advert months later is still
    compared). By town or county, where only a matching closing date can make a merge, listings meet
    when their closing dates are under a week apart; undated ones meet undated ones. Listings with a
    town, or with a place, join the county's or the employer's wider block only as targets
    (PROBED_BLOCKS): a county-only or a placeless listing is compared with them, they are not
    compared with each other there.
    """
    family = ROLE_FAMILIES.get(keys.role, "other")
    months = _windows(keys.time_day, BLOCK_WINDOW_DAYS)
    weeks = _windows(keys.closing_day, CLOSING_WINDOW_DAYS) if keys.closing_day is not None else months
    placed = keys.place_precision >= 0
    blocks = [("outward", keys.outward_code, months), ("town", keys.town, weeks),
              ("county" if keys.place_precision == 0 else "in-county", keys.county, weeks),
              ("employer-anywhere" if placed else "employer-unplaced", keys.employer, months)]
    if placed and keys.employer:
        blocks.append(("employer", f"{keys.employer} | {keys.county}", months))
    return {(kind, family, value, window) for kind, value, windows in blocks if value for window in windows}
