"""Pairwise precision, recall and F1 of dedupe on the labelled development set (`python -m dedupe.evaluate`).

A pair of rows counts as a true merge when both carry the same `cluster` label; precision asks how
many pairs put in one vacancy belong together, recall how many that belong together were found.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

from dedupe.csvio import csv_listings
from dedupe.run import deduplicate

DEV_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "dedupe_dev.csv"
#: The crawl date the development set's adverts were read on (posted dates take precedence).
DEV_SET_TODAY = date(2020, 11, 5)


@dataclass(frozen=True)
class PairwiseScores:
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __str__(self) -> str:
        return (f"precision {self.precision:.4f}  recall {self.recall:.4f}  F1 {self.f1:.4f}  "
                f"({self.correct_pairs} of {self.predicted_pairs} merged pairs correct, {self.true_pairs} true pairs)")


def same_group_pairs(labels: Sequence[object]) -> set[tuple[int, int]]:
    groups: dict[object, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(label, []).append(index)
    return {pair for members in groups.values() for pair in combinations(members, 2)}


def pairwise_scores(truth: Sequence[object], predicted: Sequence[object]) -> PairwiseScores:
    true_pairs, predicted_pairs = same_group_pairs(truth), same_group_pairs(predicted)
    return PairwiseScores(len(true_pairs), len(predicted_pairs), len(true_pairs & predicted_pairs))


def load_dev_set(path: Path = DEV_SET) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def predict(rows: Sequence[dict[str, str]], today: date = DEV_SET_TODAY) -> list[str]:
    return deduplicate(csv_listings(list(rows), today)).clusters.vacancy_ids


def errors(rows: Sequence[dict[str, str]], predicted: Sequence[str]) -> list[str]:
    """Lines naming each wrongly merged and each missed pair, with how the rows were built."""
    truth = [row["cluster"] for row in rows]
    wrong = same_group_pairs(predicted) - same_group_pairs(truth)
    missed = same_group_pairs(truth) - same_group_pairs(predicted)

    def describe(i: int) -> str:
        row = rows[i]
        return f"{row['source']}:{row['id']} [{row['kind']}] {row['title']} | {row['employer']} | {row['location']} | {row['salary']} | {row['closing']}"

    return ([f"false merge:\n  {describe(a)}\n  {describe(b)}" for a, b in sorted(wrong)]
            + [f"missed:\n  {describe(a)}\n  {describe(b)}" for a, b in sorted(missed)])


def main(argv: Sequence[str] = ()) -> int:
    rows = load_dev_set(Path(argv[0]) if argv else DEV_SET)
    predicted = predict(rows)
    scores = pairwise_scores([row["cluster"] for row in rows], predicted)
    kinds = Counter(row["kind"].split(":")[0] for row in rows)
    print(f"{len(rows)} listings, {len({row['cluster'] for row in rows})} labelled vacancies "
          f"({', '.join(f'{count} {kind}' for kind, count in sorted(kinds.items()))})")
    print(scores)
    for line in errors(rows, predicted):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
