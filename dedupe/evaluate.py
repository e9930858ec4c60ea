"""Pairwise precision, recall and F1 of dedupe on labelled listings: `python -m dedupe.evaluate FILE.csv ...`
(`--scores-only` leaves out the pairs in error, to measure a held-out set without reading its rows).

A labelled file is a `pmjobs dedupe` CSV with a `cluster` label per row (and a `pattern` or `kind`
saying how the row was written). A pair of rows counts as a true merge when both carry the same
label; precision asks how many pairs put in one vacancy belong together, recall how many that
belong together were found, and recall per pattern which ways of rewriting an advert are missed.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

from dedupe.csvio import csv_listings
from dedupe.run import deduplicate

#: The crawl date the labelled adverts (NHS Jobs, autumn 2020) are read on; posted dates take precedence.
LABELLED_TODAY = date(2020, 11, 5)


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
        return (
            f"precision {self.precision:.4f}  recall {self.recall:.4f}  F1 {self.f1:.4f}  "
            f"({self.correct_pairs} of {self.predicted_pairs} merged pairs correct, {self.true_pairs} true pairs)"
        )


def same_group_pairs(labels: Sequence[object]) -> set[tuple[int, int]]:
    groups: dict[object, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(label, []).append(index)
    return {pair for members in groups.values() for pair in combinations(members, 2)}


def pairwise_scores(truth: Sequence[object], predicted: Sequence[object]) -> PairwiseScores:
    true_pairs, predicted_pairs = same_group_pairs(truth), same_group_pairs(predicted)
    return PairwiseScores(len(true_pairs), len(predicted_pairs), len(true_pairs & predicted_pairs))


def load_labelled(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def patterns(row: dict[str, str]) -> set[str]:
    """How a row was written: "rewrite:title-case+town-only" -> {"title-case", "town-only"}; tags separated by ";"
    (outside brackets) are taken whole ("location town, county; posted +2 days"), and a long "real repost in JobG8
    feed (...)" or "synthetic re-advert of X ..." by its first words."""
    text = row.get("pattern") or row.get("kind") or ""
    tags = re.split(r";\s*(?![^()]*\))", text) if ";" in text else re.split(r"\+", re.sub(r"^[a-z-]+:", "", text))
    tags = {re.split(r" \(| of ", tag)[0] if tag.startswith(("real ", "synthetic ")) else tag for tag in map(str.strip, tags)}
    tags = {tag for tag in tags if tag and tag not in ("original", "base")}
    return tags or {re.sub(r":.*", "", text) or "unlabelled"}


def recall_by_pattern(rows: Sequence[dict[str, str]], predicted: Sequence[str]) -> dict[str, tuple[int, int]]:
    """pattern -> (true pairs found, true pairs) over pairs where either row was written that way."""
    found = same_group_pairs(predicted)
    counts: dict[str, list[int]] = {}
    for a, b in same_group_pairs([row["cluster"] for row in rows]):
        for tag in patterns(rows[a]) | patterns(rows[b]):
            entry = counts.setdefault(tag, [0, 0])
            entry[0] += (a, b) in found
            entry[1] += 1
    return {tag: (hits, total) for tag, (hits, total) in sorted(counts.items())}


def predict(rows: Sequence[dict[str, str]], today: date = LABELLED_TODAY) -> list[str]:
    return deduplicate(csv_listings(list(rows), today)).clusters.vacancy_ids


def errors(rows: Sequence[dict[str, str]], predicted: Sequence[str]) -> list[str]:
    """Lines naming each wrongly merged and each missed pair, with how the rows were built."""
    truth = [row["cluster"] for row in rows]
    wrong = same_group_pairs(predicted) - same_group_pairs(truth)
    missed = same_group_pairs(truth) - same_group_pairs(predicted)

    def describe(i: int) -> str:
        row = rows[i]
        return f"{row['source']}:{row['id']} [{row.get('pattern') or row.get('kind')}] {row['title']} | {row['employer']} | {row['location']} | {row['salary']} | {row['closing']}"

    return [f"false merge:\n  {describe(a)}\n  {describe(b)}" for a, b in sorted(wrong)] + [
        f"missed:\n  {describe(a)}\n  {describe(b)}" for a, b in sorted(missed)
    ]


def report(path: Path, pairs: bool = True) -> PairwiseScores:
    """Print the scores on one labelled file, recall per pattern, and each error unless `pairs` is false."""
    rows = load_labelled(path)
    predicted = predict(rows)
    scores = pairwise_scores([row["cluster"] for row in rows], predicted)
    print(f"{path}: {len(rows)} listings, {len({row['cluster'] for row in rows})} labelled vacancies")
    print(f"  {scores}")
    for tag, (hits, total) in recall_by_pattern(rows, predicted).items():
        print(f"  recall {hits / total:.3f} ({hits}/{total}) {tag}")
    for line in errors(rows, predicted) if pairs else ():
        print("  " + line.replace("\n", "\n  "))
    return scores


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m dedupe.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, metavar="LABELLED.csv", help="labelled listings (a cluster per row)")
    parser.add_argument("--scores-only", action="store_true", help="print the scores and recall per pattern, not the pairs in error")
    args = parser.parse_args(argv)
    if missing := [str(path) for path in args.files if not path.is_file()]:
        parser.error(f"no such file: {', '.join(missing)}")
    for path in args.files:
        report(path, pairs=not args.scores_only)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
