"""Resolve free-text UK locations ("Shap, Penrith, Cumbria CA10 3LW", "ST145JP") to a Place.

The lookup table (pipeline/data/places.json.gz) is derived from GeoNames GB postal codes by
bench/build_places_table.py. A town is resolved through its postcode or county; a town name that
is still ambiguous (Newport, Holywell) stays unresolved rather than guessed.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

import numpy as np

# [name, county, nation, latitude, longitude]: one place of a name, as stored in the table.
Candidate = list

_AREA = r"[A-PR-UWYZ](?:[A-HK-Y])?"
_OUTWARD = (
    r"(?:[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]"
    r"|[A-PR-UWYZ][A-HK-Y]?[0-9]{1,2})"
)
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_FULL_POSTCODE = re.compile(rf"\b({_OUTWARD}) {{0,2}}({_INWARD})\b", re.IGNORECASE)
_INWARD_ANCHOR = re.compile(rf"{_INWARD}\b", re.IGNORECASE)
_OUTWARD_TOKEN = re.compile(rf"^(?:.*\s)?({_OUTWARD})$")
_AREA_PREFIX = re.compile(_AREA)
_SEGMENT_SPLIT = re.compile(r"[,;()/|\[\]]|\s[-–]\s")
_COMPASS_PREFIX = re.compile(r"^(?:(?:north|south|east|west|central|mid|inner|outer)\s+)+")
_NATIONS = {
    "england": "England",
    "scotland": "Scotland",
    "wales": "Wales",
    "cymru": "Wales",
    "northern ireland": "Northern Ireland",
}
# A town named in the text belongs to the postcode's district when it lies this close to it.
_NEAR_POSTCODE_KM = 25.0
# Places this close are one area: a town under a historic county name ("Stockport, Cheshire"), or
# a town astride a county boundary; farther apart they are different places.
_SAME_AREA_KM = 40.0
# Places of one name this close within one county are one town ("Harrow" and "Harrow on the Hill", "Newcastle" and
# "Newcastle upon Tyne"); farther apart they are several ("Ashton": Ashton-under-Lyne, Ashton upon Mersey).
_SAME_TOWN_KM = 8.0


@dataclass(frozen=True)
class Place:
    """A location as far as its text settles it: unknown parts are "" and None."""

    postcode: str
    outward_code: str
    town: str
    county: str
    nation: str
    latitude: float | None
    longitude: float | None
    #: What latitude and longitude are the centre of: "postcode district", "town" or "county" ("" when unplaced).
    located_by: str = ""


EMPTY = Place("", "", "", "", "", None, None)


def place_key(name: str) -> str:
    """Lookup key shared by the table builder and the parser: case, accents and punctuation folded."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['’`]", "", text.replace("&", " and "))
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^saint ", "st ", text)


