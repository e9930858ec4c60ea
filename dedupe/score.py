"""Comparisons, declared as data: for each field, an ordered list of levels a pair of listings falls in.

Each comparison maps many pairs at once to a level index (-1 when a side lacks the field, which
counts neither for nor against). A level carries a default m (how often a true match is at that
level) and u (how often two different vacancies are); dedupe/model.py estimates both from the
listings themselves, and a level may decide a pair outright where the evidence is real (two
seniorities, two ODS practices, closing dates more than 45 days apart).

The fuzzy string work runs in rapidfuzz's C code (`process.cdist` / `process.cpdist`) once per
distinct pair of strings, however many listing pairs share it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from dedupe.keys import Coded, ListingColumns, description_body
from pipeline.places import distance_km, places_named

#: Fewer distinct string pairs than this are compared on one thread (starting the pool costs more).
PARALLEL_PAIRS = 20_000
#: Pairs compared at once: bounds the working memory of the comparisons, whatever the input's size.
CHUNK_PAIRS = 2_000_000
#: Closing dates further apart than this are different adverts (a re-advert of the same job, or another job).
REPOST_AFTER_DAYS = 45


@dataclass(frozen=True)
class Level:
    name: str
    m: float  # default P(level | same vacancy)
    u: float  # default P(level | different vacancies)
    decides: str = ""  # "distinct" or "repost" when this level settles a pair whatever the rest says
    #: a pair at this level is not settled "distinct" by another comparison's deciding level (one advert's own reference)
    overrules: bool = False
    #: m is this default, not estimated: EM's one-vacancy class takes in one employer's look-alike adverts at this level
    declared: bool = False


@dataclass(frozen=True)
class TermFrequency:
    """A level whose weight the agreed value's frequency adjusts: a common title counts for less than a rare one."""

    level: int
    #: the column whose value the two sides agree on at that level (read on the left side, else the right)
    key: Callable[[ListingColumns], Coded]


@dataclass(frozen=True)
class Comparison:
    field: str
    levels: tuple[Level, ...]
    compare: Callable[[ListingColumns, np.ndarray, np.ndarray], np.ndarray]
    term_frequencies: tuple[TermFrequency, ...] = ()


