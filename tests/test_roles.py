"""classify_title on real advert titles (legacy NHS Jobs, FPM seed) and the labelled dev set."""

from pathlib import Path

import pytest

from bench.accuracy import load_rows
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
        ("Pactice Manager - Southam, Warwickshire", "", "practice_manager"),
        ("Assistant Practice Manager", GP, "assistant_or_deputy_practice_manager"),
        ("Asst PM", "", "assistant_or_deputy_practice_manager"),
        ("Dep. Practice Manager", "", "assistant_or_deputy_practice_manager"),
        ("Trainee Practice Manager", "", "assistant_or_deputy_practice_manager"),
        ("Practice Business Manager", GP, "practice_business_manager"),
        ("Business Manager (GP)", "", "practice_business_manager"),
        ("Operations Manager", GP, "operations_manager_primary_care"),
        ("General Manager", "Brigstock Family Practice", "operations_manager_primary_care"),
        ("Primary Care Network Manager", "Harrow Health CIC", "pcn_manager"),
        ("Primary Care Network (PCN) Support Manager", "Central Advertising - Social Enterprises", "other_primary_care_management"),
        ("Reception Manager (GP)", "", "other_primary_care_management"),
        ("Reception and Admin Manager", GP, "other_primary_care_management"),
        ("Administration Manager", "Practice Plus Group", "other_primary_care_management"),
        ("Service Lead", "GP Care Uk Ltd", "other_primary_care_management"),
        ("Head of Operations", "Bath and North East Somerset GP Federation", "other_primary_care_management"),
        ("Operations Manager", "Bath and North East Somerset GP Federation", "other_primary_care_management"),
        ("Deputy PCN Manager", "", "other_primary_care_management"),
        ("PCN Business Manager", "", "pcn_manager"),
        ("Operations Manager", "Brighton and Hove North PCN", "pcn_manager"),
        ("Advanced Clinical Practice Manager", GP, "not_relevant"),
        ("Dental Practice Manager", "", "not_relevant"),
        ("Practice Manager", "Medivet", "not_relevant"),
        ("Social Work Practice Manager", "", "not_relevant"),
        ("Medical Director", "Bath and North East Somerset GP Federation", "not_relevant"),
        ("Practice Manager", "Bupa Dental Care", "not_relevant"),
        ("Medicines Management Technician", "Abbey Medical Centre", "not_relevant"),
        ("Business Manager - Surgery Division", "Barts Health NHS Trust", "not_relevant"),
        ("Cancer Pathway Manager (XN04)", "Abdominal Medicine and Surgery", "not_relevant"),
        ("Diagnostic Imaging Manager", "Practice Plus Group", "not_relevant"),
        ("Clinical Admissions Manager - HMP Bullingdon", "Practice Plus Group", "not_relevant"),
        ("Customer Success Manager - Practice Unbound", "Care Unbound Limited, trading as Here", "not_relevant"),
        ("Surgery Team Leader", "The Adam Practice", "not_relevant"),
        ("Admin Lead - Crystal Place Road", GP, "not_relevant"),
        ("Reception Supervisor", GP, "not_relevant"),
        ("PCN Pharmacy Technician", GP, "not_relevant"),
        ("PCN Dietician", "Primary Care Services", "not_relevant"),
        ("Programme Manager: Primary Care Network Development", "Gloucestershire Clinical Commissioning Group", "not_relevant"),
        ("Clinical Network Manager", "NHS England and NHS Improvement", "not_relevant"),
        ("Maternity Hosted Network Manager", "NHS Sheffield Clinical Commissioning Group", "not_relevant"),
        ("Band 8b - General Manager", "University Hospitals Birmingham (Heartlands, Good Hope, Solihull)", "not_relevant"),
        ("General Manager", "East and North Hertfordshire NHS Trust", "not_relevant"),
        # urgent, emergency and out-of-hours services are not general practice, even when GP-led
        ("General Manager - Emergency Medicine, Acute Assessment and GP Emergency Services", "", "not_relevant"),
        ("111 Contact Centre Team Manager", "Practice Plus Group", "not_relevant"),
        # posts that support management or sit on a board, and a dispensary's team
        ("PCN Management Assistant", "A1 Primary Care Network Limited", "not_relevant"),
        ("ARRS finance, HR and Management Support Administrator", "Townships 2 PCN", "not_relevant"),
        ("Non-Executive Director Part Time", "South Warwickshire GP Federation", "not_relevant"),
        ("ASSISTANT DISPENSARY MANAGER", "Dr Parnell and Partners", "not_relevant"),
        ("Tax Manager - GP Clients", "Richmond Accounting & Advisory", "not_relevant"),
        # a partnership named for its doctors is a GP practice; QOF is general practice's contract
        ("Digital, QOF & Maintenance Manager", "Dr Rozewicz & Partners", "other_primary_care_management"),
        ("Deputy Practice Manager / Medical Receptionist", "Werrington Village Surgery", "assistant_or_deputy_practice_manager"),
        ("Deputy General Manager", "Guy's and St. Thomas' NHS Foundation Trust", "not_relevant"),
        (
            "Children and Young People East Midlands Diabetes Network Manager",
            "Kettering General Hospital NHS Foundation Trust",
            "not_relevant",
        ),
    ],
)
def test_classify_title(title, employer, role):
    assert classify_title(title, employer) == role


