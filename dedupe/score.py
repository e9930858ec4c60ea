"""Field similarities (0..1, NaN when a side lacks the field) for many listing pairs at once.

Each similarity is a column over pairs so that the fuzzy string work runs in rapidfuzz's C code on all
cores (`process.cdist` / `process.cpdist`, `workers=-1`) instead of a Python loop, once per distinct
pair of strings; one pair is just a one-row batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
from rapidfuzz import fuzz, process

from dedupe.keys import ListingKeys

#: How much each field counts in the combined score (fields a pair lacks are left out).
FIELD_WEIGHTS = {"title": 0.35, "employer": 0.2, "place": 0.25, "salary": 0.1, "closing": 0.1}
#: Days between closing dates at which closing similarity reaches 0.
CLOSING_SPAN_DAYS = 45
#: Relative salary difference at which salary similarity reaches 0 (25%).
SALARY_SPAN = 0.25
#: Distance at which two places in different towns stop being neighbours.
NEIGHBOUR_KM = 20.0


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
        table: dict[str, int] = {}
        codes = [table.setdefault(value, len(table)) if value or not empty_is_missing else -1 for value in strings]
        return cls(np.array(codes, dtype=np.int64), list(table))

    def same(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return (self.codes[left] == self.codes[right]) & (self.codes[left] >= 0)


def _distinct_pairs(codes_a: np.ndarray, codes_b: np.ndarray, width: int) -> tuple[np.ndarray, ...]:
    """(rows where both codes are known, distinct (a, b) code pairs as two arrays, row -> distinct pair)."""
    known = np.flatnonzero((codes_a >= 0) & (codes_b >= 0))
    width = max(width, 1)
    unique, inverse = np.unique(codes_a[known] * width + codes_b[known], return_inverse=True)
    return known, unique // width, unique % width, inverse


@dataclass(frozen=True)
class ListingColumns:
    """ListingKeys as columns, so pair features are array lookups."""

    title: Coded
    employer: Coded
    seniority: Coded
    signature: Coded
    reference: Coded
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
    closing_day: np.ndarray
    posted_day: np.ndarray

    @classmethod
    def of(cls, keys: Sequence[ListingKeys]) -> ListingColumns:
        def floats(values: list[float | None]) -> np.ndarray:
            return np.array([np.nan if value is None else value for value in values], dtype=float)

        def coded(name: str) -> Coded:
            return Coded.of([getattr(k, name) for k in keys])

        return cls(
            title=coded("title"),
            employer=coded("employer"),
            seniority=Coded.of([k.seniority for k in keys], empty_is_missing=False),
            signature=coded("signature"),
            reference=coded("reference"),
            location_text=coded("location_text"),
            postcode=coded("postcode"),
            outward_code=coded("outward_code"),
            town=coded("town"),
            county=coded("county"),
            precision=np.array([k.place_precision for k in keys], dtype=np.int64),
            latitude=floats([k.latitude for k in keys]),
            longitude=floats([k.longitude for k in keys]),
            salary_min=floats([k.salary_min for k in keys]),
            salary_max=floats([k.salary_max for k in keys]),
            closing_day=floats([k.closing_day for k in keys]),
            posted_day=floats([k.posted_day for k in keys]),
        )


@dataclass(frozen=True)
class PairScores:
    """One row per pair (left[i], right[i]): each field's similarity, the combined score, and facts rules use."""

    left: np.ndarray
    right: np.ndarray
    title_similarity: np.ndarray
    employer_similarity: np.ndarray
    place_similarity: np.ndarray
    salary_similarity: np.ndarray
    closing_similarity: np.ndarray
    score: np.ndarray
    days_apart: np.ndarray
    same_signature: np.ndarray
    same_seniority: np.ndarray
    same_reference: np.ndarray


def concatenate(first: PairScores, second: PairScores) -> PairScores:
    return PairScores(**{field.name: np.concatenate([getattr(first, field.name), getattr(second, field.name)])
                         for field in fields(PairScores)})


