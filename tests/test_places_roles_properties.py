"""Property tests: arbitrary text never breaks the place resolver or the role classifier."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.places import find_postcode, parse_place
from pipeline.relevance import decide_relevance
from pipeline.roles import ROLES, classify_title

NORMALISED_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$")
# Arbitrary text mixed with fragments of real locations and titles, so that the rules fire.
FRAGMENTS = st.sampled_from(
    [
        "Practice Manager",
        "PCN",
        "(GP)",
        "Asst",
        "Dep.",
        "Band 8b -",
        "Surgery",
        "NHS Trust",
        "Nurse",
        "General Manager",
        "Primary Care Network (PCN)",
        "CV47 0FE",
        "ST145JP",
        "H26024",
        "Newport",
        ", ",
        "Warwickshire",
        "Central London",
        "LE5",
        "&amp;",
        "-",
        "/",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=30), FRAGMENTS), max_size=8).map(" ".join)


@settings(max_examples=2000)
@given(TEXT)
def test_parse_place_never_fails(text):
    place = parse_place(text)
    assert place.postcode == "" or NORMALISED_POSTCODE.match(place.postcode)
    assert not place.postcode or place.postcode.split(" ")[0] == place.outward_code
    assert (place.latitude is None) == (place.longitude is None)
    assert place.nation in {"", "England", "Scotland", "Wales", "Northern Ireland"}


@settings(max_examples=2000)
@given(TEXT)
def test_find_postcode_is_normalised_or_empty(text):
    postcode = find_postcode(text)
    assert postcode == "" or (NORMALISED_POSTCODE.match(postcode) and postcode.replace(" ", "") in re.sub(r"\s", "", text).upper())


@settings(max_examples=2000)
@given(TEXT, st.one_of(st.none(), TEXT))
def test_classify_title_returns_a_role(title, employer):
    assert classify_title(title, employer) in ROLES


@settings(max_examples=1000)
@given(
    TEXT,
    st.one_of(st.none(), TEXT),
    st.one_of(st.none(), TEXT),
    st.one_of(st.none(), TEXT),
    st.sampled_from(["", "reed", "adzuna", "nhs_jobs"]),
)
def test_decide_relevance_returns_a_role_and_a_reason(title, employer, description, category, source):
    decision = decide_relevance(title, employer, description, category, source)
    assert decision.role in ROLES and decision.reason
