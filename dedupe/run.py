"""Blocking -> scoring -> decisions -> clusters over one list of listings; shared by the database and CSV paths."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from dedupe.cluster import Clusters, cluster, linked_pairs
from dedupe.keys import PROBED_BLOCKS, ListingKeys, blocking_keys, listing_keys
from dedupe.rules import Decisions, decide
from dedupe.score import ListingColumns, PairScores, concatenate, score_pairs


@dataclass(frozen=True)
class Deduplication:
    keys: list[ListingKeys]
    pairs: PairScores
    decisions: Decisions
    clusters: Clusters


@lru_cache(maxsize=1024)
def _upper_triangle(size: int) -> tuple[np.ndarray, np.ndarray]:
    return np.triu_indices(size, k=1)


def _pair_codes(first: list[int], second: list[int] | None, size: int) -> np.ndarray:
    """Pairs within `first` (second is None) or across first x second, as codes min * size + max."""
    if second is None:
        upper_left, upper_right = _upper_triangle(len(first))
        members = np.asarray(first, dtype=np.int64)
        return members[upper_left] * size + members[upper_right]
    a, b = np.meshgrid(np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64))
    return np.minimum(a, b).ravel() * size + np.maximum(a, b).ravel()


def candidate_pairs(keys: Sequence[ListingKeys]) -> tuple[np.ndarray, np.ndarray]:
    """Every (i, j), i < j, of listings that share a block, each pair once."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for index, listing in enumerate(keys):
        for block in blocking_keys(listing):
            blocks[block].append(index)
    size, chunks = len(keys), []
    for block, members in blocks.items():
        if block[0] in PROBED_BLOCKS:
            probes = blocks.get((PROBED_BLOCKS[block[0]], *block[1:]))
            if probes:
                chunks.append(_pair_codes(probes, members, size))
        elif len(members) > 1:
            chunks.append(_pair_codes(members, None, size))
    if not chunks:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    codes = np.sort(np.concatenate(chunks))
    codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]
    return codes // size, codes % size


def all_pairs(keys: Sequence[ListingKeys]) -> tuple[np.ndarray, np.ndarray]:
    """Every pair, no blocking: the naive baseline the benchmark compares blocking against."""
    left, right = np.triu_indices(len(keys), k=1)
    return left.astype(np.int64), right.astype(np.int64)


def _unscored(pairs: tuple[np.ndarray, np.ndarray], left: np.ndarray, right: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i < j) not among (left, right)."""
    codes = pairs[0] * size + pairs[1]
    new = codes[~np.isin(codes, left * size + right)]
    return new // size, new % size


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: it would rescan the growing heap of keys and blocks
    (none of them cyclic) again and again, which makes a large run grow faster than linearly."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def deduplicate(
    rows: Sequence[Mapping[str, object]],
    existing_ids: Sequence[str | None] | None = None,
    candidates: Callable[[Sequence[ListingKeys]], tuple[np.ndarray, np.ndarray]] = candidate_pairs,
) -> Deduplication:
    """Vacancies of `rows` (each with a listing_id, in founding order); rows with an existing id keep it."""
    with _collector_paused():
        keys = [listing_keys(row) for row in rows]
        columns = ListingColumns.of(keys)
        left, right = candidates(keys)
        pairs = score_pairs(columns, left, right)
        decisions = decide(pairs)
        linked = linked_pairs(len(keys), left, right, decisions.decision)
        more_pairs = score_pairs(columns, *_unscored(linked, left, right, len(keys)))
        pairs = concatenate(pairs, more_pairs)
        decisions = Decisions(np.concatenate([decisions.rule_index, decide(more_pairs).rule_index]))

        def decide_pairs(more_left: np.ndarray, more_right: np.ndarray) -> np.ndarray:
            return decide(score_pairs(columns, more_left, more_right)).decision

        clusters = cluster(
            [str(row["listing_id"]) for row in rows],
            existing_ids or [None] * len(rows),
            pairs.left, pairs.right, decisions.decision, pairs.score,
            [k.time_day for k in keys],
            decide_pairs,
        )
    return Deduplication(keys, pairs, decisions, clusters)
