"""Which GP practice an advert is for: its NHS ODS code and name, from the names and places it gives.

Boards name the same practice differently ("St. Andrew's Surgery (Bishopstoke)", "Dr Patel &
Partners, Bower Mount Medical Practice"), and NHS Jobs often shows an umbrella advertiser
("Central Advertising - General Practitioners") instead. The ODS list of practices in England and
Wales (pipeline/data/practices.json.gz, built by bench/build_practices_table.py) settles it: a name
is looked up among the practices at the advert's postcode, district or town. Scotland and Northern
Ireland are not in the list, so their adverts keep only their names.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from rapidfuzz import fuzz

from pipeline.places import Place, distance_km, parse_place

#: Words that name an agency or recruiter: an advertiser that hires for others.
AGENCY_WORDS = r"recruit\w*|staffing|agency|personnel"
#: Advertisers that post for many practices (umbrella accounts, agencies): their name is no identity.
UMBRELLA_EMPLOYERS = re.compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            r"^central advertising\b",
            r"^gp (practices?|surger(y|ies))\b",
            r"^general practices?\b",
            r"^(nhs )?jobs\b",
            r"\bcareers\b",  # a recruitment brand ("Primary Care Careers" advertises for many practices)
            rf"\b({AGENCY_WORDS})\b",
            r"^confidential\b",
            r"^(not specified|n/?a|unknown|various)$",
        )
    ),
    re.I,
)
#: Words that say what kind of place an employer is, not which one; dropped before comparing names.
EMPLOYER_STOP_WORDS = frozenset(
    {
        "the",
        "surgery",
        "surgeries",
        "medical",
        "centre",
        "center",
        "centres",
        "ctr",
        "health",
        "healthcare",
        "practice",
        "practices",
        "group",
        "partners",
        "partnership",
        "and",
        "dr",
        "drs",
        "doctors",
        "gp",
        "gps",
        "nhs",
        "ltd",
        "limited",
        "llp",
        "cic",
        "plc",
        "clinic",
        "family",
        "primary",
        "care",
        "of",
    }
)
#: Words that mark a phrase as a practice's name ("Francis Road Medical Centre, Leyton").
PRACTICE_NAME_WORDS = re.compile(r"\b(surgery|medical|health centre|practice|clinic|partnership)\b", re.I)
#: Nations the ODS practice list does not cover.
UNLISTED_NATIONS = frozenset({"Scotland", "Northern Ireland"})
#: A name matches a practice's when rapidfuzz token_sort_ratio reaches this (word order free).
CLOSE_NAME = 90
#: A practice whose name is unique in the list is the advert's when it lies this close to the advert's town.
UNIQUE_NAME_KM = 25.0

_WORD = re.compile(r"[a-z0-9]+")
_NAME_SPLIT = re.compile(r"\s*(?:[,;()|/]|\s[-–]\s|\bat\b)\s*", re.I)


@dataclass(frozen=True, slots=True)
class Practice:
    ods_code: str
    name: str
    postcode: str
    town: str


NO_PRACTICE = Practice("", "", "", "")

#: How a practice was found, strongest first. Only a name the advert gives, found among the practices at
#: its postcode or district, is CONFIDENT: a town's practices are an incomplete list (the ODS town of a
#: London practice is often its borough), and a postcode or description alone says where, not who.
NAME_AT_POSTCODE = "name at its postcode"
NAME_IN_DISTRICT = "name in its postcode district"
NAME_IN_TOWN = "name in its town"
UNIQUE_NAME = "a name no other practice bears, nearby"
ONLY_AT_POSTCODE = "the only practice at its postcode"
NAMED_IN_TEXT = "a nearby practice named in the advert text"
CONFIDENT = frozenset({NAME_AT_POSTCODE, NAME_IN_DISTRICT})


@dataclass(frozen=True, slots=True)
class Resolution:
    """The practice an advert is for (NO_PRACTICE when nothing settles it) and how it was found."""

    practice: Practice
    evidence: str = ""


UNRESOLVED = Resolution(NO_PRACTICE)


def is_umbrella_employer(employer: str | None) -> bool:
    """True when the advertiser posts for many practices (or is blank), so its name does not identify one."""
    text = " ".join((employer or "").split())
    return not text or bool(UMBRELLA_EMPLOYERS.search(text))


@lru_cache(maxsize=65536)
def name_key(name: str | None) -> str:
    """The identifying words of a practice name ("St. Andrew's Surgery" -> "st andrews"); "" for an umbrella."""
    if is_umbrella_employer(name):
        return ""
    text = (name or "").lower().replace("'", "").replace("’", "").replace(".", " ").replace("saint ", "st ")
    return " ".join(word for word in _WORD.findall(text) if word not in EMPLOYER_STOP_WORDS and len(word) > 1)


def named_practices(*texts: str | None) -> list[str]:
    """Phrases that name a practice in an advert's title or location line ("Deputy PM - Yeading Medical Centre")."""
    return [part for text in texts for part in _NAME_SPLIT.split(text or "") if PRACTICE_NAME_WORDS.search(part)]


