"""Dedupe quality on the labelled development set (tests/data/dedupe_dev.csv, built by dedupe_dev_build.py)."""

import csv
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.accuracy import (
    DEDUPE_DEV,
    DEDUPE_INDEPENDENT,
    DEDUPE_INDEPENDENT2,
    DEDUPE_INDEPENDENT3,
    DEDUPE_INDEPENDENT4,
    DEDUPE_INDEPENDENT5,
    DEDUPE_INDEPENDENT6,
    DEDUPE_INDEPENDENT8,
    DEDUPE_INDEPENDENT9,
)
from dedupe.csvio import csv_listings
from dedupe.evaluate import LABELLED_TODAY, load_labelled, pairwise_scores, predict, recall_by_pattern, same_group_pairs
from dedupe.model import MERGE
from dedupe.run import deduplicate


def load_dev_set() -> list[dict[str, str]]:
    return load_labelled(DEDUPE_DEV)


def test_pairwise_quality_on_the_development_set():
    """Tuned on, so an upper bound. Target (issue 15): precision >= 0.98 and F1 >= 0.98. Since the set holds
    clinical and admin primary-care posts, aggregator copies without employer, closing date or more than a
    county, and advert texts (December 2026), the model measured precision 0.978, recall 0.957, F1 0.967; since
    the rules of 2 December 0.985 / 0.966 / 0.975; since EM's and term frequency's fixes and "Durham" read as its
    county, 0.993 / 0.969 / 0.9806: both targets met (docs/dedupe.md section 8)."""
    rows = load_dev_set()
    predicted = predict(rows)
    scores = pairwise_scores([row["cluster"] for row in rows], predicted)
    assert scores.true_pairs > 1700
    assert scores.precision >= 0.98
    assert scores.f1 >= 0.98
    by_pattern = recall_by_pattern(rows, predicted)
    assert all(hits / total >= 0.75 for hits, total in by_pattern.values() if total >= 20), by_pattern


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
    result = deduplicate(csv_listings(rows, LABELLED_TODAY))
    merged = {(int(a), int(b)) for a, b, decision in zip(result.pairs.left, result.pairs.right, result.pairs.decision) if decision == MERGE}
    together = same_group_pairs(result.clusters.vacancy_ids)
    assert len(together) > 1000
    assert together <= merged


@lru_cache(maxsize=1)
def dev_clusters() -> dict[str, tuple[dict, ...]]:
    """The development set's listings grouped by labelled vacancy."""
    clusters: dict[str, list[dict]] = {}
    for row, listing in zip(load_dev_set(), csv_listings(load_dev_set(), LABELLED_TODAY)):
        clusters.setdefault(row["cluster"], []).append(listing)
    return {label: tuple(listings) for label, listings in clusters.items()}


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_any_mix_of_vacancies_clusters_completely_and_keeps_its_ids_when_more_listings_arrive(data):
    labels = data.draw(st.lists(st.sampled_from(sorted(dev_clusters())), min_size=2, max_size=12, unique=True))
    listings = data.draw(st.permutations([listing for label in labels for listing in dev_clusters()[label]]))
    half = len(listings) // 2
    first = deduplicate(listings[:half]).clusters.vacancy_ids
    result = deduplicate(listings, first + [None] * (len(listings) - half))
    assert result.clusters.vacancy_ids[:half] == first
    merged = {(int(a), int(b)) for a, b, decision in zip(result.pairs.left, result.pairs.right, result.pairs.decision) if decision == MERGE}
    assert same_group_pairs(result.clusters.vacancy_ids) - same_group_pairs(first) <= merged
    assert deduplicate(listings, first + [None] * (len(listings) - half)).clusters.vacancy_ids == result.clusters.vacancy_ids


def test_pairwise_quality_on_the_independent_set():
    """Independent set 1 (tests/data/heldout_dedupe/, labelled without seeing the code). Its misses per pattern
    were read before the December 2026 changes, so it is no longer held out. Target: precision 0.97, F1 0.95;
    measured 0.906 / 0.898 / 0.902 on the model frozen on 1 December, 0.973 / 0.942 / 0.957 since the rules of
    2 December (thresholds just below; docs/dedupe.md section 8)."""
    rows = load_labelled(DEDUPE_INDEPENDENT)
    scores = pairwise_scores([row["cluster"] for row in rows], predict(rows))
    assert scores.true_pairs == 620
    assert scores.precision >= 0.975
    assert scores.recall >= 0.93
    assert scores.f1 >= 0.95