def _known_pairs(a: Coded, left: np.ndarray, b: Coded, right: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs where both sides have a value (indexes), and a's and b's codes of those pairs."""
    codes_a, codes_b = a.codes[left], b.codes[right]
    known = np.flatnonzero((codes_a >= 0) & (codes_b >= 0))
    return known, codes_a[known], codes_b[known]


def _distinct_pairs(
    a: Coded, b: Coded, known: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> tuple[np.ndarray, list[str], list[str], np.ndarray] | None:
    """Of the `known` pairs (from _known_pairs): their indexes, their distinct pairs of strings, and which distinct
    pair each is; None when no pair has both."""
    rows, codes_a, codes_b = known
    if not len(rows):
        return None
    width = max(len(b.values), 1)
    unique, inverse = np.unique(codes_a * width + codes_b, return_inverse=True)
    return rows, [a.values[i] for i in unique // width], [b.values[j] for j in unique % width], inverse.ravel()


def _workers(pairs: int) -> int:
    return -1 if pairs > PARALLEL_PAIRS else 1


def _similarities(a: Coded, left: np.ndarray, b: Coded, right: np.ndarray, scorers: tuple[Callable, ...]) -> list[np.ndarray]:
    """Each scorer / 100 of a's value at `left` and b's at `right`, per pair; NaN where a side is missing.
    The distinct pairs of strings are found once for all the scorers."""
    similarities = [np.full(len(left), np.nan) for _ in scorers]
    known = _known_pairs(a, left, b, right)
    rows, codes_a, codes_b = known
    if len(a.values) * len(b.values) <= max(len(rows), 4096):  # few distinct strings (titles): score all, look up
        for similarity, scorer in zip(similarities, scorers):
            matrix = process.cdist(a.values, b.values, scorer=scorer, dtype=np.uint8, workers=-1)
            similarity[rows] = matrix[codes_a, codes_b] / 100.0
        return similarities
    found = _distinct_pairs(a, b, known)
    if found is None:
        return similarities
    known, firsts, seconds, inverse = found
    for similarity, scorer in zip(similarities, scorers):
        similarity[known] = process.cpdist(firsts, seconds, scorer=scorer, dtype=np.uint8, workers=_workers(len(firsts)))[inverse] / 100.0
    return similarities


def _similarity(a: Coded, left: np.ndarray, b: Coded, right: np.ndarray, scorer: Callable = fuzz.token_sort_ratio) -> np.ndarray:
    return _similarities(a, left, b, right, (scorer,))[0]


def _opening_similarity(text: Coded, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """rapidfuzz ratio / 100 of two openings cut to the shorter one's length, per pair: 1.0 when the shorter is
    the start of the other (a board's cut copy); NaN where a side has none. (partial_ratio, which also
    tries every other alignment, costs about 80 times as much on 200-character openings.)"""
    similarity = np.full(len(left), np.nan)
    rows, codes_a, codes_b = _known_pairs(text, left, text, right)
    similarity[rows[codes_a == codes_b]] = 1.0  # one text on both sides (a board's whole copy): not scored
    differ = codes_a != codes_b
    found = _distinct_pairs(text, text, (rows[differ], codes_a[differ], codes_b[differ]))
    if found is None:
        return similarity
    known, firsts, seconds, inverse = found
    cut = [min(len(first), len(second)) for first, second in zip(firsts, seconds)]
    scores = process.cpdist(
        [first[:n] for first, n in zip(firsts, cut)],
        [second[:n] for second, n in zip(seconds, cut)],
        scorer=fuzz.ratio,
        dtype=np.uint8,
        workers=_workers(len(firsts)),
    )
    similarity[known] = scores[inverse] / 100.0
    return similarity


def _levels(conditions: list[np.ndarray], known: np.ndarray) -> np.ndarray:
    """Index of the first condition that holds (the last level when none does); -1 where not known."""
    chosen = np.select(conditions, list(range(len(conditions))), default=len(conditions))
    return np.where(known, chosen, -1).astype(np.int8)


def title_levels(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """By the titles' keys; two titles that each name a practice in the part their keys drop, with no word in
    common, are two sites' posts (Gtd Healthcare's "Bank Receptionist - Lindley Medical Practice" and "... -
    Droylsden & Guide Bridge Medical Practices")."""
    title, site = columns.title, columns.title_site
    with np.errstate(invalid="ignore"):
        ordered, within = _similarities(title, left, title, right, (fuzz.token_sort_ratio, fuzz.token_set_ratio))
        sites = _similarity(site, left, site, right, fuzz.token_set_ratio)
        return _levels(
            [
                sites < 0.6,
                _word_sets(columns.title_qualifier, left, right, _qualifiers_differ),
                title.same(left, right),
                ordered >= 0.9,
                within >= 1.0,
                ordered >= 0.7,
            ],
            title.known(left) & title.known(right),
        )


def _word_sets(coded: Coded, left: np.ndarray, right: np.ndarray, apart: Callable[[set[str], set[str]], bool]) -> np.ndarray:
    """Per pair, whether both sides have a value and `apart` holds for their two sets of words (computed once per
    distinct pair of values)."""
    found = np.zeros(len(left), dtype=bool)
    rows, codes_a, codes_b = _known_pairs(coded, left, coded, right)
    differ = codes_a != codes_b
    distinct = _distinct_pairs(coded, coded, (rows[differ], codes_a[differ], codes_b[differ]))
    if distinct is not None:
        known, firsts, seconds, inverse = distinct
        found[known] = np.array([apart(set(a.split()), set(b.split())) for a, b in zip(firsts, seconds)], dtype=bool)[inverse]
    return found


def _qualifiers_differ(a: set[str], b: set[str]) -> bool:
    """Two titles' bracketed parts where neither's words are all among the other's: one provider's posts for two
    specialties or wards ("Flexible Workforce (Bank) Doctor (Emergency Medicine)" / "(Paediatrics)", "Bank Registered
    Mental Health Nurse (RMN)" / "Learning Disability Nurse (RNLD)"); a board that adds "(Permanent)" adds no words."""
    return not (a <= b or b <= a)


def seniority_levels(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return _levels([columns.seniority.same(left, right)], np.ones(len(left), dtype=bool))


def employer_levels(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The ODS practice when both sides have one; else names (the employer's, or the resolved practice's). Two
    practices' own names with nothing in common decide; a provider's name against a practice's weighs against but
    does not decide: one board names the provider ("Operose Health"), another the practice it runs ("Five Elms
    Medical Practice"). Two different ODS practices decide, unless both
    listings name one employer and a side's practice was not found by that name at its postcode or district: a
    group's or network's advert placed at one of its sites ("Mendip Vale Medical Group, BS10 6DF", the only
    practice at that postcode) and its copy found by the group's name are one employer."""
    ods, employer, practice = columns.ods_code, columns.employer, columns.practice
    both_ods = ods.known(left) & ods.known(right)
    same_ods = both_ods & ods.same(left, right)
    # Names are scored only where they can change the level: two ODS practices are settled by the first three
    # levels, which read only the two employers' own names, and those only when a side's code is not confident.
    named = ~both_ods & (employer.known(left) | practice.known(left)) & (employer.known(right) | practice.known(right))
    unsure = both_ods & ~same_ods & ~(columns.ods_confident[left] & columns.ods_confident[right])
    ordered, within, own = np.full(len(left), np.nan), np.full(len(left), np.nan), np.full(len(left), np.nan)
    a, b = left[named], right[named]
    pairs = ((employer, a, employer, b), (employer, a, practice, b), (practice, a, employer, b))
    with np.errstate(invalid="ignore"):
        scores = [_similarities(*pair, (fuzz.token_sort_ratio, fuzz.token_set_ratio)) for pair in pairs]
        ordered[named] = np.fmax.reduce([sort for sort, _ in scores])
        within[named] = np.fmax.reduce([contained for _, contained in scores])
        own[unsure] = _similarity(employer, left[unsure], employer, right[unsure], fuzz.token_sort_ratio)
        sites = unsure & (own >= 0.9)
        conflict = both_ods & ~same_ods & ~sites
        return _levels(
            [
                same_ods,
                conflict,
                sites,
                employer.same(left, right),
                ordered >= 0.9,
                within >= 1.0,
                within >= 0.6,
                ~(employer.known(left) & employer.known(right)),
                columns.employer_is_practice[left] & columns.employer_is_practice[right],
            ],
            both_ods | ~np.isnan(ordered),
        )


def place_levels(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Two different outward codes are different places however the towns are named ("Manchester M22" / "M46").
    Two different towns whose distance is not known (a town name several counties have) count neither way."""
    coarse = np.minimum(columns.precision[left], columns.precision[right])
    same_postcode, same_outward = columns.postcode.same(left, right), columns.outward_code.same(left, right)
    same_town = columns.town.same(left, right) | _mentioned(columns, columns.town, left, right, np.flatnonzero(coarse == 1))
    # A multi-site advert's location line lists every site; a copy placed at another of them is at that site.
    two_sites = np.flatnonzero((coarse >= 2) & ~same_postcode)
    same_postcode |= _mentioned(columns, columns.postcode, left, right, two_sites)
    same_outward |= _mentioned(
        columns, columns.outward_code, left, right, two_sites[columns.precision[left[two_sites]] != columns.precision[right[two_sites]]]
    )
    with np.errstate(invalid="ignore"):
        km = distance_km(columns.latitude[left], columns.longitude[left], columns.latitude[right], columns.longitude[right])
        conditions = [
            same_postcode,
            same_outward & (coarse < 3),
            same_outward,
            (coarse == 1) & same_town,
            (coarse == 0) & (columns.county.same(left, right) | _town_in_county(columns, left, right, coarse)),
            (coarse == 0) & (km <= 25),
            (coarse >= 2) & (km <= 10),
            (coarse >= 2) & (km > 10),
            (coarse >= 1) & (km <= 10),
            (coarse >= 1) & (km <= 25),
        ]
        unplaced = (coarse >= 1) & np.isnan(km) & ~same_town & ~same_outward
        return _levels(
            conditions,
            (coarse >= 0)
            & ((coarse > 0) | (columns.county.known(left) & columns.county.known(right)) | _town_in_county(columns, left, right, coarse))
            & (np.logical_or.reduce(conditions) | ~np.isnan(km) | (coarse == 0) | _far_whichever(columns, left, right, unplaced)),
        )


def _far_whichever(columns: ListingColumns, left: np.ndarray, right: np.ndarray, unplaced: np.ndarray) -> np.ndarray:
    """Of the `unplaced` pairs (a side's town is a name several places bear, so their distance is not known), those
    more than 25 km apart whichever of those places is meant ("Eastbourne", East Sussex or Durham, is far from
    North Shields either way)."""
    far = np.zeros(len(left), dtype=bool)
    rows = np.flatnonzero(unplaced & columns.town.known(left) & columns.town.known(right))
    if not len(rows):
        return far
    (codes_a, spots_a), (codes_b, spots_b) = _spots(columns, left[rows]), _spots(columns, right[rows])
    unique, inverse = np.unique(codes_a * len(spots_b) + codes_b, return_inverse=True)
    apart = [_least_km(spots_a[code // len(spots_b)], spots_b[code % len(spots_b)]) > 25 for code in unique.tolist()]
    far[rows] = np.array(apart, dtype=bool)[inverse.ravel()]
    return far


def _spots(columns: ListingColumns, side: np.ndarray) -> tuple[np.ndarray, list[tuple[str, float, float]]]:
    """Each listing's (town, latitude, longitude) as a code into the distinct ones, and those."""
    keys = list(zip(columns.town.codes[side].tolist(), columns.latitude[side].tolist(), columns.longitude[side].tolist()))
    index = {key: i for i, key in enumerate(dict.fromkeys(keys))}
    return np.array([index[key] for key in keys], dtype=np.int64), [(columns.town.values[t], lat, lon) for t, lat, lon in index]


@lru_cache(maxsize=65536)
def _least_km(first: tuple[str, float, float], second: tuple[str, float, float]) -> float:
    """The least distance between the places two (town, latitude, longitude) can mean: a place without
    coordinates can be any place its town's name is."""

    def candidates(town: str, lat: float, lon: float) -> list[tuple[float, float]]:
        if not np.isnan(lat):
            return [(lat, lon)]
        return [(place.latitude, place.longitude) for place in places_named(town) if place.latitude is not None]

    return min(
        (float(distance_km(*a, *b)) for a in candidates(*first) for b in candidates(*second)),
        default=0.0,
    )


def _town_in_county(columns: ListingColumns, left: np.ndarray, right: np.ndarray, coarse: np.ndarray) -> np.ndarray:
    """One side names only a county, the other a town whose county is not known (a name several counties have:
    "Nottingham"), and a town of that name lies in that county."""
    found = np.zeros(len(left), dtype=bool)
    county, town = columns.county, columns.town
    for county_side, town_side in ((left, right), (right, left)):
        rows = np.flatnonzero((coarse == 0) & (columns.precision[county_side] == 0) & ~county.known(town_side) & town.known(town_side))
        if not len(rows):
            continue
        width = max(len(town.values), 1)
        unique, inverse = np.unique(county.codes[county_side[rows]] * width + town.codes[town_side[rows]], return_inverse=True)
        inside = np.array([_has_town_in(town.values[code % width], county.values[code // width]) for code in unique.tolist()], dtype=bool)
        found[rows] |= inside[inverse.ravel()]
    return found


@lru_cache(maxsize=65536)
def _has_town_in(town: str, county: str) -> bool:
    return any(place.county.lower() == county for place in places_named(town))


def _mentions(columns: ListingColumns, values: Coded, text_side: np.ndarray, value_side: np.ndarray) -> np.ndarray:
    """The value (a town, a postcode) of `value_side` appears, as whole words, in the location line of `text_side`
    ("Cross Site, London SE1 7EU" ~ "London"; "kent, Br7 5aq, Chislehurst, BR7 6DB" ~ "BR7 5AQ")."""
    found = np.zeros(len(text_side), dtype=bool)
    texts = columns.location_text
    codes_text, codes_value = texts.codes[text_side], values.codes[value_side]
    known = np.flatnonzero((codes_text >= 0) & (codes_value >= 0))
    if len(known):
        width = max(len(values.values), 1)
        unique, inverse = np.unique(codes_text[known] * width + codes_value[known], return_inverse=True)
        distinct = np.array(
            [
                f" {values.values[value]} " in f" {texts.values[text]} "
                for text, value in zip((unique // width).tolist(), (unique % width).tolist())
            ],
            dtype=bool,
        )
        found[known] = distinct[inverse.ravel()]
    return found


def _mentioned(columns: ListingColumns, values: Coded, left: np.ndarray, right: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Of the pairs `rows`, those where either side's value is written in the other's location line."""
    found = np.zeros(len(left), dtype=bool)
    a, b = left[rows], right[rows]
    found[rows] = _mentions(columns, values, a, b) | _mentions(columns, values, b, a)
    return found


def salary_levels(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """By the Agenda for Change bands when both name bands and no band is in both (two grades: two posts); else by
    the figures; where neither side has figures ("Competitive depending on experience"), by the wording."""
    low_a, low_b = columns.salary_min[left], columns.salary_min[right]
    high_a, high_b = columns.salary_max[left], columns.salary_max[right]
    wording = columns.salary_wording
    no_figures = np.isnan(high_a) & np.isnan(high_b)
    relative = _pay_difference(columns, left, right)
    with np.errstate(invalid="ignore"):
        figures = ~np.isnan(relative)
        words = np.full(len(left), np.nan)
        words[no_figures] = _similarity(wording, left[no_figures], wording, right[no_figures], fuzz.token_set_ratio)
        rounded = (np.round(low_a / 1000) == np.round(low_b / 1000)) & (np.round(high_a / 1000) == np.round(high_b / 1000))
        other_bands = _word_sets(columns.bands, left, right, set.isdisjoint)
        return _levels(
            [
                other_bands,
                figures & (relative < 0.005),
                figures & rounded,
                figures & (relative <= 0.05),
                figures & (relative <= 0.15),
                figures,
                words >= 0.95,
            ],
            other_bands | figures | ~np.isnan(words),
        )


def closing_levels(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """By the closing dates; where a side has none (aggregators drop it), by the posted dates, a weaker clue."""
    closing = np.abs(columns.closing_day[left] - columns.closing_day[right])
    posted = np.abs(columns.posted_day[left] - columns.posted_day[right])
    by_posted = np.isnan(closing)
    with np.errstate(invalid="ignore"):
        return _levels(
            [
                closing == 0,
                closing <= 3,
                closing <= 14,
                closing <= REPOST_AFTER_DAYS,
                ~by_posted,
                posted <= 7,
                posted <= REPOST_AFTER_DAYS,
            ],
            ~by_posted | ~np.isnan(posted),
        )


def reference_levels(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """One board names each advert once (its reference, else its address: board_adverts), so two names on one board
    are two adverts, unless both carry one title as written and the same advert text (its opening, and its first
    DESCRIPTION_BODY_CHARS characters nearly the same) at the same location line: the board's repost, weighed, not
    decided. Across boards two references say little (each board numbers adverts its own way)."""
    reference, advert = columns.reference, columns.advert
    one_board = advert.known(left) & advert.known(right) & ~advert.same(left, right) & columns.source.same(left, right)
    reposted = one_board & columns.title_text.same(left, right) & columns.description.same(left, right)
    reposted &= columns.location_text.same(left, right) & ~_pay_differs(columns, left, right)
    reposted[reposted] = _same_body(columns, left[reposted], right[reposted])
    both_known = reference.known(left) & reference.known(right)
    return _levels([reference.same(left, right), one_board & ~reposted, one_board], both_known | one_board)


def _pay_differs(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Both give pay figures and they differ by more than 5%: two grades of one advert text (NHS England's "Nurse
    Fellow" at £45,753 - £51,668 and at £91,004 - £104,927; a trust's "Midwife" at £24,907 - £37,890 and at £31,365 -
    £37,890, one text at one address), not a board's repost, which keeps its pay."""
    with np.errstate(invalid="ignore"):
        return _pay_difference(columns, left, right) > 0.05


def _pay_difference(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """How far apart two listings' pay figures are, as a share of both (NaN where a side has none)."""
    low_a, low_b = columns.salary_min[left], columns.salary_min[right]
    high_a, high_b = columns.salary_max[left], columns.salary_max[right]
    with np.errstate(invalid="ignore", divide="ignore"):
        return (np.abs(low_a - low_b) + np.abs(high_a - high_b)) / (high_a + high_b)


def _same_body(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Whether two advert texts read nearly the same (rapidfuzz ratio >= 0.9) over their first DESCRIPTION_BODY_CHARS
    characters: a feed's repost of one advert, not a second advert sharing the employer's template opening."""
    if not len(left):
        return np.zeros(0, dtype=bool)
    body = {i: description_body(columns.description_text[i]) for i in np.union1d(left, right).tolist()}
    scores = process.cpdist(
        [body[i] for i in left.tolist()], [body[i] for i in right.tolist()], scorer=fuzz.ratio, dtype=np.uint8, workers=_workers(len(left))
    )
    return scores >= 90


def description_levels(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The openings of the advert texts: the shorter found in the other (a board's cut copy) is the same text."""
    text = columns.description
    with np.errstate(invalid="ignore"):
        within = _opening_similarity(text, left, right)
        return _levels([text.same(left, right) | (within >= 0.9), within >= 0.6], ~np.isnan(within))


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "title",
        (
            Level("titles name two practices", 0.005, 0.05, decides="distinct"),
            Level("titles differ in a bracketed part", 0.002, 0.02, decides="distinct"),
            Level("same title", 0.70, 0.15),
            Level("nearly the same title", 0.12, 0.03),
            Level("one title within the other", 0.10, 0.07),
            Level("similar titles", 0.05, 0.25),
            Level("different titles", 0.005, 0.50, decides="distinct"),
        ),
        title_levels,
        (TermFrequency(2, lambda c: c.title),),
    ),
    Comparison(
        "seniority",
        (
            Level("same seniority", 0.99, 0.75),
            Level("different seniority", 0.01, 0.25, decides="distinct"),
        ),
        seniority_levels,
    ),
    Comparison(
        "employer",
        (
            Level("same ODS practice", 0.55, 0.002),
            Level("different ODS practices", 0.01, 0.40, decides="distinct"),
            Level("one employer's name, different ODS practices", 0.05, 0.01),
            Level("same name", 0.25, 0.01),
            Level("nearly the same name", 0.08, 0.01),
            Level("one name within the other", 0.06, 0.03),
            Level("similar names", 0.04, 0.10),
            Level("employer unlike the other's practice", 0.02, 0.20),
            Level("two practices' different names", 0.01, 0.30, decides="distinct"),
            Level("different names", 0.01, 0.15),
        ),
        employer_levels,
        (TermFrequency(3, lambda c: c.employer),),
    ),
    Comparison(
        "place",
        (
            Level("same postcode", 0.35, 0.002),
            Level("same postcode district", 0.30, 0.004),
            Level("same district, different addresses", 0.01, 0.004, decides="distinct"),
            Level("same town", 0.25, 0.02),
            Level("same county, one names only the county", 0.05, 0.02),
            Level("one names only a county, another nearby", 0.01, 0.02),
            Level("neighbouring postcode districts", 0.002, 0.03, decides="distinct"),
            Level("postcode districts more than 10 km apart", 0.001, 0.10, decides="distinct"),
            Level("within 10 km", 0.004, 0.03, declared=True),
            Level("within 25 km", 0.002, 0.07, declared=True),
            Level("further apart", 0.005, 0.85, decides="distinct"),
        ),
        place_levels,
        (TermFrequency(3, lambda c: c.town), TermFrequency(4, lambda c: c.county)),
    ),
    Comparison(
        "salary",
        (
            Level("different bands", 0.005, 0.10, decides="distinct"),
            Level("same figures", 0.80, 0.10),
            Level("same to the nearest thousand", 0.08, 0.02),
            Level("within 5%", 0.10, 0.15),
            Level("within 15%", 0.06, 0.30),
            Level("different figures", 0.04, 0.45),
            Level("same wording, no figures", 0.60, 0.20),
            Level("different wording, no figures", 0.40, 0.80),
        ),
        salary_levels,
    ),
    Comparison(
        "closing",
        (
            Level("same closing date", 0.75, 0.02),
            Level("1-3 days apart", 0.15, 0.05),
            Level("4-14 days apart", 0.06, 0.15),
            Level("15-45 days apart", 0.03, 0.35),
            Level("more than 45 days apart", 0.01, 0.43, decides="repost"),
            Level("no closing date, posted within 7 days", 0.70, 0.10),
            Level("no closing date, posted 8-45 days apart", 0.25, 0.40),
            Level("no closing date, posted more than 45 days apart", 0.05, 0.50, decides="repost"),
        ),
        closing_levels,
    ),
    Comparison(
        "reference",
        (
            Level("same advert reference", 0.60, 0.00001, overrules=True),
            Level("two references on one board", 0.01, 0.30, decides="distinct"),
            Level("two references on one board, same text and place", 0.01, 0.01),
            Level("different advert references", 0.39, 0.69999),
        ),
        reference_levels,
    ),
    Comparison(
        "description",
        (
            Level("same advert text", 0.80, 0.01),
            Level("similar advert text", 0.10, 0.04),
            Level("different advert text", 0.10, 0.95),
        ),
        description_levels,
        (TermFrequency(0, lambda c: c.description),),
    ),
)


def compare(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Level of each comparison (rows, in COMPARISONS order) for each pair (columns); int8, -1 = not known.
    Many pairs are compared in chunks of CHUNK_PAIRS (so the comparisons' working arrays stay small), on
    every core, one comparison a thread (numpy and rapidfuzz release the GIL)."""
    left, right = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    levels = np.zeros((len(COMPARISONS), len(left)), dtype=np.int8)
    with ThreadPoolExecutor(len(os.sched_getaffinity(0)) if len(left) > PARALLEL_PAIRS else 1) as pool:
        for start in range(0, len(left), CHUNK_PAIRS):
            a, b = left[start : start + CHUNK_PAIRS], right[start : start + CHUNK_PAIRS]
            for row, found in enumerate(pool.map(lambda comparison, a=a, b=b: comparison.compare(columns, a, b), COMPARISONS)):
                levels[row, start : start + len(a)] = found
    return levels
