"""Dedupe quality on the labelled development set (tests/data/dedupe_dev.csv, built by dedupe_dev_build.py)."""

from dedupe.evaluate import load_dev_set, pairwise_scores, predict


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
