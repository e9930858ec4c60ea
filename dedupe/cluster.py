"""Scored pairs -> vacancies, with stable ids and no chaining.

Merges are applied highest total weight first, and two groups join only when every listing of one matches every
listing of the other (complete linkage): A~B and B~C never pull in a C that differs from A. Two small groups (at
most LARGEST_AVERAGED_GROUP listings together) whose pairs were all weighed, none kept apart by a deciding level or
the ambiguity rule and none below WEAKEST_AVERAGED_BITS, also join when their pairs reach the threshold on
average: a weak copy that one member's pair misses by a little (average linkage, guarded).
Listings that already belong to a vacancy keep it, and two existing vacancies are never joined, so
an id, once published, stays.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from dedupe.blocking import neighbour_pairs
from dedupe.model import BY_TOTAL, MATCH_THRESHOLD_BITS, MERGE, REPOST

#: Larger groups linked by merge decisions are checked pair by pair on demand instead of in one batch.
LARGEST_CHECKED_GROUP = 200
#: Two groups whose pairs are all weighed (none kept apart by a deciding level or the ambiguity rule) also join when
#: their pairs reach the threshold on average and none falls below this many bits (average linkage, guarded).
WEAKEST_AVERAGED_BITS = 0.0
#: ... and when they are together at most this many listings.
LARGEST_AVERAGED_GROUP = 4
#: Decides pairs that blocking never compared: (left indexes, right indexes) -> decision per pair.
DecidePairs = Callable[[np.ndarray, np.ndarray], np.ndarray]


def vacancy_id(founding_listing_id: str) -> str:
    """ "v" + a short hash of the listing that founded the vacancy: stable across runs and machines."""
    return "v" + hashlib.sha1(founding_listing_id.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class Clusters:
    vacancy_ids: list[str]
    #: later vacancy -> the earlier vacancy it re-advertises
    repost_of: dict[str, str]
    #: indexes of the given pairs, short of the threshold, whose listings joined one small group on average
    joined_on_average: tuple[int, ...] = ()


class _Groups:
    """Union-find over listings, remembering the members of groups larger than one and existing vacancy ids."""

    def __init__(self, existing_ids: Sequence[str | None]):
        self.parent = list(range(len(existing_ids)))
        self.grouped: dict[int, list[int]] = {}
        self.vacancy: dict[int, str] = {}
        first_of: dict[str, int] = {}
        for i, existing in enumerate(existing_ids):
            if existing:
                self.vacancy.setdefault(first_of.setdefault(existing, i), existing)
                self.union(first_of[existing], i)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def members(self, root: int) -> list[int]:
        return self.grouped.get(root) or [root]

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a == b:
            return
        if len(self.members(a)) < len(self.members(b)):
            a, b = b, a
        self.parent[b] = a
        self.grouped[a] = self.members(a) + self.grouped.pop(b, [b])
        if b in self.vacancy:
            self.vacancy.setdefault(a, self.vacancy.pop(b))


def cluster(
    listing_ids: Sequence[str],
    existing_ids: Sequence[str | None],
    left: np.ndarray,
    right: np.ndarray,
    decision: np.ndarray,
    total: np.ndarray,
    reason: np.ndarray,
    time_day: np.ndarray,
    decide_pairs: DecidePairs,
) -> Clusters:
    """Group listings (in founding order: earlier first) into vacancies.

    `left`, `right`, `decision` should hold linked_pairs already; any other pair the complete-linkage
    check needs is decided on demand by `decide_pairs`.
    """
    n = len(listing_ids)
    merges = np.flatnonzero(decision == MERGE)
    label = components(n, left[merges], right[merges])
    sizes = np.bincount(label, minlength=n)
    merged_inside = np.bincount(label[left[merges]], minlength=n)
    has_existing = np.array([bool(existing) for existing in existing_ids], dtype=bool)
    # A group of new listings whose every pair merges is one vacancy in any merge order: no greedy step needed.
    settled = (merged_inside == sizes * (sizes - 1) // 2) & (np.bincount(label, weights=has_existing, minlength=n) == 0)
    merges = merges[~settled[label[left[merges]]]]
    merged = set((np.minimum(left[merges], right[merges]) * n + np.maximum(left[merges], right[merges])).tolist())
    codes = np.minimum(left, right) * n + np.maximum(left, right)
    by_code = np.argsort(codes, kind="stable")
    scored = codes[by_code]  # each pair is scored once
    groups = _Groups(existing_ids)
    joined_on_average: list[int] = []

    def averaged(cross: np.ndarray, missing: np.ndarray, position: np.ndarray) -> bool:
        """Whether two small groups whose every pair was weighed reach the threshold on average (pairs merged on
        demand, not scored, count at the threshold), none below WEAKEST_AVERAGED_BITS."""
        if not (scored[position] == missing).all():
            return False
        apart = by_code[position]
        if (reason[apart] != BY_TOTAL).any() or total[apart].min() < WEAKEST_AVERAGED_BITS:
            return False
        at = np.minimum(np.searchsorted(scored, cross), len(scored) - 1)
        totals = np.where(scored[at] == cross, total[by_code[at]], MATCH_THRESHOLD_BITS)
        if float(totals.mean()) < MATCH_THRESHOLD_BITS:
            return False
        joined_on_average.extend(apart.tolist())
        return True

    def all_match(group_a: list[int], group_b: list[int]) -> bool:
        cross = [min(a, b) * n + max(a, b) for a in group_a for b in group_b]
        missing = np.array([code for code in cross if code not in merged], dtype=np.int64)
        if not len(missing):
            return True
        position = np.minimum(np.searchsorted(scored, missing), max(len(scored) - 1, 0))
        if len(scored) and (scored[position] == missing).any():  # a scored pair that is not a merge
            small = len(group_a) + len(group_b) <= LARGEST_AVERAGED_GROUP
            return small and averaged(np.array(cross, dtype=np.int64), missing, position)
        found = decide_pairs(missing // n, missing % n)
        if (found != MERGE).any():
            return False
        merged.update(missing.tolist())
        return True

    order = merges[np.lexsort((right[merges], left[merges], -total[merges]))]
    for first, second in zip(left[order].tolist(), right[order].tolist()):
        a, b = groups.find(first), groups.find(second)
        if a == b or (a in groups.vacancy and b in groups.vacancy):
            continue
        if all_match(groups.members(a), groups.members(b)):
            groups.union(a, b)

    vacancy_of_root: dict[int, str] = {}
    vacancy_ids: list[str] = []
    group = label.copy()  # one listing of each vacancy, by listing
    for i, (settled_here, founder) in enumerate(zip(settled[label].tolist(), label.tolist())):
        if settled_here:  # the founder of a settled group is its first listing, which is its label
            vacancy_ids.append(vacancy_ids[founder] if founder < i else vacancy_id(listing_ids[i]))
            continue
        root = groups.find(i)  # the first listing met in a new group is its founder
        if root not in vacancy_of_root:
            vacancy_of_root[root] = groups.vacancy.get(root) or vacancy_id(listing_ids[i])
        vacancy_ids.append(vacancy_of_root[root])
        group[i] = root
    return Clusters(vacancy_ids, _repost_links(vacancy_ids, group, left, right, decision, time_day), tuple(joined_on_average))


def components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Label of each listing's connected component over the given links (the smallest member index)."""
    label = np.arange(n)
    while True:
        low = np.minimum(label[left], label[right])
        before = label.copy()
        np.minimum.at(label, left, low)
        np.minimum.at(label, right, low)
        label = label[label]
        if np.array_equal(label, before):
            return label


