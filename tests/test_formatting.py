"""The site's words for pay, dates and distances, from the stored values of real adverts."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.normalise import normalise_listing
from pmjobs.formatting import closes_in, full_date, miles, money, pay_in_words, working_patterns

REFERENCE = date(2026, 11, 1)


@pytest.mark.parametrize(
    "salary_text, words",
    [
        ("£35-£40,000 based on experience", "£35,000–£40,000 a year"),
        ("£45,000 a year", "£45,000 a year"),
        ("£42-50K dependent on experience", "£42,000–£50,000 a year"),
        ("£15.66 - £25.05 per hour", "£15.66–£25.05 an hour, about £30,600–£49,000 full time"),
        ("Up to £40,000 per annum", "Up to £40,000 a year"),
        ("Competitive", "Competitive (no figure given)"),
        ("Up to €42,000!!!", "Up to €42,000 a year"),  # a JobG8 advert for an optician in Dublin
        ("", "Not given"),
    ],
)
def test_pay_in_words_from_what_the_advert_says(salary_text, words):
    assert pay_in_words({"salary_text": salary_text, **normalise_listing({"salary_text": salary_text}, reference=REFERENCE)}) == words


def test_band_pay_names_the_band_and_its_figures():
    fields = normalise_listing({"salary_text": "Band 7"}, reference=date(2024, 9, 1))  # the 2024/25 pay scale
    assert pay_in_words({"salary_text": "Band 7", **fields}) == "Band 7: £46,148–£52,809"


def test_numbers_never_show_a_trailing_point_zero():
    assert money(35000.0) == "£35,000" and money(15.66) == "£15.66" and money(None) == ""


@pytest.mark.parametrize(
    "iso, words", [("2026-11-06", "Fri 6 Nov 2026"), ("2020-09-27T10:00:00+00:00", "Sun 27 Sep 2020"), ("", ""), ("soon", "soon")]
)
def test_full_date(iso, words):
    assert full_date(iso) == words


@pytest.mark.parametrize(
    "closing, words",
    [
        ("2026-11-06", "closes in 5 days"),
        ("2026-11-02", "closes tomorrow"),
        ("2026-11-01", "closes today"),
        ("2026-10-29", "closed 3 days ago"),
        ("2026-10-31", "closed 1 day ago"),
    ],
)
def test_closes_in(closing, words):
    assert closes_in(closing, REFERENCE) == words


def test_open_ended_and_missing_closing_dates():
    assert closes_in(None, REFERENCE, 1) == "open until filled"
    assert closes_in("", REFERENCE, 0) == "no closing date given"


@pytest.mark.parametrize("value, words", [(3.21, "3.2 miles"), (1.04, "1.0 mile"), (0.01, "under 0.1 miles"), (None, "")])
def test_miles(value, words):
    assert miles(value) == words


@pytest.mark.parametrize(
    ("patterns", "words"),
    [
        # Adzuna contract_time, schema.org employmentType, Reed's flags, an NHS Jobs card's list (spiders/snapshots)
        (["full_time"], "Full time"),
        (["FULL_TIME", "Full time", "Part time"], "Full time · Part time"),
        (["Full time, Part time, Flexible working"], "Full time · Part time · Flexible working"),
        # written with a hyphen, as the site's working-pattern filter also reads it
        (["Full-time", "full_time"], "Full time"),
        (["", None], ""),
    ],
)
def test_working_patterns_are_said_once_each_in_words(patterns, words):
    assert working_patterns([{"working_pattern": pattern} for pattern in patterns]) == words