@pytest.mark.parametrize(
    ("path", "true_pairs", "precision", "recall", "f1", "patterns"),
    [
        # Set 2 (heldout_dedupe2/: 2026 NHS Jobs and JobG8 adverts, a second labeller), copied in after the model
        # was frozen and measured once: precision 0.933, recall 0.872, F1 0.901; its error kinds were read since,
        # so the thresholds follow today's seen figures (0.983 / 0.968 / 0.976).
        (DEDUPE_INDEPENDENT2, 1399, 0.975, 0.96, 0.97, {"location county only": 0, "employer hidden": 0, "real cross-post": 0}),
        # Set 3 (heldout_dedupe3/: NHS Jobs 2020 and 2026 and JobG8 2026 adverts, 101 real same-board duplicates
        # and reposts, a third labeller), copied in after the model was frozen (main 34291d8) and measured once:
        # precision 0.961, recall 0.832, F1 0.892. Most misses are real reposts under a new reference on one
        # board (2 of 227 JobG8 pairs found), which "two references on one board" kept apart; since a repost with
        # the same text and place is weighed instead (seen): 0.952 / 0.961 / 0.956.
        (DEDUPE_INDEPENDENT3, 1808, 0.945, 0.95, 0.95, {"real repost in JobG8 feed": 0.9, "title shortened": 0}),
        # Set 4 (heldout_dedupe4/: NHS Jobs 2026 and 2020 adverts, mostly NHS admin and management posts, 24
        # real same-board duplicates, a fourth labeller), measured on main d8368d9 (0.942 / 0.911 / 0.926) and on
        # 68ffe8b (0.935 / 0.904 / 0.919) before anyone read its rows (targets missed); seen since. A listing that
        # could be either of two vacancies now joins neither: 0.960 / 0.890 / 0.924 (precision first). Two addresses
        # on one board being two adverts moved EM so that one Gloucestershire cluster split: employer_hidden 150/168.
        (DEDUPE_INDEPENDENT4, 1131, 0.95, 0.88, 0.92, {"title_shortened": 0.8, "employer_hidden": 0.88}),
        # Set 5 (heldout_dedupe5/: NHS Jobs 2020 and 2026 and JobG8 adverts, no GP practice left unused, 443 real
        # same-board duplicates and re-adverts within 45 days, a fifth labeller): HELD OUT, its rows unread, measured
        # with `--scores-only`: main 04f58eb 0.955 / 0.964 / 0.959, main bd50d43 0.968 / 0.951 / 0.960 (P target
        # 0.97 missed by 0.002, F1 target 0.95 met). The thresholds guard that figure.
        (DEDUPE_INDEPENDENT5, 3426, 0.965, 0.945, 0.955, {}),
        # Set 6 (heldout_dedupe6/: NHS Jobs 2020 and 2026 adverts, mostly not GP practices, 46 real same-board
        # duplicates and re-adverts within 45 days, a sixth labeller), measured on main ec54011 before anyone read it:
        # precision 0.867, recall 0.914, F1 0.890 (targets missed); seen since. Most wrong merges are one employer's
        # same title at two sites. Since two addresses on one board are two adverts (as two references are):
        # 0.979 / 0.901 / 0.939.
        (DEDUPE_INDEPENDENT6, 2203, 0.97, 0.895, 0.93, {"written_copy": 0.92}),
        # Set 8 (heldout_dedupe8/: NHS Jobs 2020 and 2026 adverts, 22% primary care, written as Reed, DWP Find a Job,
        # Adzuna, Indeed, practice sites and BMJ show them; 838 hard-negative pairs; an eighth labeller): HELD OUT,
        # rows unread, `--scores-only`: main 142445e 0.935 / 0.940 / 0.938, b2e24f3 0.948 / 0.947 / 0.948, and
        # since two addresses on one board are two adverts 0.994 / 0.944 / 0.968 (targets met).
        (DEDUPE_INDEPENDENT8, 1540, 0.99, 0.94, 0.965, {}),
        # Set 9 (heldout_dedupe9/: real NHS Jobs 2020 and 2026 records only, 47 real repeat groups and 1,508 real
        # look-alike pairs, a ninth labeller): main 142445e 0.156 / 1.000 / 0.270 before anyone read it (nearly
        # every look-alike on one board merged); seen since. Two addresses on one board are two adverts unless
        # the text and place repeat: 0.842 / 0.653 / 0.736. Its repeats mostly differ in the advert's opening
        # line or in the location line (one advert per area of one campaign), which other sets' labellers call
        # two vacancies.
        # A same-board repost keeps its pay, and identical fields with two texts are two adverts: 1.000 / 0.643 / 0.783.
        (DEDUPE_INDEPENDENT9, 98, 0.99, 0.64, 0.77, {}),
    ],
)
def test_pairwise_quality_on_later_independent_sets(path, true_pairs, precision, recall, f1, patterns):
    """Sets made by labellers who never saw the code; targets (issue 15) precision 0.97, F1 0.95
    (docs/dedupe.md section 8). Their ";"-separated tags are read whole, so recall is printed per pattern
    as each labeller named them (with the least recall a pattern must keep)."""
    rows = load_labelled(path)
    predicted = predict(rows)
    scores = pairwise_scores([row["cluster"] for row in rows], predicted)
    assert scores.true_pairs == true_pairs
    assert scores.precision >= precision
    assert scores.recall >= recall
    assert scores.f1 >= f1
    by_pattern = recall_by_pattern(rows, predicted)
    for pattern, least in patterns.items():
        hits, total = by_pattern[pattern]
        assert hits >= least * total, (pattern, hits, total)


def test_evaluate_scores_only_prints_no_rows_and_a_missing_file_is_a_clear_error(tmp_path, capsys):
    """`--scores-only` measures a held-out set without showing its rows; a wrong path is named, not a traceback."""
    from dedupe.evaluate import main

    rows = load_dev_set()
    labels = sorted({row["cluster"] for row in rows})[:40]
    chosen = [row for row in rows if row["cluster"] in labels]
    subset = tmp_path / "subset.csv"
    with subset.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(chosen)
    assert main([str(subset), "--scores-only"]) == 0
    printed = capsys.readouterr().out
    assert "precision" in printed and "recall" in printed
    assert "false merge" not in printed and "missed:" not in printed and chosen[0]["id"] not in printed
    with pytest.raises(SystemExit) as stopped:
        main([str(tmp_path / "absent.csv")])
    assert stopped.value.code == 2 and "absent.csv" in capsys.readouterr().err
