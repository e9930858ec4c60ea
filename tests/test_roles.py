"""classify_title on real advert titles (legacy NHS Jobs, FPM seed) and the labelled dev set."""

import csv
from pathlib import Path

import pytest

from pipeline.roles import ROLES, classify_title, is_relevant

GP = "Central Advertising - General Practitioners"
DEV_SET = Path(__file__).parent / "data" / "roles_dev.tsv"


@pytest.mark.parametrize(
    ("title", "employer", "role"),
    [
        ("Practice Manager", "DHU Health Care CIC", "practice_manager"),
        ("GP Practice Manager", GP, "practice_manager"),
        ("Practice Manager", "GP Practices - Aneurin Bevan University Health Board", "practice_manager"),
        ("Band 8b - Practice Manager - Part time", "", "practice_manager"),
        ("Pract. Mgr", "", "practice_manager"),
        ("Assistant Practice Manager", GP, "assistant_or_deputy_practice_manager"),
        ("Asst PM", "", "assistant_or_deputy_practice_manager"),
        ("Dep. Practice Manager", "", "assistant_or_deputy_practice_manager"),
        ("Trainee Practice Manager", "", "assistant_or_deputy_practice_manager"),
        ("Practice Business Manager", GP, "practice_business_manager"),
        ("Business Manager (GP)", "", "practice_business_manager"),
        ("Operations Manager", GP, "operations_manager_primary_care"),
        ("Operations Manager", "The Adam Practice", "operations_manager_primary_care"),
        ("General Manager", "Brigstock Family Practice", "operations_manager_primary_care"),
        ("Primary Care Network Manager", "Harrow Health CIC", "pcn_manager"),
        ("Primary Care Network (PCN) Support Manager", "Central Advertising - Social Enterprises",
         "other_primary_care_management"),
        ("Reception Manager (GP)", "", "other_primary_care_management"),
        ("Reception and Admin Manager", GP, "other_primary_care_management"),
        ("Project Manager (2 days a week - 1 year contract)", "Essex Primary Care", "other_primary_care_management"),
        ("Operations Manager", "Bath and North East Somerset GP Federation", "other_primary_care_management"),
        ("Deputy PCN Manager", "", "other_primary_care_management"),
        ("PCN Business Manager", "", "pcn_manager"),
        ("Operations Manager", "Brighton and Hove North PCN", "pcn_manager"),
        ("Advanced Clinical Practice Manager", GP, "not_relevant"),
        ("Dental Practice Manager", "", "not_relevant"),
        ("Practice Manager", "Bupa Dental Care", "not_relevant"),
        ("Medicines Management Technician", "Abbey Medical Centre", "not_relevant"),
        ("Business Manager - Surgery Division", "Barts Health NHS Trust", "not_relevant"),
        ("Cancer Pathway Manager (XN04)", "Abdominal Medicine and Surgery", "not_relevant"),
        ("Administration Manager", "Practice Plus Group", "not_relevant"),
        ("Programme Manager: Primary Care Network Development", "Gloucestershire Clinical Commissioning Group",
         "not_relevant"),
        ("Clinical Network Manager", "NHS England and NHS Improvement", "not_relevant"),
        ("Maternity Hosted Network Manager", "NHS Sheffield Clinical Commissioning Group", "not_relevant"),
        ("Band 8b - General Manager", "University Hospitals Birmingham (Heartlands, Good Hope, Solihull)",
         "not_relevant"),
        ("General Manager", "East and North Hertfordshire NHS Trust", "not_relevant"),
        ("Deputy General Manager", "Guy's and St. Thomas' NHS Foundation Trust", "not_relevant"),
        ("Children and Young People East Midlands Diabetes Network Manager",
         "Kettering General Hospital NHS Foundation Trust", "not_relevant"),
    ],
)
def test_classify_title(title, employer, role):
    assert classify_title(title, employer) == role


def test_roles_order_and_relevance():
    assert ROLES[0] == "practice_manager" and ROLES[-1] == "not_relevant" and len(ROLES) == 7
    assert [is_relevant(r) for r in ROLES] == [True] * 6 + [False]


def _dev_rows() -> list[dict[str, str]]:
    with DEV_SET.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.skipif(not DEV_SET.exists(), reason="tests/data/roles_dev.tsv (hand-labelled titles) is not there yet")
def test_dev_set_relevance_precision_and_recall():
    rows = _dev_rows()
    predicted = [classify_title(r["title"], r["employer"]) for r in rows]
    pairs = [(is_relevant(r["role"]), is_relevant(p)) for r, p in zip(rows, predicted)]
    true_positives = sum(truth and guess for truth, guess in pairs)
    precision = true_positives / max(1, sum(guess for _truth, guess in pairs))
    recall = true_positives / max(1, sum(truth for truth, _guess in pairs))
    per_role = {
        role: f"{sum(p == role for r, p in zip(rows, predicted) if r['role'] == role)}/"
        f"{sum(r['role'] == role for r in rows)}"
        for role in ROLES
    }
    misses = [f"{r['title']!r} @ {r['employer']!r}: {r['role']} != {p}" for r, p in zip(rows, predicted)
              if r["role"] != p]
    report = f"precision {precision:.3f}, recall {recall:.3f}, per role {per_role}\n" + "\n".join(misses)
    print(report)
    assert precision >= 0.95 and recall >= 0.95, report
