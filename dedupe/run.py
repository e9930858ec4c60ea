"""Keys -> blocking -> comparisons -> model -> clusters over one list of listings; shared by the database and CSV paths."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from dedupe.blocking import candidate_pairs
from dedupe.cluster import Clusters, cluster, linked_pairs
from dedupe.keys import ListingColumns, listing_columns
from dedupe.model import BY_AVERAGE, MERGE, Model, ScoredPairs, estimate, score, without_ambiguous
from dedupe.score import compare


@dataclass(frozen=True)
class Deduplication:
    columns: ListingColumns
    model: Model
    pairs: ScoredPairs
    clusters: Clusters

    def summary(self, existing_ids: Sequence[str | None] = ()) -> DedupeSummary:
        vacancies = set(self.clusters.vacancy_ids)
        return DedupeSummary(
            len(self.clusters.vacancy_ids), len(vacancies), len(vacancies - set(existing_ids)), len(self.clusters.repost_of)
        )


@dataclass(frozen=True)
class DedupeSummary:
    """What one dedupe run did, for the command line and the crawl log."""

    listings: int = 0
    vacancies: int = 0
    new_vacancies: int = 0
    reposts: int = 0

    @property
    def merged(self) -> int:
        return self.listings - self.vacancies

    def __str__(self) -> str:
        return (
            f"{self.listings} listings -> {self.vacancies} vacancies ({self.merged} merged into another's vacancy, "
            f"{self.new_vacancies} new vacancies, {self.reposts} re-advertise an earlier one)"
        )


def _unscored(pairs: tuple[np.ndarray, np.ndarray], left: np.ndarray, right: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i < j) not among (left, right), which blocking gives sorted by (left, right)."""
    codes, known = pairs[0] * size + pairs[1], left * size + right
    position = np.minimum(np.searchsorted(known, codes), max(len(known) - 1, 0))
    new = codes[~((known[position] == codes) if len(known) else np.zeros(len(codes), dtype=bool))]
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


def _scored_pairs(columns: ListingColumns) -> tuple[Model, ScoredPairs]:
    """The model, and every pair decided: those blocking compares, then those the complete-linkage check will ask
    about (the blocking's own arrays are let go on return, before clustering)."""
    found = candidate_pairs(columns)
    levels = compare(columns, found.left, found.right)
    model = estimate(columns, levels, found.blocks)
    pairs = without_ambiguous(score(model, columns, found.left, found.right, levels))
    linked = linked_pairs(len(columns), found.left, found.right, pairs.decision)
    return model, ScoredPairs.concatenate(pairs, score(model, columns, *_unscored(linked, found.left, found.right, len(columns))))


def deduplicate(rows: Sequence[Mapping[str, object]], existing_ids: Sequence[str | None] | None = None) -> Deduplication:
    """Vacancies of `rows` (each with a listing_id, in founding order); rows with an existing id keep it."""
    with _collector_paused():
        columns = listing_columns(rows)
        model, pairs = _scored_pairs(columns)

        def decide_pairs(more_left: np.ndarray, more_right: np.ndarray) -> np.ndarray:
            return score(model, columns, more_left, more_right).decision

        clusters = cluster(
            [str(row["listing_id"]) for row in rows],
            existing_ids or [None] * len(rows),
            pairs.left,
            pairs.right,
            pairs.decision,
            pairs.total,
            pairs.reason,
            columns.time_day,
            decide_pairs,
        )
    return Deduplication(columns, model, pairs.decided(np.array(clusters.joined_on_average, dtype=np.int64), MERGE, BY_AVERAGE), clusters)