@pytest.mark.parametrize(
    ("title", "employer", "role"),
    [
        ("Practice Manager (GP)", "", "practice_manager"),
        ("Senior Practice Manager", "", "practice_manager"),
        ("Practice Manager / Partner", "", "practice_manager"),
        ("Practice Manager/Business Partner", "", "practice_manager"),
        ("Site Practice Manager", "", "practice_manager"),
        ("Deputy Practice Manager", "", "assistant_or_deputy_practice_manager"),
        ("Assistant/Deputy PM", "", "assistant_or_deputy_practice_manager"),
        ("Business and Practice Manager", "", "practice_business_manager"),
        ("Practice Manager / Business Manager", "", "practice_business_manager"),
        ("Operations Manager (GP)", "", "operations_manager_primary_care"),
        ("Practice Operations Manager", "", "operations_manager_primary_care"),
        ("PCN Manager", "", "pcn_manager"),
        ("PCN Operations Manager", "", "pcn_manager"),
        ("Network Manager", "Poole Central Primary Care Network", "pcn_manager"),
        ("Network Manager - Poole Central Primary Care Network", "", "pcn_manager"),
        ("Patient Services Manager", "Escrick Surgery", "other_primary_care_management"),
        ("Practice Finance Manager", "", "other_primary_care_management"),
        ("Federation Operations Manager", "", "other_primary_care_management"),
        ("Practice Nurse", GP, "not_relevant"),
        ("Salaried GP", GP, "not_relevant"),
        ("PCN Clinical Pharmacist", "Essex Primary Care", "not_relevant"),
        ("Operations Manager", "", "not_relevant"),
        ("General Manager", "", "not_relevant"),
        ("Practice Manager", "Pets at Home", "not_relevant"),
    ],
)
def test_normalisation_doc_examples(title, employer, role):
    """The examples of docs/normalisation.md (Roles) and their near misses."""
    assert classify_title(title, employer) == role


def test_roles_order_and_relevance():
    assert ROLES[0] == "practice_manager" and ROLES[-1] == "not_relevant" and len(ROLES) == 7
    assert [is_relevant(r) for r in ROLES] == [True] * 6 + [False]


def _dev_rows() -> list[dict[str, str]]:
    return [{**row, "predicted": classify_title(row["title"], row["employer"])} for row in load_rows(DEV_SET)]


def _relevance_scores(rows: list[dict[str, str]]) -> tuple[float, float]:
    """Precision and recall of relevant vs not_relevant."""
    pairs = [(is_relevant(r["role"]), is_relevant(r["predicted"])) for r in rows]
    found = sum(truth and guess for truth, guess in pairs)
    return found / max(1, sum(g for _t, g in pairs)), found / max(1, sum(t for t, _g in pairs))


def test_dev_set_relevance_precision_and_recall():
    assert DEV_SET.exists(), f"{DEV_SET} (the hand-labelled role set) is missing"
    rows = _dev_rows()
    # Rows labelled from the advert body (decided_by=description) are beyond a title-and-employer
    # classifier: reported with all rows, held to a lower floor.
    decidable = [r for r in rows if r["decided_by"] == "title"]
    precision, recall = _relevance_scores(decidable)
    all_precision, all_recall = _relevance_scores(rows)
    accuracy = sum(r["role"] == r["predicted"] for r in decidable) / len(decidable)
    per_role = {}
    for role in ROLES:
        labelled = [r for r in rows if r["role"] == role]
        per_role[role] = f"{sum(r['predicted'] == role for r in labelled)}/{len(labelled)}"
    misses = [
        f"  {r['title']!r} @ {r['employer']!r}: labelled {r['role']}, got {r['predicted']}" for r in rows if r["role"] != r["predicted"]
    ]
    report = "\n".join(
        [
            f"decidable rows ({len(decidable)}): precision {precision:.3f}, recall {recall:.3f}, role accuracy {accuracy:.3f}",
            f"all rows ({len(rows)}): precision {all_precision:.3f}, recall {all_recall:.3f}",
            f"per role (all rows): {per_role}",
            *misses,
        ]
    )
    print(report)
    assert precision >= 0.95 and recall >= 0.95 and accuracy >= 0.95, report
    # 4 of the 36 relevant rows are relevant only by their advert body (a generic "Project Manager" at
    # a GP federation): recall over all rows is bounded by what a title can say.
    assert all_precision >= 0.95 and all_recall >= 0.85, report