def linked_pairs(n: int, left: np.ndarray, right: np.ndarray, decision: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < j) inside each group of listings that merge decisions link, up to
    LARGEST_CHECKED_GROUP listings: the pairs the complete-linkage check will ask about."""
    merges = decision == MERGE
    label = components(n, left[merges], right[merges])
    sizes = np.bincount(label, minlength=n)
    members = np.flatnonzero((sizes[label] > 1) & (sizes[label] <= LARGEST_CHECKED_GROUP))
    order = members[np.argsort(label[members], kind="stable")]
    a, b = neighbour_pairs(order, label, LARGEST_CHECKED_GROUP - 1)
    return np.minimum(a, b), np.maximum(a, b)


def _repost_links(
    vacancy_ids: list[str], group: np.ndarray, left: np.ndarray, right: np.ndarray, decision: np.ndarray, time_day: np.ndarray
) -> dict[str, str]:
    """Each re-advertised vacancy -> the latest earlier vacancy it repeats (`group`: one listing of each vacancy, by listing)."""
    started = np.full(len(group), np.inf)
    np.fmin.at(started, group, time_day)  # a vacancy's first day; inf when none of its listings has a date
    links: dict[str, str] = {}
    start_of: dict[str, float] = {}
    reposts = np.flatnonzero(decision == REPOST)
    for a, b in zip(group[left[reposts]].tolist(), group[right[reposts]].tolist()):
        if a == b or np.isinf(started[a]) or np.isinf(started[b]) or started[a] == started[b]:
            continue
        earlier, later = (a, b) if started[a] < started[b] else (b, a)
        va, vb = vacancy_ids[earlier], vacancy_ids[later]
        start_of[va] = started[earlier]
        if vb not in links or start_of[links[vb]] < started[earlier]:
            links[vb] = va
    return links
