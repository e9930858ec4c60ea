"""classify_title on real advert titles (legacy NHS Jobs, FPM seed) and the labelled dev set."""

import pytest

from pipeline.roles import ROLES, classify_title, is_relevant

GP = "Central Advertising - General Practitioners"


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
        ("Advanced Clinical Practice Manager", GP, "not_relevant"),
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