class PracticeIndex:
    """The ODS practices by postcode, outward code, town and name key."""

    def __init__(self, practices: list[Practice]):
        self.practices = practices
        self.by_postcode: dict[str, list[Practice]] = defaultdict(list)
        self.by_outward: dict[str, list[Practice]] = defaultdict(list)
        self.by_town: dict[str, list[Practice]] = defaultdict(list)
        self.by_name: dict[str, list[Practice]] = defaultdict(list)
        for practice in practices:
            self.by_postcode[practice.postcode].append(practice)
            self.by_outward[practice.postcode.split(" ")[0]].append(practice)
            self.by_town[practice.town.lower()].append(practice)
            self.by_name[name_key(practice.name)].append(practice)

    def at_postcodes(self, postcodes: tuple[str, ...]) -> list[Practice]:
        return [practice for postcode in dict.fromkeys(postcodes) for practice in self.by_postcode.get(postcode, [])]

    def in_districts(self, postcodes: tuple[str, ...], outward_code: str) -> list[Practice]:
        districts = dict.fromkeys([*(postcode.split(" ")[0] for postcode in postcodes), outward_code] if outward_code else [])
        return [practice for district in districts for practice in self.by_outward.get(district, [])]

    def nearby(self, postcode: str, outward_code: str, town: str) -> list[Practice]:
        """Practices at the most precise place known: the postcode, else its district, else the town."""
        if postcode and postcode in self.by_postcode:
            return self.by_postcode[postcode]
        if outward_code:
            return self.by_outward.get(outward_code, [])
        return self.by_town.get(town.lower(), []) if town else []


def _best_by_name(key: str, candidates: list[Practice], place_words: frozenset[str] = frozenset()) -> Practice | None:
    """The one candidate whose name is this name (or, failing that, within or around it); None if not one. A
    practice named after the advert's town is not within the advert's name by that word alone ("Tonbridge
    Medical Group" in "Staplehurst Health Centre (Tonbridge)")."""
    tiers: dict[int, list[Practice]] = defaultdict(list)
    for practice in candidates:
        other = name_key(practice.name)
        if not other:
            continue
        if other == key:
            tiers[3].append(practice)
        elif fuzz.token_sort_ratio(key, other) >= CLOSE_NAME:
            tiers[2].append(practice)
        elif fuzz.token_set_ratio(key, other) == 100 and min(len(key), len(other)) >= 4 and not _named_by_town(other, key, place_words):
            tiers[1].append(practice)
    for tier in (3, 2, 1):
        if tiers[tier]:
            return tiers[tier][0] if len(tiers[tier]) == 1 else None
    return None


def _named_by_town(other: str, key: str, place_words: frozenset[str]) -> bool:
    """Whether a practice's name is within the advert's name only as the advert's town ("tonbridge" in "staplehurst tonbridge")."""
    words = set(other.split())
    return words < set(key.split()) and words <= place_words


@cache
def practice_index() -> PracticeIndex:
    table = json.loads(gzip.decompress(files("pipeline").joinpath("data/practices.json.gz").read_bytes()))
    return PracticeIndex([Practice(*row) for row in table["practices"]])


def _near(practice: Practice, place: Place) -> bool:
    """Whether a practice lies near an advert placed no closer than its town (or placed nowhere)."""
    if place.latitude is None or place.longitude is None:
        return not place.town
    at = parse_place(practice.postcode)
    return at.latitude is not None and distance_km(at.latitude, at.longitude, place.latitude, place.longitude) <= UNIQUE_NAME_KM


@lru_cache(maxsize=131072)
def resolve_practice(
    employer: str | None, names: tuple[str, ...], description: str | None, place: Place, sites: tuple[str, ...] = ()
) -> Resolution:
    """The ODS practice an advert is for, and how it was found (UNRESOLVED when nothing settles it).

    `names` are further phrases naming a practice (from the title or location line), `sites` further
    postcodes of the location line (NHS Jobs lists every site of a multi-site advert). A name is matched
    among the practices at the advert's postcodes, else their districts, else (with no district) its
    town; a name no other practice in the list bears settles it when the advert gives no district and
    lies near that practice. Failing that, a postcode of one practice settles it, and so does a nearby
    practice's name written in the description, unless that name is only the place's ("Witham Health
    Centre" in an advert that says it is in Witham).
    """
    if place.nation in UNLISTED_NATIONS:
        return UNRESOLVED
    index = practice_index()
    place_words = frozenset(_WORD.findall(f"{place.town} {place.county}".lower()))  # the place, not a name ("Witham")
    postcodes = tuple(dict.fromkeys(code for code in (place.postcode, *sites) if code))
    candidates = (
        (NAME_AT_POSTCODE, index.at_postcodes(postcodes)),
        (NAME_IN_DISTRICT, index.in_districts(postcodes, place.outward_code)),
        (NAME_IN_TOWN, [] if place.outward_code or not place.town else index.by_town.get(place.town.lower(), [])),
    )
    keys = [key for key in dict.fromkeys(name_key(name) for name in (employer, *names)) if key]
    for key in keys:
        for evidence, practices in candidates:
            found = _best_by_name(key, practices, place_words) if practices else None
            if found:
                return Resolution(found, evidence)
        alone = index.by_name.get(key, [])
        if len(alone) == 1 and not place.outward_code and _near(alone[0], place):
            return Resolution(alone[0], UNIQUE_NAME)
    if place.postcode and len(index.by_postcode.get(place.postcode, [])) == 1:
        return Resolution(index.by_postcode[place.postcode][0], ONLY_AT_POSTCODE)
    nearby = index.nearby(place.postcode, place.outward_code, place.town)
    if description and nearby:
        text = f" {' '.join(_WORD.findall(description.lower().replace(chr(39), '')))} "
        mentioned = [
            p
            for p in nearby
            if len(name_key(p.name)) >= 4 and f" {name_key(p.name)} " in text and not set(name_key(p.name).split()) <= place_words
        ]
        if len(mentioned) == 1:
            return Resolution(mentioned[0], NAMED_IN_TEXT)
    return UNRESOLVED