@cache
def _table() -> dict:
    raw = files("pipeline").joinpath("data/places.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))


def _valid_area(outward: str) -> bool:
    return _AREA_PREFIX.match(outward).group() in _table()["areas"]


def _postcodes(text: str) -> Iterator[re.Match[str]]:
    """Postcodes in a known area, written in one case ("W1 2nd floor" is not one).

    Found from their inward code back, which is several times faster on a long advert body."""
    for anchor in _INWARD_ANCHOR.finditer(text):
        match = _FULL_POSTCODE.search(text, max(0, anchor.start() - 6), anchor.end())
        if not match or match.end() != anchor.end():
            continue
        written = match.group(0)
        if (written.isupper() or written.islower()) and _valid_area(match.group(1).upper()):
            yield match


def _normalised(match: re.Match[str]) -> str:
    return f"{match.group(1).upper()} {match.group(2).upper()}"


def find_postcode(text: str | None) -> str:
    """First full UK postcode in free text (an advert body), as "CV47 0FE"; "" when none."""
    if not text:
        return ""
    first = next(_postcodes(text), None)
    return _normalised(first) if first else ""


def postcodes_in(text: str | None) -> tuple[str, ...]:
    """Every full UK postcode in a text, in order ("Nottingham, NG4 3DQ, Nottingham, NG14 7BG": a multi-site advert)."""
    return tuple(dict.fromkeys(_normalised(match) for match in _postcodes(text))) if text else ()


def distance_km(lat1, lon1, lat2, lon2):
    """Equirectangular approximation, exact enough at the scale of a postcode district; numbers or numpy arrays."""
    x = np.radians(np.subtract(lon2, lon1)) * np.cos(np.radians(np.add(lat1, lat2) / 2))
    y = np.radians(np.subtract(lat2, lat1))
    return 6371.0 * np.hypot(x, y)


def _lookup(section: str, segment: str) -> list | None:
    """Table entry for a segment, retrying without compass words ("South West London") and with the
    "Royal" that a town of two or more words is usually written without ("Leamington Spa", "Tunbridge Wells")."""
    entries = _table()[section]
    key = place_key(segment)
    return entries.get(key) or entries.get(_COMPASS_PREFIX.sub("", key)) or (entries.get(f"royal {key}") if " " in key else None)


def _split_outward(segment: str) -> tuple[str, str]:
    """Split a trailing outward-only postcode ("Leicester LE5") from a segment."""
    match = _OUTWARD_TOKEN.match(segment)
    if match and match.group(1) in _table()["outward"]:
        return segment[: match.start(1)].strip(), match.group(1)
    return segment, ""


def _town_near(candidates: list[Candidate], lat: float, lon: float) -> Candidate | None:
    near = [c for c in candidates if distance_km(c[3], c[4], lat, lon) <= _NEAR_POSTCODE_KM]
    return near[0] if near else None


def _town_in_county(candidates: list[Candidate], county: list) -> Candidate | None:
    """The one place in the county (several close together are one: "Harrow" and "Harrow on the Hill"), else the
    one near it (historic county names)."""
    _name, _nation, lat, lon, members = county
    inside = [c for c in candidates if c[1] in members]
    if inside:
        return None if _far_apart(inside, _SAME_TOWN_KM) else inside[0]
    near = [c for c in candidates if distance_km(c[3], c[4], lat, lon) <= _SAME_AREA_KM]
    return near[0] if len(near) == 1 else None


def places_named(name: str) -> list[Place]:
    """Every place a town name can mean ("Southam": Warwickshire and Gloucestershire), to ask which."""
    return [Place("", "", town, county, nation, lat, lon, "town") for town, county, nation, lat, lon in _lookup("places", name) or []]


@lru_cache(maxsize=65536)
def parse_place(text: str | None) -> Place:
    """Postcode, town, county, nation and centroid of a location string; unknown parts stay empty. Of several
    postcodes (NHS Jobs lists every site of a multi-site advert) the first, the main site, which other boards show."""
    if not text or not text.strip():
        return EMPTY
    text = html.unescape(text)
    full = list(_postcodes(text))
    postcode = _normalised(full[0]) if full else ""
    outward = postcode.split(" ")[0]
    for match in reversed(full):
        text = text[: match.start()] + " " + text[match.end() :]

    found = []  # (segment, place candidates, county entry), right to left
    for raw in reversed(_SEGMENT_SPLIT.split(text)):
        segment, token = _split_outward(raw.strip())
        outward = outward or token
        if segment:
            found.append((segment, _lookup("places", segment), _lookup("counties", segment)))
    # "Durham" names the county after a known place ("Shincliffe, Durham"), else the town.
    county_at = next(
        (i for i, (_s, places, entry) in enumerate(found) if entry and (not places or any(left[1] for left in found[i + 1 :]))),
        None,
    )
    county = found[county_at][2] if county_at is not None else None
    towns = [(segment, places) for i, (segment, places, _e) in enumerate(found) if places and i != county_at]
    nation = next((_NATIONS[place_key(s)] for s, _p, _e in found if place_key(s) in _NATIONS), "")

    district = _table()["outward"].get(outward)
    if district:
        # The district locates; a town it names settles the county where a district straddles a
        # border (Hay-on-Wye, HR3, is in Powys).
        named = next((c for _s, cands in towns if (c := _town_near(cands, *district[3:]))), None)
        town, t_county, t_nation = (named or district)[:3]
        return Place(postcode, outward, town, t_county, t_nation, *district[3:], "postcode district")
    return _resolve_without_postcode(postcode, outward, towns, county, nation)


def _resolve_without_postcode(
    postcode: str, outward: str, towns: list[tuple[str, list[Candidate]]], county: list | None, nation: str
) -> Place:
    if county:
        chosen = [c for _s, cands in towns if (c := _town_in_county(cands, county))]
    else:
        chosen = [cands[0] for _s, cands in towns if not _far_apart(cands)]
    if chosen and not _far_apart(chosen):
        name, t_county, t_nation, lat, lon = chosen[0]
        return Place(postcode, outward, name, t_county, t_nation, lat, lon, "town")
    town = towns[0][0] if towns and not chosen else ""
    if county:
        name, c_nation, lat, lon, _members = county
        return Place(postcode, outward, town, name, c_nation, lat, lon, "county")
    return Place(postcode, outward, town, "", nation, None, None)


def _far_apart(places: list[Candidate], km: float = _SAME_AREA_KM) -> bool:
    """Whether places are distinct, more than `km` apart: a town astride a county boundary (Bristol) is one place,
    while "Newport" or "Bristol, Chippenham, Taunton, Saltash" (a multi-site job) name places far apart."""
    first = places[0]
    return any(distance_km(first[3], first[4], p[3], p[4]) > km for p in places[1:])
