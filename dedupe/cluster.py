"""Scored pairs -> vacancies, with stable ids and no chaining.

Merges are applied best score first, and two groups join only when every listing of one matches every
listing of the other (complete linkage): A~B and B~C never pull in a C that differs from A.
Listings that already belong to a vacancy keep it, and two existing vacancies are never joined, so
an id, once published, stays.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

#: Larger groups linked by merge decisions are checked pair by pair on demand instead of in one batch.
LARGEST_CHECKED_GROUP = 200
#: Decides pairs that blocking never scored: (left indexes, right indexes) -> decision per pair.
DecidePairs = Callable[[np.ndarray, np.ndarray], np.ndarray]


def vacancy_id(founding_listing_id: str) -> str:
    """"v" + a short hash of the listing that founded the vacancy: stable across runs and machines."""
    return "v" + hashlib.sha1(founding_listing_id.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class Clusters:
    vacancy_ids: list[str]
    #: later vacancy -> the earlier vacancy it re-advertises
    repost_of: dict[str, str]


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
    score: np.ndarray,
    time_day: Sequence[int | None],
    decide_pairs: DecidePairs,
) -> Clusters:
    """Group listings (in founding order: earlier first) into vacancies.

    `left`, `right`, `decision` should hold linked_pairs already; any other pair the complete-linkage
    check needs is decided on demand by `decide_pairs`.
    """
    n = len(listing_ids)
    merges = np.flatnonzero(decision == "merge")
    linked = np.zeros(n, dtype=bool)
    linked[left[merges]] = linked[right[merges]] = True
    among = np.flatnonzero(linked[left] & linked[right])
    known: dict[int, str] = {}
    for a, b, found in zip(left[among].tolist(), right[among].tolist(), decision[among].tolist()):
        known[a * n + b] = known[b * n + a] = found
    groups = _Groups(existing_ids)

    def all_match(group_a: list[int], group_b: list[int]) -> bool:
        cross = [(a, b) for a in group_a for b in group_b]
        missing = [(a, b) for a, b in cross if a * n + b not in known]
        if missing:
            found = decide_pairs(np.array([a for a, _ in missing]), np.array([b for _, b in missing]))
            for (a, b), d in zip(missing, found):
                known[a * n + b] = known[b * n + a] = str(d)
        return all(known[a * n + b] == "merge" for a, b in cross)

    order = merges[np.lexsort((right[merges], left[merges], -score[merges]))]
    for first, second in zip(left[order].tolist(), right[order].tolist()):
        a, b = groups.find(first), groups.find(second)
        if a == b or (a in groups.vacancy and b in groups.vacancy):
            continue
        if all_match(groups.members(a), groups.members(b)):
            groups.union(a, b)

    vacancy_of_root: dict[int, str] = {}
    for i in range(n):  # the first listing met in a new group is its founder
        root = groups.find(i)
        if root not in vacancy_of_root:
            vacancy_of_root[root] = groups.vacancy.get(root) or vacancy_id(listing_ids[i])
    vacancy_ids = [vacancy_of_root[groups.find(i)] for i in range(n)]
    return Clusters(vacancy_ids, _repost_links(vacancy_ids, left, right, decision, time_day))


def linked_pairs(n: int, left: np.ndarray, right: np.ndarray, decision: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < j) inside each group of listings that merge decisions link, up to
    LARGEST_CHECKED_GROUP listings: the pairs the complete-linkage check will ask about."""
    links = _Groups([None] * n)
    merges = decision == "merge"
    for a, b in zip(left[merges].tolist(), right[merges].tolist()):
        links.union(a, b)
    pairs = [(a, b) for members in links.grouped.values() if len(members) <= LARGEST_CHECKED_GROUP
             for a in members for b in members if a < b]
    found = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return found[:, 0], found[:, 1]


def _repost_links(vacancy_ids: list[str], left: np.ndarray, right: np.ndarray, decision: np.ndarray,
                  time_day: Sequence[int | None]) -> dict[str, str]:
    """Each re-advertised vacancy -> the latest earlier vacancy it repeats."""
    started: dict[str, int] = {}
    for vacancy, day in zip(vacancy_ids, time_day):
        if day is not None:
            started[vacancy] = min(started.get(vacancy, day), day)
    links: dict[str, str] = {}
    for a, b in zip(left[decision == "repost"], right[decision == "repost"]):
        va, vb = vacancy_ids[a], vacancy_ids[b]
        if va == vb or va not in started or vb not in started or started[va] == started[vb]:
            continue
        earlier, later = (va, vb) if started[va] < started[vb] else (vb, va)
        if later not in links or started[links[later]] < started[earlier]:
            links[later] = earlier
    return links
