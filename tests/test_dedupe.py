"""Dedupe: keys, scorers, rules, clustering, stable ids, the CSV and database paths (real seed listings)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import sqlite_utils

from dedupe.cluster import vacancy_id
from dedupe.csvio import csv_listing, dedupe_csv
from dedupe.evaluate import load_dev_set
from dedupe.keys import blocking_keys, employer_key, is_umbrella_employer, listing_keys, title_key
from dedupe.rules import FALLBACK, RULES, decide
from dedupe.run import deduplicate
from dedupe.score import (
    ListingColumns,
    closing_similarity,
    employer_similarity,
    place_similarity,
    salary_similarity,
    score_pairs,
    title_similarity,
)
from pipeline.store import ensure_schema, upsert_listing
from pmjobs.build import dedupe_stored

HEADER = ["id", "source", "title", "employer", "location", "salary", "closing", "url"]
# The First Practice Management list in the seed (003_403b1eb5cbbbe911.txt), in page order, as the dev set holds it.
FPM_SEED = [{name: row[name] for name in HEADER} for row in load_dev_set() if row["kind"] == "fpm-seed"]
TODAY = date(2020, 9, 20)


def listing(row: dict) -> dict:
    return csv_listing(row, f"{row['source']}:{row['id']}", TODAY)


def pair_columns(a: dict, b: dict) -> tuple[ListingColumns, np.ndarray, np.ndarray]:
    return ListingColumns.of([listing_keys(listing(a)), listing_keys(listing(b))]), np.array([0]), np.array([1])


NHS_PM = {"id": "916245694", "source": "nhs_jobs", "title": "Practice Manager", "employer": "Operose Health",
          "location": "South Oxhey WD19 7SF", "salary": "£33,000 per annum", "closing": "2020-11-11", "url": "u"}
AGENCY_PM = {"id": "a1", "source": "agency", "title": "GP Practice Mgr", "employer": "Operose Health Ltd",
             "location": "South Oxhey, Hertfordshire WD19", "salary": "£33k pa", "closing": "11/11/2020", "url": "u"}
LEICESTER_PM = {"id": "916214017", "source": "nhs_jobs", "title": "PCN Business Manager", "employer": "DHU Health Care CIC",
                "location": "Heron GP Merlyn Vaz Health And Social Centre, Leicester LE5 3GH", "salary": "£40,000 per hour",
                "closing": "2021-03-09", "url": "u"}


@pytest.mark.parametrize("scorer", [title_similarity, employer_similarity, place_similarity, salary_similarity,
                                    closing_similarity])
def test_every_scorer_gives_one_for_an_identical_pair_and_little_for_a_different_one(scorer):
    same = scorer(*pair_columns(NHS_PM, dict(NHS_PM, id="2")))
    different = scorer(*pair_columns(NHS_PM, LEICESTER_PM))
    assert same[0] == 1.0
    assert different[0] <= 0.5


def test_rewrites_of_one_advert_score_high_field_by_field():
    pairs = score_pairs(*pair_columns(NHS_PM, AGENCY_PM))
    assert pairs.title_similarity[0] == 1.0  # "GP Practice Mgr" -> "practice manager"
    assert pairs.employer_similarity[0] == 1.0  # "Ltd" is a stop word
    assert pairs.place_similarity[0] == 0.9  # postcode cut to its outward code
    assert pairs.salary_similarity[0] == 1.0  # "£33k pa" == "£33,000 per annum"
    assert pairs.closing_similarity[0] == 1.0  # 11/11/2020 == 2020-11-11
    assert decide(pairs).decision[0] == "merge"


@pytest.mark.parametrize("title, key", [
    ("Pract. Mgr", "practice manager"),
    ("Asst Practice Manager (GP)", "assistant practice manager"),
    ("PCN Manager", "primary care network manager"),
    ("Snr Practice Mgr - Southam", "senior practice manager"),
])
def test_title_key_expands_abbreviations_and_drops_place_and_noise(title, key):
    assert title_key(title, "Southam, Warwickshire") == key


@pytest.mark.parametrize("employer, key", [
    ("The Hollies Surgery & Partners", "hollies"),
    ("Francis Road Medical Centre", "francis road"),
    ("Central Advertising - General Practitioners", ""),
    ("GP Practices - Aneurin Bevan University Health Board", ""),
    ("General Practices in W, N,E Cumbria", ""),
    ("Brigstock Family Practice", "brigstock"),
])
def test_employer_key_drops_stop_words_and_umbrella_advertisers(employer, key):
    assert employer_key(employer) == key
    assert is_umbrella_employer(employer) == (key == "")


def test_the_practice_named_in_an_umbrella_listings_location_is_its_employer():
    umbrella = {**NHS_PM, "employer": "Central Advertising - General Practitioners",
                "location": "Francis Road medical Centre, Leyton E10 6PP"}
    assert listing_keys(listing(umbrella)).employer == "francis road"


def test_blocking_keys_are_role_and_place_within_a_time_bucket():
    keys = listing_keys(listing(NHS_PM))
    kinds = {block[0] for block in blocking_keys(keys)}
    assert kinds == {"outward", "town", "employer", "employer-anywhere", "in-county"}
    assert all(block[1] == "practice" for block in blocking_keys(keys))
    assert blocking_keys(keys).isdisjoint(blocking_keys(listing_keys(listing(LEICESTER_PM))))


def test_look_alikes_are_kept_apart():
    other_branch = {**NHS_PM, "id": "b2", "location": "Tipton DY4 8PX"}  # same employer and salary text, elsewhere
    other_practice = {**NHS_PM, "id": "b3", "employer": "Oxhey Village Surgery"}  # same title and town
    umbrella_a = {**NHS_PM, "id": "b4", "employer": "Central Advertising - General Practitioners", "location": "Lincoln LN6 9AY"}
    umbrella_b = {**umbrella_a, "id": "b5", "location": "Dorking RH4 2QR"}
    for a, b in [(NHS_PM, other_branch), (NHS_PM, other_practice), (umbrella_a, umbrella_b)]:
        assert decide(score_pairs(*pair_columns(a, b))).decision[0] == "distinct"


def test_a_readvert_after_45_days_is_a_new_vacancy_linked_as_a_repost():
    readvert = {**NHS_PM, "id": "916300000", "closing": "2021-01-29"}
    result = deduplicate([listing(NHS_PM), listing(readvert)])
    first, second = result.clusters.vacancy_ids
    assert first != second
    assert result.clusters.repost_of == {second: first}


def test_no_chaining_through_a_vague_listing():
    """A county-only listing may match two towns' adverts; the two towns must not merge through it."""
    a = {**NHS_PM, "id": "c1", "employer": "", "location": "Watford WD17 1AA"}
    b = {**NHS_PM, "id": "c2", "employer": "", "location": "Hertfordshire"}
    c = {**NHS_PM, "id": "c3", "employer": "", "location": "St Albans AL1 1AA"}
    result = deduplicate([listing(row) for row in (a, b, c)])
    ids = result.clusters.vacancy_ids
    merged_pairs = {(int(x), int(y)) for x, y, d in zip(result.pairs.left, result.pairs.right, result.decisions.decision)
                    if d == "merge"}
    assert merged_pairs == {(0, 1), (1, 2)}  # the county-only listing matches both towns' adverts...
    assert ids[1] in (ids[0], ids[2]) and ids[0] != ids[2]  # ...but joins only one of them


