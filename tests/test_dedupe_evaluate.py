"""Dedupe quality on the labelled development set (tests/data/dedupe_dev.csv, built by dedupe_dev_build.py)."""

from dedupe.csvio import csv_listings
from dedupe.evaluate import DEV_SET_TODAY, load_dev_set, pairwise_scores, predict, same_group_pairs
from dedupe.run import deduplicate


def test_pairwise_quality_on_the_development_set():
    rows = load_dev_set()
    scores = pairwise_scores([row["cluster"] for row in rows], predict(rows))
    assert scores.true_pairs > 1000
    assert scores.precision >= 0.98
    assert scores.f1 >= 0.97


def test_the_fpm_seed_repeats_are_one_vacancy_each():
    rows = [row for row in load_dev_set() if row["kind"] == "fpm-seed"]
    assert len(rows) == 10
    scores = pairwise_scores([row["cluster"] for row in rows], predict(rows))
    assert (scores.true_pairs, scores.correct_pairs, scores.predicted_pairs) == (6, 6, 6)


def test_pairwise_scores_count_pairs_not_rows():
    scores = pairwise_scores(["a", "a", "a", "b"], ["x", "x", "y", "y"])
    assert (scores.true_pairs, scores.predicted_pairs, scores.correct_pairs) == (3, 2, 1)
    assert (scores.precision, round(scores.recall, 4)) == (0.5, 0.3333)


def test_every_pair_inside_a_vacancy_is_a_recorded_merge_decision():
    """Complete linkage, and inspectable: no two listings share a vacancy without a 'merge' row for them."""
    rows = load_dev_set()
    result = deduplicate(csv_listings(rows, DEV_SET_TODAY))
    merged = {(int(a), int(b)) for a, b, decision in zip(result.pairs.left, result.pairs.right, result.decisions.decision)
              if decision == "merge"}
    together = same_group_pairs(result.clusters.vacancy_ids)
    assert len(together) > 1000
    assert together <= merged
