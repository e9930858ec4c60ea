"""Listings as columns of normalised comparison keys, built once per distinct value.

Boards write the same advert differently ("Pract. Mgr" / "Practice Manager", "The Hollies Surgery" /
"Hollies Medical Centre", "CV47 0FE" / "CV47"), so the model compares these keys, never raw text.
Each key is a column over listings (integer codes for strings, floats for numbers) so that blocking
and comparing are array operations, and each distinct title or employer is normalised once.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

import numpy as np

from pipeline.places import parse_place
from pipeline.practices import CONFIDENT, PRACTICE_NAME_WORDS, is_umbrella_employer, name_key, named_practices
from pipeline.roles import NOT_RELEVANT, classify_title, title_words
from pipeline.salary import parse_salary

#: Words that say where or how, not which job: dropped from titles (unless that is all: "GP").
TITLE_NOISE = frozenset(
    {
        "gp",
        "general",
        "practice's",
        "surgery",
        "vacancy",
        "job",
        "urgent",
        "new",
        "required",
        "wanted",
        "nhs",
        "the",
        "a",
        "for",
        "at",
        "of",
        "our",
        "in",
    }
)
#: Working pattern and contract words, which boards add or leave out ("Part Time Practice Nurse"): always dropped.
TITLE_WORKING_PATTERN = frozenset({"part", "full", "time", "permanent", "experienced", "immediate", "start"})
#: Words that only join others ("Full and Part Time", "Reception and Admin Lead"): always dropped, so that a
#: working pattern's "and" is not left as the key of "General Practitioner - Full and Part Time".
TITLE_CONNECTORS = frozenset({"and", "or"})
#: Hours a board writes into a title: "(30 hours per week)", "- 37.5 hrs".
TITLE_HOURS = re.compile(r"\(?\b\d+(?:\.\d+)?\s*(?:hours|hrs)\b(?:\s*(?:per|a|/)\s*week|\s*pw)?\)?", re.I)
#: Seniority words: two titles that disagree on these are different jobs at the same practice.
SENIORITY_WORDS = frozenset({"assistant", "deputy", "trainee", "junior", "senior", "lead", "head", "interim", "locum", "acting", "bank"})
#: Words of a salary text that say nothing about the offer.
SALARY_NOISE = frozenset({"salary", "pay", "the", "a", "per", "annum", "pa"})
#: Roles that share a block. A title such as "Operations Manager" is classified by its employer, which
#: many boards omit, so roles a missing employer can flip between are blocked together.
ROLE_FAMILIES = {
    "practice_manager": "practice",
    "practice_business_manager": "practice",
    "assistant_or_deputy_practice_manager": "assistant",
    "pcn_manager": "pcn",
    "operations_manager_primary_care": "other",
    "other_primary_care_management": "other",
    "not_relevant": "other",
}
#: Where-it-is phrases boards append to titles: "(GP Practice)", "- GP Surgery", "at a GP practice".
TITLE_SETTING_SUFFIX = re.compile(
    r"\s*(\(|[-–|,]|\bat\b|\bin\b)\s*(a |our |the )?(gp|general|medical|doctors'?)\s+"
    r"(practice|surgery|centre)\s*\)?\s*$",
    re.I,
)

#: A bracketed part of a title: "Staff Nurse (Ward 5)", "Flexible Workforce (Bank) Doctor (Paediatrics)".
TITLE_BRACKETED = re.compile(r"[(\[]([^()\[\]]*)[)\]]")

#: The opening of an advert's text compared (characters, cut at a word): boards that cut the text keep its start.
DESCRIPTION_OPENING_CHARS = 200
#: A shorter opening says too little to compare ("Please see attached").
DESCRIPTION_MIN_CHARS = 60
#: Words of the opening that listings blocked on advert text share (a board's cut copy keeps them).
DESCRIPTION_BLOCK_WORDS = 8
#: Characters of an advert's text read for its opening (more only when these hold too few words).
DESCRIPTION_READ_CHARS = 400
#: Characters of two same-board adverts' texts compared to tell the same advert re-sent from a second advert.
DESCRIPTION_BODY_CHARS = 1500
#: Characters of a title, employer or location line keyed: longer text names nothing more (a broken page
#: or CSV cell of a megabyte), and fuzzy comparisons cost the product of the two lengths.
NAME_READ_CHARS = 300

#: Bytes kept in a word (a-z, digits, & and '; A-Z lower-cased); any other byte of the ASCII text, and any non-ASCII
#: character, becomes a space. (A translation table reads advert texts about twice as fast as a regular expression.)
_WORD_BYTES = bytes(
    ord(chr(byte).lower()) if byte < 128 and chr(byte).lower() in "abcdefghijklmnopqrstuvwxyz0123456789&'" else 32 for byte in range(256)
)
#: The last part of a title after " - ", ", ", " in " or " at ", or in brackets: "- HMP Leeds", ", Highbridge Medical Centre".
_TRAILING_PART = re.compile(r"(?:\s*,\s+|\s+[-–|/]\s+|\s+(?:at|in)\s+)(?:(?!\s[-–|/]\s|,\s|\s(?:at|in)\s).)+$|\s*\(((?!\().)+\)\s*$", re.I)

#: A title's trailing part that is only the pay ("Optometrist / Abergavenny / £65,000", "... Hub, £15ph").
_TITLE_PAY = re.compile(
    r"(?:up to |from )?£\s?\d[\d,.]*k?(?:\s?(?:-|to)\s?£?\d[\d,.]*k?)?\s*(?:ph|p/h|per hour|an hour|per session|pa|per annum|a year)?", re.I
)


@dataclass(frozen=True)
class Coded:
    """A string column as integer codes (equal strings, equal codes; a missing value is -1) and its distinct strings.

    Listings repeat a few titles, employers and towns many times over, so each distinct pair of strings
    is compared once however many listing pairs share it.
    """

    codes: np.ndarray
    values: list[str]

    @classmethod
    def of(cls, strings: Sequence[str], empty_is_missing: bool = True) -> Coded:
        return cls.mapped(strings, lambda value: value, empty_is_missing)  # type: ignore[arg-type, return-value]

    @classmethod
    def mapped(cls, values: Sequence[object], key: Callable[[object], str], empty_is_missing: bool = True) -> Coded:
        """Coded keys of raw values, each distinct raw value keyed once (in first-seen order, so codes are reproducible)."""
        table: dict[str, int] = {}
        code_of = {}
        for raw in dict.fromkeys(values):
            value = key(raw)
            code_of[raw] = -1 if empty_is_missing and not value else table.setdefault(value, len(table))
        return cls(np.fromiter(map(code_of.__getitem__, values), np.int64, len(values)), list(table))

    @classmethod
    def distinct(cls, values: Sequence[object]) -> Coded:
        """Coded.of(values, empty_is_missing=False) in one pass over the values: for values that are nearly all distinct
        objects (advert texts), where a second pass costs a second hash lookup of each."""
        table: dict[object, int] = {}
        codes = np.fromiter(map(lambda value: table.setdefault(value, len(table)), values), np.int64, len(values))
        return cls(codes, list(table))  # type: ignore[arg-type]

    @classmethod
    def combined(cls, columns: Sequence[Coded]) -> Coded:
        """One code per distinct combination of the columns' values (a missing value is one value here)."""
        combined = np.zeros(len(columns[0].codes), dtype=np.int64)
        for column in columns:  # re-coded after each step, so the running code stays below the number of listings
            width = len(column.values) + 1
            _, combined = np.unique(combined * width + column.codes + 1, return_inverse=True)
            combined = combined.ravel().astype(np.int64)
        return cls(combined, [str(code) for code in range(int(combined.max()) + 1)] if len(combined) else [])

    def at(self, by: Coded) -> Coded:
        """This column, keyed on `by`'s distinct values, as a column over `by`'s rows (missing where `by` is)."""
        return Coded(np.where(by.codes >= 0, np.append(self.codes, -1)[by.codes], -1), self.values)

    def same(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return (self.codes[left] == self.codes[right]) & (self.codes[left] >= 0)

    def known(self, index: np.ndarray) -> np.ndarray:
        return self.codes[index] >= 0

    def frequency(self, adverts: Coded) -> np.ndarray:
        """Share of the distinct adverts with a value that have each value (term frequency), by code. An advert
        a board repeats word for word (same `adverts` code) counts once, so repeats do not make a value common."""
        known = self.codes >= 0
        pairs = np.unique(self.codes[known] * max(len(adverts.values), 1) + adverts.codes[known], return_inverse=True)[0]
        counts = np.bincount(pairs // max(len(adverts.values), 1), minlength=len(self.values)).astype(float)
        return counts / max(counts.sum(), 1.0)


#: An HTML tag: Adzuna marks the search term in titles ("Assistant <strong>Practice Manager</strong>"), JSON-LD
#: descriptions are HTML ("<p>We are looking for ...").
_MARKUP = re.compile(r"<[^<>]*>")


def _without_markup(text: str) -> str:
    return _MARKUP.sub(" ", html.unescape(text))


def _word_text(text: str | None) -> str:
    """The text's lower-case words joined by single spaces."""
    text = text or ""
    ascii_text = text.encode("ascii") if text.isascii() else text.lower().encode("ascii", "replace")  # lower() may make ASCII
    return b" ".join(ascii_text.translate(_WORD_BYTES).split()).decode("ascii")


def _words(text: str | None) -> list[str]:
    return _word_text(text).split()


@lru_cache(maxsize=65536)
def _folded_words(text: str) -> tuple[str, ...]:
    return tuple(title_words(text))


def _title_key_words(*parts: str) -> str:
    """The title's words without noise words (unless that is all: "GP"), folded part by part so that a common
    head ("Practice Manager") and a common tail (a practice's name) are each folded once."""
    words = [word for part in parts for word in _folded_words(part) if word not in TITLE_WORKING_PATTERN and word not in TITLE_CONNECTORS]
    return " ".join([word for word in words if word not in TITLE_NOISE] or words)


#: A trailing part of a title: (key of the title without it and the parts after it, its words, the practice it
#: names or "" (name_key), the town it is or "", whether it names a practice, a town or the pay).
TitleCut = tuple[str, frozenset[str], str, str, bool]


@lru_cache(maxsize=65536)
def _title_parts(title: str) -> tuple[str, tuple[TitleCut, ...]]:
    """(key of the whole title, and its trailing parts from the end, TitleCut): "Nurse - Thorney Surgery - Octagon"
    has two."""
    text = TITLE_HOURS.sub(" ", TITLE_SETTING_SUFFIX.sub("", _without_markup(title))).strip()
    parts = []
    while (suffix := _TRAILING_PART.search(text)) and suffix.start() > 0:
        parts.append(text[suffix.start() :])
        text = text[: suffix.start()]
    parts = [text, *reversed(parts)]
    cuts = tuple(
        (_title_key_words(*parts[:end]), frozenset(_words(parts[end])), *_site_named(parts[end].strip(" -–|/,()")))
        for end in range(len(parts) - 1, 0, -1)
    )
    return _title_key_words(*parts), cuts


def _site_named(text: str) -> tuple[str, str, bool]:
    """The practice a part of a title names (its name_key: "Yeading Medical Centre" -> "yeading"; "" for none), the
    town it is when it is a town with its county ("Greenford"; "" for none), and whether it names a practice, a town
    or the pay ("£65,000", "£15ph")."""
    practices = named_practices(text)
    if practices:
        return name_key(practices[0]), "", True
    if _TITLE_PAY.fullmatch(text):
        return "", "", True
    place = parse_place(text)
    town = text if place.county and place.town.lower() == text.lower() else ""
    return "", town, bool(town)


def _chosen_title_key(parts: tuple[str, tuple[TitleCut, ...]], context: Callable[[], str]) -> tuple[str, str, str]:
    """The whole title's key without the trailing parts that name a practice, a town or the pay, or a word of the
    listing's place or employer; and the practice and the town the parts so dropped name ("" for none)."""
    key, cuts = parts
    site, town, words = "", "", None
    for head, tail_words, practice, part_town, names_site in cuts:
        if not head:
            break
        if not names_site:
            words = set(_words(context())) if words is None else words
            if not tail_words & words:
                break
        key, site, town = head, practice or site, part_town or town
    return key, site, town


def title_key(title: str, context: str = "") -> str:
    """The title's words for comparing; trailing parts ("- Town", "- Yeading Medical Centre", ", Octagon") naming
    a practice or a word of `context` (the listing's place and employer) are dropped, so boards that add them and
    boards that do not agree."""
    return _chosen_title_key(_title_parts(title or ""), lambda: context)[0]


def _title_keys(titles: Coded, context: Callable[[int], str]) -> tuple[list[str], list[str], dict[int, str]]:
    """title_key of each listing's title (`titles`: the raw titles, coded), the practice a dropped part names
    ("Bank Receptionist - Lindley Medical Practice" -> "lindley", else ""), and by listing the town a dropped part
    is ("Optometrist / Abergavenny / £65,000" -> "Abergavenny"); only a title with a trailing part is keyed
    listing by listing, with the context text of listing i."""
    parts = [_title_parts(str(title or "")[:NAME_READ_CHARS]) for title in titles.values]
    keys = list(map([whole for whole, _ in parts].__getitem__, titles.codes.tolist()))
    sites, towns = [""] * len(keys), {}
    for i in np.flatnonzero(np.array([bool(cuts) for _, cuts in parts], dtype=bool)[titles.codes]).tolist():
        keys[i], sites[i], town = _chosen_title_key(parts[titles.codes[i]], lambda i=i: context(i))
        if town:
            towns[i] = town
    return keys, sites, towns


def title_qualifier_key(title: object) -> str:
    """The keyed words of a title's bracketed parts, sorted ("Bank Registered Nurse (RMN)" -> the words RMN folds to;
    "(Ward 5)" -> "5 ward"); hours and working-pattern words ("(30 hours per week)", "(Permanent)") give none."""
    text = TITLE_HOURS.sub(" ", _without_markup(str(title or "")[:NAME_READ_CHARS]))
    return " ".join(sorted({word for part in TITLE_BRACKETED.findall(text) for word in _title_key_words(part).split()}))


#: Agenda for Change bands in order, so that a range ("5-6") names each band it spans.
AFC_BANDS = ("1", "2", "3", "4", "5", "6", "7", "8", "8a", "8b", "8c", "8d", "9")


def bands_key(salary_and_title: tuple[object, object]) -> str:
    """The Agenda for Change bands a listing names, in its pay (the parsed `salary_band`) or its title ("Covid
    Virtual Ward – Band 3/4 Health Care Assistants"), each band of a range named: "5-6" -> "5 6"."""
    salary_band, title = salary_and_title
    named = set()
    for band in (str(salary_band or ""), parse_salary(str(title or "")[:NAME_READ_CHARS]).band):
        low, _, high = band.partition("-")
        if low in AFC_BANDS:
            named.update(AFC_BANDS[AFC_BANDS.index(low) : AFC_BANDS.index(high) + 1] if high in AFC_BANDS else (low,))
    return " ".join(sorted(named, key=AFC_BANDS.index))


def seniority_key(title_key_words: str) -> str:
    return " ".join(sorted(set(title_key_words.split()) & SENIORITY_WORDS))


def _own_employer_key(employer: object) -> str:
    employer = str(employer or "")[:NAME_READ_CHARS]
    return "" if is_umbrella_employer(employer) else name_key(employer)


def _location_practice_key(location: object) -> str:
    return next((key for key in map(name_key, named_practices(str(location or "")[:NAME_READ_CHARS])) if key), "")


def employer_key(employer: str | None, location: str | None = "") -> str:
    """The identifying words of the employer: its own name, else the practice named in the location line
    (NHS Jobs writes "Francis Road medical Centre, Leyton" under an umbrella advertiser); "" for none."""
    return _own_employer_key(employer) or _location_practice_key(location)


def reference_key(reference: object) -> str:
    """An advertiser's own job reference, letters and digits only; too short to be unique -> ""."""
    text = re.sub(r"[^a-z0-9]", "", str(reference or "").lower())
    return text if len(text) >= 5 else ""


#: Sources that gather other sites' adverts (an aggregator, or any site's JobPosting page), so one job may stand
#: at two of their addresses; every other board gives each advert one address.
GATHERING_SOURCES = frozenset({"adzuna", "indeed", "jsonld"})


def address_key(url: object) -> str:
    """An advert's address without scheme, "www.", fragment or trailing slash."""
    return re.sub(r"^[a-z]+://(?:www\.)?", "", str(url or "").strip().lower()).split("#")[0].rstrip("/")


def board_adverts(reference: Coded, address: Coded, gathering: np.ndarray) -> Coded:
    """What names each advert on its board: its reference, else (on a board that is not a gatherer) its address
    (legacy NHS Jobs `…/xi/vacancy/916167355` has no reference); missing if neither."""
    by_address = np.where(gathering | (address.codes < 0), -1, address.codes + len(reference.values))
    return Coded(np.where(reference.codes >= 0, reference.codes, by_address), reference.values + address.values)


def _day(value: object) -> float:
    if not value:
        return np.nan
    try:
        return float(date.fromisoformat(str(value)[:10]).toordinal())
    except ValueError:
        return np.nan


def _number(value: object) -> float:
    if value is None or value == "":
        return np.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return np.nan


def _floats(values: list) -> np.ndarray:
    """A column of numbers, NaN where missing or unreadable; floats and None (as the database holds them) convert in C."""
    try:
        return np.array(values, dtype=float)
    except (TypeError, ValueError):
        return np.array(_mapped(values, _number), dtype=float)


def _salary_wording(text: object) -> str:
    """The words of a salary text ("Salary: Competitive, DOE" -> "competitive doe"), compared when it has no figures."""
    return " ".join(word for word in _words(str(text or "")) if word not in SALARY_NOISE)


def description_key(text: object) -> str:
    """The opening of an advert's text as lower-case words ("" when too short to compare), so that a board's cut
    copy ("... Please…") and the full advert share it."""
    raw = str(text or "")
    words = ""
    if len(raw) > DESCRIPTION_READ_CHARS:
        words = _word_text(_without_markup(raw[:DESCRIPTION_READ_CHARS])).rpartition(" ")[0]  # the cut may split the last word
    if len(words) <= DESCRIPTION_OPENING_CHARS:  # a short text, or one mostly markup: read it whole
        words = _word_text(_without_markup(raw))
    if len(words) < DESCRIPTION_MIN_CHARS:
        return ""
    return words[:DESCRIPTION_OPENING_CHARS].rsplit(" ", 1)[0] if len(words) > DESCRIPTION_OPENING_CHARS else words


def written_title_key(title: object) -> str:
    """A title as its board wrote it, but for case, spaces, punctuation and the words that join ("Receptionist and
    Administrator", "Receptionist/Administrator"; "Co-ordinator", "Coordinator"): a board's repost repeats it, a
    second post ("Part-Time Care Coordinator", "Medical Receptionist (17.5 hrs pw)") does not."""
    return "".join(word for word in _words(str(title or "")[:NAME_READ_CHARS]) if word not in ("and", "&"))


def description_body(text: object) -> str:
    """The first DESCRIPTION_BODY_CHARS characters of an advert's text as lower-case words: more than its opening,
    to tell a board's repost of one advert from a second advert that opens with the employer's template."""
    return _word_text(_without_markup(str(text or "")[: 2 * DESCRIPTION_BODY_CHARS]))[:DESCRIPTION_BODY_CHARS]


def _names_a_practice(employer: object) -> bool:
    text = str(employer or "")[:NAME_READ_CHARS]
    return not is_umbrella_employer(text) and bool(PRACTICE_NAME_WORDS.search(text))


def _family(role_and_title: tuple[object, object]) -> str:
    """The role family blocked on. A title a board's advert did not place in general practice ("Practice Manager"
    on Adzuna with nothing saying GP: not relevant) is taken as the practice's post it may be, so that it is
    compared with the NHS Jobs advert it copies."""
    role, title = role_and_title
    if role == NOT_RELEVANT:
        role = classify_title(str(title or "")[:NAME_READ_CHARS], "general practice")
    return ROLE_FAMILIES.get(str(role or ""), "other")


def _confident_evidence(evidence: object) -> bool:
    """Whether an ODS code was found by name at the listing's postcode or district; a code stored before its
    evidence was (no evidence) is taken as found so."""
    return not evidence or evidence in CONFIDENT


def _without_county_names(town: Coded, county: Coded, postcode: Coded, outward_code: Coded) -> Coded:
    """Towns, but none where a listing names only a place that is also its county's name ("Durham": the city or
    County Durham, as aggregators' location areas name the county): that listing is placed by its county alone."""
    county_code = {name: code for code, name in enumerate(county.values)}
    # per town value, the code of the county of that name (-2: none, never a listing's code)
    named_county = np.array([county_code.get(name, -2) for name in town.values] + [-2], dtype=np.int64)
    county_named = (named_county[town.codes] == county.codes) & (postcode.codes < 0) & (outward_code.codes < 0)
    return Coded(np.where(county_named, -1, town.codes), town.values)


def _placed(
    town: Coded, county: Coded, precision: np.ndarray, latitude: np.ndarray, longitude: np.ndarray, title_towns: dict[int, str]
) -> dict[str, object]:
    """The place columns, with a listing whose location line names no town (only a county, a nation or nothing:
    "Optometrist / Abergavenny / £65,000", "Wales") placed at the town its title names."""
    vague = [(i, parse_place(name)) for i, name in title_towns.items() if precision[i] <= 0]
    if vague:
        town_codes, county_codes = town.codes.copy(), county.codes.copy()
        towns, counties = {value: code for code, value in enumerate(town.values)}, {value: code for code, value in enumerate(county.values)}
        latitude, longitude, precision = latitude.copy(), longitude.copy(), precision.copy()
        for i, place in vague:
            town_codes[i] = towns.setdefault(" ".join(_words(_fold(place.town))), len(towns))
            county_codes[i] = counties.setdefault(_fold(place.county), len(counties))
            latitude[i], longitude[i], precision[i] = place.latitude, place.longitude, 1
        town, county = Coded(town_codes, list(towns)), Coded(county_codes, list(counties))
    return {"town": town, "county": county, "precision": precision, "latitude": latitude, "longitude": longitude}


def _written(values: Coded, locations: list, whole_word: bool) -> np.ndarray:
    """Whether each listing's value (a postcode, an outward code) is written in its location line: as whole words, or
    (a full postcode, which boards also write without its space: "BR75AQ") anywhere once spaces are dropped."""

    def found(pair: tuple[int, object]) -> bool:
        code, location = pair
        if code < 0:
            return False
        if whole_word:
            return f" {values.values[code]} " in f" {_word_text(str(location or ''))} "
        return values.values[code].replace(" ", "") in _fold(location).replace(" ", "")

    return np.array(_mapped(list(zip(values.codes.tolist(), locations)), found), dtype=bool)


def _precision(postcode: Coded, outward_code: Coded, town: Coded, county: Coded, locations: list) -> np.ndarray:
    """How closely each listing's location line places it: 3 a full postcode, 2 an outward code, 1 a town, 0 a county,
    -1 nothing. A postcode found only in the advert text (a headquarters, a practice named in passing) places it like a
    town: near, not at that address."""
    full = _written(postcode, locations, whole_word=False)
    conditions = [full, full | _written(outward_code, locations, whole_word=True), town.codes >= 0, county.codes >= 0, postcode.codes >= 0]
    return np.select(conditions, [3, 2, 1, 0, 1], default=-1).astype(np.int8)


def _fold(text: object) -> str:
    return " ".join(str(text or "").lower().split())


def _mapped(values: list, function: Callable[[object], object]) -> list:
    """function(value) for each value, computed once per distinct value."""
    cache = {value: function(value) for value in dict.fromkeys(values)}
    return list(map(cache.__getitem__, values))


@dataclass(frozen=True)
class ListingColumns:
    """What the model compares, one array per key over the listings."""

    title: Coded
    #: the title as written (written_title_key), for two adverts on one board
    title_text: Coded
    #: the practice a title names in a part its key drops ("- Lindley Medical Practice")
    title_site: Coded
    #: the words of a title's bracketed parts (title_qualifier_key)
    title_qualifier: Coded
    seniority: Coded
    family: Coded
    employer: Coded
    #: whether the listing's own employer is named as a practice ("... Surgery", "... Medical Practice"), not a provider
    employer_is_practice: np.ndarray
    ods_code: Coded
    #: whether the ODS code was found by a name at the listing's postcode or district (pipeline.practices.CONFIDENT)
    ods_confident: np.ndarray
    practice: Coded
    reference: Coded
    #: the board's own name for an advert (board_adverts): two on one board are two adverts
    advert: Coded
    source: Coded
    description: Coded
    #: each listing's raw advert text (read only for the few pairs that need more than its opening)
    description_text: Sequence[object]
    description_start: Coded
    signature: Coded
    location_text: Coded
    postcode: Coded
    outward_code: Coded
    town: Coded
    county: Coded
    precision: np.ndarray
    latitude: np.ndarray
    longitude: np.ndarray
    salary_min: np.ndarray
    salary_max: np.ndarray
    salary_wording: Coded
    #: the Agenda for Change bands named in pay or title (bands_key)
    bands: Coded
    closing_day: np.ndarray
    posted_day: np.ndarray
    time_day: np.ndarray

    def __len__(self) -> int:
        return len(self.precision)


def _typical_open_days(closing: np.ndarray, posted: np.ndarray) -> float:
    """Median days from posting to closing over the listings with both, so that a listing with a closing date
    but no posted date is placed in time near copies with a posted date; 0 when no listing has both."""
    with np.errstate(invalid="ignore"):
        open_days = (closing - posted)[~np.isnan(closing) & ~np.isnan(posted)]
    return float(np.median(open_days)) if len(open_days) else 0.0


def _salary_figures(column: Callable[[str], list]) -> tuple[np.ndarray, np.ndarray]:
    """Annual full-time figures when known, else the stated ones; one-sided ranges fill the other side."""

    def floats(name: str) -> np.ndarray:
        return _floats(column(name))

    low, high = floats("salary_annual_fte_min"), floats("salary_annual_fte_max")
    stated = np.isnan(low) & np.isnan(high)
    low, high = np.where(stated, floats("salary_min"), low), np.where(stated, floats("salary_max"), high)
    return np.where(np.isnan(low), high, low), np.where(np.isnan(high), low, high)


#: The fields of a listing's row that its keys are made of.
ROW_FIELDS = (
    "title",
    "employer",
    "location",
    "salary_text",
    "salary_band",
    "description",
    "role",
    "postcode",
    "outward_code",
    "town",
    "county",
    "latitude",
    "longitude",
    "salary_annual_fte_min",
    "salary_annual_fte_max",
    "salary_min",
    "salary_max",
    "closing_date",
    "posted_date",
    "first_seen",
    "ods_code",
    "practice_name",
    "ods_evidence",
    "reference",
    "url",
    "source",
)
#: Rows read at a time into field lists (bounds the per-row tuples held at once).
_ROWS_READ_AT_ONCE = 65_536


def _field_lists(rows: Sequence[Mapping[str, object]], names: Sequence[str]) -> dict[str, list]:
    """Each named field as a list over the rows (None where a row lacks it), read in one pass over the rows: a pass
    per field would reach every row's mapping again, the larger part of keying a million rows scattered in memory."""
    lists: dict[str, list] = {name: [] for name in names}
    for start in range(0, len(rows), _ROWS_READ_AT_ONCE):
        chunk = rows[start : start + _ROWS_READ_AT_ONCE]
        layout = tuple(chunk[0])
        read = [tuple(row.values()) for row in chunk if tuple(row) == layout]
        if len(read) == len(chunk):  # every row has the same fields in the same order (rows of one query or one file)
            found = dict(zip(layout, zip(*read)))
        else:
            found = dict(zip(names, zip(*[tuple(map(row.get, names)) for row in chunk])))
        missing = (None,) * len(chunk)
        for name in names:
            lists[name].extend(found.get(name, missing))
    return lists


def listing_columns(rows: Sequence[Mapping[str, object]]) -> ListingColumns:
    """Keys of listings given as rows of raw fields (title, employer, location, salary_text) and normalised ones."""

    fields = _field_lists(rows, ROW_FIELDS)
    column = fields.__getitem__

    @cache
    def raw(name: str) -> Coded:
        """The field's distinct raw values (a missing one too), each listing's as a code: keys are made per distinct value."""
        return Coded.of(column(name), empty_is_missing=False)

    def keyed(name: str, key: Callable[[object], str], empty_is_missing: bool = True) -> Coded:
        """Coded.mapped(column(name), key, empty_is_missing): the same codes, without hashing every listing's value again."""
        return Coded.mapped(raw(name).values, key, empty_is_missing).at(raw(name))

    def each(name: str, function: Callable[[object], object], dtype: type) -> np.ndarray:
        """function of each listing's raw value, as an array, computed once per distinct value."""
        return np.array(list(map(function, raw(name).values)), dtype=dtype)[raw(name).codes]

    def days(name: str) -> np.ndarray:
        return each(name, _day, float)

    locations, employer_texts = column("location"), column("employer")
    town, county = keyed("town", _fold), keyed("county", _fold)
    postcode, outward_code = keyed("postcode", _fold), keyed("outward_code", _fold)
    town = _without_county_names(town, county, postcode, outward_code)
    titles, title_sites, title_towns = _title_keys(
        raw("title"),
        lambda i: " ".join(
            [
                town.values[town.codes[i]] if town.codes[i] >= 0 else "",
                county.values[county.codes[i]] if county.codes[i] >= 0 else "",
                str(locations[i] or ""),
                str(employer_texts[i] or ""),
            ]
        ),
    )
    own_employers = list(map(_own_employer_key, raw("employer").values))
    employers = list(map(own_employers.__getitem__, raw("employer").codes.tolist()))
    umbrella = [i for i, key in enumerate(employers) if not key]
    for i, key in zip(umbrella, _mapped([locations[i] for i in umbrella], _location_practice_key)):
        employers[i] = key
    salary_min, salary_max = _salary_figures(column)
    closing, posted = days("closing_date"), days("posted_date")
    time_day = np.where(np.isnan(posted), closing - _typical_open_days(closing, posted), posted)
    if np.isnan(time_day).any():
        time_day = np.where(np.isnan(time_day), days("first_seen"), time_day)
    signature = Coded.combined(
        [
            keyed(name, lambda value: str(value or ""), empty_is_missing=False)
            for name in ("title", "employer", "location", "salary_text", "closing_date", "posted_date", "reference")
        ]
    )
    title = Coded.of(titles)
    ods_code = keyed("ods_code", _fold)
    reference = keyed("reference", reference_key)
    texts = Coded.distinct(column("description"))
    description = Coded.mapped(texts.values, description_key).at(texts)
    return ListingColumns(
        title=title,
        title_text=keyed("title", written_title_key),
        title_site=Coded.of(title_sites),
        title_qualifier=keyed("title", title_qualifier_key),
        seniority=Coded.mapped(titles, seniority_key, empty_is_missing=False),
        family=Coded.of(_mapped(list(zip(column("role"), column("title"))), _family)),
        employer=Coded.of(employers),
        employer_is_practice=each("employer", _names_a_practice, bool),
        ods_code=ods_code,
        ods_confident=(ods_code.codes >= 0) & each("ods_evidence", _confident_evidence, bool),
        practice=keyed("practice_name", lambda name: name_key(str(name or ""))),
        reference=reference,
        advert=board_adverts(reference, keyed("url", address_key), each("source", lambda name: _fold(name) in GATHERING_SOURCES, bool)),
        source=keyed("source", _fold),
        description=description,
        description_text=column("description"),
        description_start=Coded.mapped(
            description.values, lambda text: " ".join(text.split(" ", DESCRIPTION_BLOCK_WORDS)[:DESCRIPTION_BLOCK_WORDS])
        ).at(description),
        signature=signature,
        location_text=keyed("location", lambda text: " ".join(_words(str(text or "")[:NAME_READ_CHARS]))),
        postcode=postcode,
        outward_code=outward_code,
        **_placed(
            Coded.mapped(town.values, lambda text: " ".join(_words(text))).at(town),
            county,
            _precision(postcode, outward_code, town, county, locations),
            _floats(column("latitude")),
            _floats(column("longitude")),
            title_towns,
        ),
        salary_min=salary_min,
        salary_max=salary_max,
        salary_wording=keyed("salary_text", _salary_wording),
        bands=Coded.of(_mapped(list(zip(column("salary_band"), column("title"))), bands_key)),
        closing_day=closing,
        posted_day=posted,
        time_day=time_day,
    )