def write_csv(path: Path, rows: list[dict], header: list[str] = HEADER) -> None:
    with open(path, "w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def test_dedupe_csv_collapses_the_fpm_seed_repeats(tmp_path):
    rows = FPM_SEED
    write_csv(tmp_path / "in.csv", rows)
    summary = dedupe_csv(tmp_path / "in.csv", tmp_path / "out.csv", today=TODAY)
    out = read_csv(tmp_path / "out.csv")
    assert (summary.rows, summary.vacancies) == (10, 5)
    assert [{k: v for k, v in row.items() if k != "vacancy_id"} for row in out] == rows
    by_place = {}
    for row in out:
        by_place.setdefault((row["title"], row["location"]), set()).add(row["vacancy_id"])
    assert all(len(ids) == 1 for ids in by_place.values())
    assert out[0]["vacancy_id"] == vacancy_id("fpm:seed-1")


def test_dedupe_csv_ids_survive_rows_appended_later_and_a_rerun_on_its_own_output(tmp_path):
    rows = FPM_SEED
    write_csv(tmp_path / "day1.csv", rows[:5])
    dedupe_csv(tmp_path / "day1.csv", tmp_path / "day1-out.csv", today=TODAY)
    write_csv(tmp_path / "day2.csv", rows)
    dedupe_csv(tmp_path / "day2.csv", tmp_path / "day2-out.csv", today=TODAY)
    day1, day2 = read_csv(tmp_path / "day1-out.csv"), read_csv(tmp_path / "day2-out.csv")
    assert [row["vacancy_id"] for row in day2[:5]] == [row["vacancy_id"] for row in day1]
    dedupe_csv(tmp_path / "day2-out.csv", tmp_path / "again.csv", today=TODAY)
    again = read_csv(tmp_path / "again.csv")
    assert list(again[0]) == HEADER + ["vacancy_id"]
    assert [row["vacancy_id"] for row in again] == [row["vacancy_id"] for row in day2]


def test_dedupe_csv_names_a_missing_column(tmp_path):
    write_csv(tmp_path / "in.csv", [], header=[name for name in HEADER if name != "closing"])
    with pytest.raises(ValueError, match="closing"):
        dedupe_csv(tmp_path / "in.csv", tmp_path / "out.csv")


def store_listing(db: sqlite_utils.Database, row: dict, seen_at: str) -> None:
    fields = listing(row)
    fields.pop("listing_id")
    upsert_listing(db, {**fields, "source_id": row["id"], "url": row["url"]}, seen_at)


def test_dedupe_database_keeps_vacancy_ids_when_listings_join_later():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    for row in FPM_SEED[:5]:
        store_listing(db, row, "2020-09-20T02:00:00+00:00")
    first = dedupe_stored(db)
    before = {row["listing_id"]: row["vacancy_id"] for row in db["listings"].rows}
    for row in FPM_SEED[5:]:
        store_listing(db, row, "2020-09-21T02:00:00+00:00")
    store_listing(db, {**NHS_PM, "title": "Clinical Pharmacist"}, "2020-09-21T02:00:00+00:00")
    second = dedupe_stored(db)
    after = {row["listing_id"]: row["vacancy_id"] for row in db["listings"].rows}
    assert (first.listings, first.vacancies, first.new_vacancies) == (5, 5, 5)
    assert (second.listings, second.vacancies, second.new_vacancies) == (10, 5, 0)
    assert all(after[listing_id] == vacancy for listing_id, vacancy in before.items())
    assert after["nhs_jobs:916245694"] is None  # not a practice-management role
    southam = db["vacancies"].get(before["fpm:seed-1"])
    assert southam["n_listings"] == 3 and json.loads(southam["listing_ids"]) == ["fpm:seed-1", "fpm:seed-6", "fpm:seed-7"]
    decisions = list(db["dedupe_decisions"].rows_where("decision = 'merge'"))
    assert {row["method"] for row in decisions} == {"exact"}
    assert dedupe_stored(db).new_vacancies == 0


def test_dedupe_database_links_a_readvert_to_the_vacancy_it_repeats():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    store_listing(db, NHS_PM, "2020-10-28T02:00:00+00:00")
    store_listing(db, {**AGENCY_PM, "id": "a2", "closing": "29/01/2021"}, "2021-01-02T02:00:00+00:00")
    assert dedupe_stored(db).vacancies == 2
    first = db["listings"].get("nhs_jobs:916245694")["vacancy_id"]
    readvert = db["vacancies"].get(db["listings"].get("agency:a2")["vacancy_id"])
    assert readvert["repost_of"] == first
    decision = next(db["dedupe_decisions"].rows)
    assert (decision["decision"], decision["rule"]) == ("repost", "re-advertised more than 45 days later")


def test_every_rule_is_explained_in_the_user_docs():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "dedupe.md").read_text(encoding="utf-8")
    assert all(f"| {rule.name} |" in docs for rule in RULES + (FALLBACK,))


