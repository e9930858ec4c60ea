"""Blocking -> scoring -> decisions -> clusters over one list of listings; shared by the database and CSV paths."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from dedupe.cluster import Clusters, cluster
from dedupe.keys import ListingKeys, blocking_keys, listing_keys
from dedupe.rules import Decisions, decide
from dedupe.score import ListingColumns, PairScores, score_pairs


@dataclass(frozen=True)
class Deduplication:
    keys: list[ListingKeys]
    pairs: PairScores
    decisions: Decisions
    clusters: Clusters


def candidate_pairs(keys: Sequence[ListingKeys]) -> tuple[np.ndarray, np.ndarray]:
    """Every (i, j), i < j, of listings that share a block, each pair once."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for index, listing in enumerate(keys):
        for block in blocking_keys(listing):
            blocks[block].append(index)
    chunks = []
    for members in blocks.values():
        if len(members) > 1:
            upper_left, upper_right = np.triu_indices(len(members), k=1)
            chunk = np.asarray(members, dtype=np.int64)
            chunks.append(chunk[upper_left] * len(keys) + chunk[upper_right])
    if not chunks:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    codes = np.unique(np.concatenate(chunks))
    return codes // len(keys), codes % len(keys)


def deduplicate(rows: Sequence[Mapping[str, object]], existing_ids: Sequence[str | None] | None = None) -> Deduplication:
    """Vacancies of `rows` (each with a listing_id, in founding order); rows with an existing id keep it."""
    keys = [listing_keys(row) for row in rows]
    columns = ListingColumns.of(keys)
    left, right = candidate_pairs(keys)
    pairs = score_pairs(columns, left, right)
    decisions = decide(pairs)

    def decide_pairs(more_left: np.ndarray, more_right: np.ndarray) -> np.ndarray:
        return decide(score_pairs(columns, more_left, more_right)).decision

    clusters = cluster(
        [str(row["listing_id"]) for row in rows],
        existing_ids or [None] * len(rows),
        left, right, decisions.decision, pairs.score,
        [k.time_day for k in keys],
        decide_pairs,
    )
    return Deduplication(keys, pairs, decisions, clusters)