def _string_similarity(column: Coded, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """token_sort_ratio / 100 per pair (word order free, every word must match); NaN where a side is empty."""
    similarity = np.full(len(left), np.nan)
    if len(column.values) ** 2 <= len(left):  # few distinct strings (titles): score them all at once, look up
        a, b = column.codes[left], column.codes[right]
        known = (a >= 0) & (b >= 0)
        matrix = process.cdist(column.values, column.values, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=-1)
        similarity[known] = matrix[a[known], b[known]] / 100.0
        return similarity
    known, codes_a, codes_b, inverse = _distinct_pairs(column.codes[left], column.codes[right], len(column.values))
    if len(known):
        distinct = process.cpdist([column.values[i] for i in codes_a], [column.values[j] for j in codes_b],
                                  scorer=fuzz.token_sort_ratio, workers=-1)
        similarity[known] = distinct.astype(float)[inverse] / 100.0
    return similarity


def title_similarity(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return _string_similarity(columns.title, left, right)


def employer_similarity(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """NaN unless both sides name a real employer (an umbrella advertiser is no evidence either way)."""
    return _string_similarity(columns.employer, left, right)


def _distance_km(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    lat1, lat2 = np.radians(columns.latitude[left]), np.radians(columns.latitude[right])
    dlat = lat2 - lat1
    dlon = np.radians(columns.longitude[right] - columns.longitude[left])
    a = np.sin(dlat / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _mentions(columns: ListingColumns, text_side: np.ndarray, town_side: np.ndarray) -> np.ndarray:
    """The town of `town_side` appears in the location line of `text_side` ("Cross Site, London SE1 7EU" ~ "London")."""
    found = np.zeros(len(text_side), dtype=bool)
    texts, towns = columns.location_text, columns.town
    known, text_codes, town_codes, inverse = _distinct_pairs(texts.codes[text_side], towns.codes[town_side], len(towns.values))
    distinct = np.array([f" {towns.values[town]} " in f" {texts.values[text]} " for text, town in zip(text_codes, town_codes)],
                        dtype=bool)
    if len(known):
        found[known] = distinct[inverse]
    return found


def _town_mentioned(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return _mentions(columns, left, right) | _mentions(columns, right, left)


def place_similarity(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """How surely two listings are at one place; NaN when a side has no place.

    1 same postcode; 0.9 same outward code; 0.8 same town where a side has no outward code; 0.6 one
    county where a side names only the county; 0.5 two addresses in one postcode district; up to 0.5
    for neighbours (by distance) and 0 for places further apart. Two different outward codes are
    different places however the towns are named ("Manchester M22" is not "Manchester M46").
    """
    def same(column: Coded) -> np.ndarray:
        return column.same(left, right)

    precision_a, precision_b = columns.precision[left], columns.precision[right]
    coarse = np.minimum(precision_a, precision_b)
    with np.errstate(invalid="ignore"):
        neighbour = 0.5 * np.clip(1 - _distance_km(columns, left, right) / NEIGHBOUR_KM, 0, 1)
    neighbour = np.where((coarse >= 1) & ~np.isnan(neighbour), neighbour, 0.0)
    same_town = np.zeros(len(left), dtype=bool)
    town_level = np.flatnonzero(coarse == 1)
    same_town[town_level] = same(columns.town)[town_level] | _town_mentioned(columns, left[town_level], right[town_level])
    similarity = np.select(
        [same(columns.postcode), (coarse == 3) & same(columns.outward_code), same(columns.outward_code),
         coarse >= 2, same_town, (coarse == 0) & same(columns.county)],
        [1.0, 0.5, 0.9, neighbour, 0.8, 0.6],
        default=neighbour,
    )
    return np.where(coarse >= 0, similarity, np.nan)


def salary_similarity(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """1 for the same figures, falling linearly to 0 at a SALARY_SPAN relative difference; NaN without figures."""
    low_a, low_b = columns.salary_min[left], columns.salary_min[right]
    high_a, high_b = columns.salary_max[left], columns.salary_max[right]
    with np.errstate(invalid="ignore", divide="ignore"):
        relative = (np.abs(low_a - low_b) + np.abs(high_a - high_b)) / (high_a + high_b)
    return np.clip(1 - relative / SALARY_SPAN, 0, 1)


def days_apart(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Days between closing dates, else between posted dates; NaN when neither pair of dates is known."""
    closing = np.abs(columns.closing_day[left] - columns.closing_day[right])
    posted = np.abs(columns.posted_day[left] - columns.posted_day[right])
    return np.where(np.isnan(closing), posted, closing)


def closing_similarity(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """1 for the same closing date, 0 at CLOSING_SPAN_DAYS apart; NaN when a side has none."""
    gap = np.abs(columns.closing_day[left] - columns.closing_day[right])
    return np.clip(1 - gap / CLOSING_SPAN_DAYS, 0, 1)


def combined_score(similarities: dict[str, np.ndarray]) -> np.ndarray:
    """Weighted mean of the similarities a pair has (NaN fields left out)."""
    total = np.zeros_like(similarities["title"])
    weight = np.zeros_like(total)
    for field, field_weight in FIELD_WEIGHTS.items():
        known = ~np.isnan(similarities[field])
        total += np.where(known, similarities[field], 0.0) * field_weight
        weight += known * field_weight
    return np.divide(total, weight, out=np.zeros_like(total), where=weight > 0)


def score_pairs(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> PairScores:
    left, right = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    similarities = {
        "title": title_similarity(columns, left, right),
        "employer": employer_similarity(columns, left, right),
        "place": place_similarity(columns, left, right),
        "salary": salary_similarity(columns, left, right),
        "closing": closing_similarity(columns, left, right),
    }
    return PairScores(
        left=left,
        right=right,
        title_similarity=similarities["title"],
        employer_similarity=similarities["employer"],
        place_similarity=similarities["place"],
        salary_similarity=similarities["salary"],
        closing_similarity=similarities["closing"],
        score=combined_score(similarities),
        days_apart=days_apart(columns, left, right),
        same_signature=columns.signature.same(left, right),
        same_seniority=columns.seniority.same(left, right),
        same_reference=columns.reference.same(left, right),
    )