def test_vacancy_takes_the_real_employer_and_full_postcode_over_an_umbrella_listing():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    umbrella = {**NHS_PM, "employer": "Central Advertising - General Practitioners"}
    store_listing(db, umbrella, "2020-10-28T02:00:00+00:00")
    store_listing(db, AGENCY_PM, "2020-10-29T02:00:00+00:00")
    assert dedupe_stored(db).vacancies == 1
    vacancy = next(iter(db["vacancies"].rows))
    assert (vacancy["employer"], vacancy["postcode"], vacancy["sources"]) == ("Operose Health Ltd", "WD19 7SF", "agency,nhs_jobs")


def test_an_umbrella_only_vacancy_is_named_after_the_practice_in_its_location():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    store_listing(db, {**NHS_PM, "employer": "Central Advertising - General Practitioners",
                       "location": "Francis Road medical Centre, Leyton E10 6PP"}, "2020-10-28T02:00:00+00:00")
    dedupe_stored(db)
    assert next(iter(db["vacancies"].rows))["employer"] == "Francis Road medical Centre"


def test_nothing_to_dedupe_is_no_error(tmp_path):
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    assert (dedupe_stored(db).vacancies, db["vacancies"].count, db["dedupe_decisions"].count) == (0, 0, 0)
    write_csv(tmp_path / "in.csv", [])
    assert dedupe_csv(tmp_path / "in.csv", tmp_path / "out.csv").rows == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").strip() == ",".join(HEADER + ["vacancy_id"])
