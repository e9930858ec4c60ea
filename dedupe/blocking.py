"""Which listings are compared: those that share a block, and within a block only near neighbours in time.

Comparing every listing with every other grows with the square of the listings. Each listing joins a
few blocks (one role family at one practice, employer, postcode district, town, advert reference,
opening words of the advert text; a listing that names only its county joins its county's). Inside a block, listings are put in time order (closing date,
else posted date) and each is compared with the next WINDOW listings of the block, if they are
fewer than MAX_DAYS_APART days apart: a small block is compared in full, while a large one
("Practice Manager, London") costs WINDOW comparisons a listing, so cost and memory grow linearly.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from dedupe.keys import Coded, ListingColumns

#: How many following listings (in time order) each listing is compared with inside one block.
WINDOW = 12
#: Listings further apart than this are never compared (a re-advert within it is still found).
MAX_DAYS_APART = 150
#: An advert is copied to a handful of boards; an opening that more listings share is a template phrase
#: ("An exciting opportunity has arisen for a ...") that says nothing about which advert it is.
MAX_SHARED_OPENING = 50


@dataclass(frozen=True)
class Block:
    """A block kind: what its members share, and which pairs in it are worth comparing."""

    name: str
    key: Callable[[ListingColumns], Coded]
    #: the comparison its members agree on by construction, so its pairs say nothing about that field's m
    fixes: str
    #: pairs kept from this block: (columns, left, right) -> bool per pair; None keeps all
    keep: Callable[[ListingColumns, np.ndarray, np.ndarray], np.ndarray] | None = None


def _both(first: Coded, second: Coded) -> Coded:
    """One code per pair of values; missing (-1) where either is missing."""
    combined = Coded.combined([first, second])
    return Coded(np.where((first.codes >= 0) & (second.codes >= 0), combined.codes, -1), combined.values)


def _distinctive(key: Coded, most: int) -> Coded:
    """The key where at most `most` listings share its value; missing (-1) where more do."""
    shared = np.append(np.bincount(key.codes[key.codes >= 0], minlength=len(key.values)), 0)[key.codes]  # -1 reads the 0
    return Coded(np.where(shared <= most, key.codes, -1), key.values)


def _county_only(columns: ListingColumns, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return (columns.precision[left] == 0) | (columns.precision[right] == 0)


BLOCKS: tuple[Block, ...] = (
    Block("practice", lambda c: c.ods_code, "employer"),
    Block("employer", lambda c: c.employer, "employer"),
    Block("postcode district", lambda c: c.outward_code, "place"),
    Block("town", lambda c: c.town, "place"),
    Block("county and title, for listings that name only the county", lambda c: _both(c.county, c.title), "place", _county_only),
    Block("advert reference", lambda c: c.reference, "reference"),
    Block(
        "opening words of the advert text, unless a template phrase",
        lambda c: _distinctive(c.description_start, MAX_SHARED_OPENING),
        "description",
    ),
)


def _block_codes(columns: ListingColumns, key: Coded) -> np.ndarray:
    """One code per (key value, role family); -1 where the listing has no value for the key."""
    codes = key.codes * max(len(columns.family.values), 1) + np.maximum(columns.family.codes, 0)
    return np.where(key.codes >= 0, codes, -1)


def neighbour_pairs(order: np.ndarray, key: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Each item of `order` (sorted so equal keys are adjacent) paired with the next `window` items sharing its key."""
    lefts, rights = [], []
    sorted_key = key[order]  # read in order once, so that each step compares neighbouring memory
    for step in range(1, min(window, len(order) - 1) + 1):
        same = np.flatnonzero(sorted_key[:-step] == sorted_key[step:])
        if not len(same):
            break
        lefts.append(order[same])
        rights.append(order[same + step])
    if not lefts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(lefts), np.concatenate(rights)


def _neighbours(codes: np.ndarray, time_day: np.ndarray, tie: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of listings with one block code, each with the next `window` in (time, tie) order."""
    member = np.flatnonzero(codes >= 0)
    order = member[np.lexsort((tie[member], np.nan_to_num(time_day[member], nan=-1.0), codes[member]))]
    return neighbour_pairs(order, codes, window)


@dataclass(frozen=True)
class Candidates:
    """Pairs (left[i] < right[i]) to compare, each once, and a bit per BLOCKS entry that brought it."""

    left: np.ndarray
    right: np.ndarray
    blocks: np.ndarray


def _block_pairs(columns: ListingColumns, number: int, window: int) -> np.ndarray:
    """The pairs BLOCKS[number] compares, each as (pair code << len(BLOCKS)) | the block's bit."""
    block, size = BLOCKS[number], max(len(columns), 1)
    left, right = _neighbours(_block_codes(columns, block.key(columns)), columns.time_day, columns.title.codes, window)
    with np.errstate(invalid="ignore"):
        near = ~(np.abs(columns.time_day[left] - columns.time_day[right]) > MAX_DAYS_APART)
    if block.keep is not None:
        near &= block.keep(columns, left, right)
    left, right = left[near], right[near]
    return ((np.minimum(left, right) * size + np.maximum(left, right)) << len(BLOCKS)) | (1 << number)


def candidate_pairs(columns: ListingColumns, window: int = WINDOW) -> Candidates:
    """Every (i, j), i < j, compared by some block, each pair once (the blocks are built on every core)."""
    size = max(len(columns), 1)
    with ThreadPoolExecutor(len(os.sched_getaffinity(0))) as pool:
        tagged = list(pool.map(lambda number: _block_pairs(columns, number, window), range(len(BLOCKS))))
    every = np.concatenate([np.zeros(0, np.int64), *tagged])
    del tagged
    every.sort()  # in place: this array is the run's largest
    bits = (every & ((1 << len(BLOCKS)) - 1)).astype(np.int8 if len(BLOCKS) < 8 else np.int64)
    every >>= len(BLOCKS)  # now the pair codes
    first = np.ones(len(every), dtype=bool)
    np.not_equal(every[1:], every[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    pair = every[starts]
    del every
    blocks = np.bitwise_or.reduceat(bits, starts) if len(bits) else np.zeros(0, bits.dtype)
    return Candidates(pair // size, pair % size, blocks)
