"""Invariants of parse_salary on arbitrary text and on strings built from salary-like fragments."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.salary import parse_salary

FRAGMENTS = [
    "£",
    "£35",
    "-£40,000",
    "35,000",
    "£22-£26K",
    "50 - 60K",
    "k",
    "£25-31000",
    "£13,79",
    "£17,652",
    "- £19.020",
    "£29.191.50",
    "£15.66",
    "-",
    " to ",
    " and ",
    "Up to ",
    "From ",
    "circa ",
    "c. ",
    "approx ",
    " per annum",
    " pa",
    " p.a.",
    " p/a",
    " a year",
    " pa/pr",
    " pro rata",
    " pro-rata",
    " prorata",
    " FTE",
    " WTE",
    " ph",
    " p/h",
    "/Hr",
    " per hours",
    " an hour",
    " per week",
    " pw",
    " pcm",
    " per day",
    " per session",
    "Band 7",
    "8a-8b",
    "Band 8a/8b",
    "AfC band 6 equivalent",
    "Band 8A (£65,125)",
    " + bonus",
    " plus £3K Welcome Bonus",
    " + 5% HCAS",
    " (£32,920 per annum)",
    " for 37.5 hours per week",
    "01234 567890",
    "CV47 0FE",
    "Competitive",
    "DOE",
    "TBC",
    "Negotiable",
    "Competetive",
    "See description",
    " ",
    ",",
    ".",
    "(",
    ")",
    "/",
    "0",
    "9",
    "2020/21",
    "99999999999999999999",
    "1e309",
    "£0.00",
    "+",
    " rising to ",
    "Between ",
    " (over 25)",
    "Band 8a/b",
    "/£",
    ", £",
    "£37, 020",
    "£11,0683",
    "pro tata",
    "0.6 WTE",
    "5 PAs",
    "£9.21ph+",
    "(B8a)",
    "c.",
    " upto",
    "£30 615",
    "£30'615",
    "£45-753",
    "45,0000",
    "£33,65700",
    "£26,100.",
    "10 PA",
    "Annex 21",
    "up ",
    "pro for part",
]

salary_like = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map("".join)


def _check(text: str) -> None:
    salary = parse_salary(text)
    figures = [v for v in (salary.min, salary.max) if v is not None]
    assert salary.period or not figures or " per " in f" {text.lower()}"  # only a piece rate has no period
    assert figures or not salary.period
    assert all(math.isfinite(v) and v > 0 for v in figures)
    if salary.min is not None and salary.max is not None:
        assert salary.min <= salary.max
    for derived in (salary.annual_fte_min, salary.annual_fte_max, salary.band_min, salary.band_max):
        assert derived is None or (math.isfinite(derived) and derived > 0)
    if salary.band_min is not None:
        assert salary.band and not figures and salary.band_min <= salary.band_max


@settings(max_examples=3000, deadline=None)
@given(st.text())
def test_arbitrary_text(text):
    _check(text)


@settings(max_examples=5000, deadline=None)
@given(salary_like)
def test_salary_like_text(text):
    _check(text)


@settings(max_examples=500, deadline=None)
@given(salary_like, st.integers(min_value=1990, max_value=2100))
def test_any_pay_year(text, year):
    salary = parse_salary(text, pay_year=year)
    assert salary.band_min is None or salary.band_min <= salary.band_max
