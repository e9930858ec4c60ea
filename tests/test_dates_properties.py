"""Whatever text arrives, the date parsers return a date or None and never raise."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dates import ClosingDate, parse_closing_date, parse_date

# Fragments of real closing-date strings (legacy NHS Jobs descriptions, NHS Jobs cards, BMJ adverts).
FRAGMENTS = [
    "Closing date:",
    "Closing Date -",
    "The closing date is",
    "Application Closing Date:",
    "Friday",
    "Sunday,",
    "6th",
    "23 rd",
    "1st",
    "31",
    "29",
    "0",
    "99",
    "November",
    "Novemeber",
    "Febuary",
    "Sept",
    "Nov",
    "Dec.",
    "2020",
    "20",
    "21",
    "1999",
    "/",
    ".",
    "-",
    "–",
    ",",
    " ",
    "12 noon on",
    "@ 4pm",
    "23:45 on",
    "midnight",
    "(midnight GMT+1)",
    "2020-11-09T23:59:59+0000",
    "30/11/2020",
    "11/23/2020",
    "31/02/2021",
    "22.11.20",
    "06-Nov-2020",
    "until filled",
    "Ongoing",
    "rolling",
    "interviews",
    "closes on",
    "of",
    "the",
    "may",
]

texts = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(FRAGMENTS), max_size=10).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=10).map("".join),
)
references = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))


@settings(max_examples=3000, deadline=None)
@given(texts, references)
def test_parse_closing_date_never_raises(text: str, reference: date | None) -> None:
    result = parse_closing_date(text, reference)
    assert isinstance(result, ClosingDate)
    assert result.date is None or isinstance(result.date, date)
    assert not (result.open_ended and result.date is not None)


@settings(max_examples=2000, deadline=None)
@given(texts, references)
def test_parse_date_is_a_date_or_none(text: str, reference: date | None) -> None:
    result = parse_date(text, reference)
    assert result is None or isinstance(result, date)


@settings(max_examples=1000, deadline=None)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["{d}/{m}/{y}", "{d:02d}.{m:02d}.{y}", "Closing date: {d} {month} {y}", "{weekday}{d}th{month} {y}"]),
)
def test_written_dates_read_back(day: date, template: str) -> None:
    text = template.format(d=day.day, m=day.month, y=day.year, month=day.strftime("%B"), weekday=day.strftime("%A"))
    assert parse_date(text, date(2000, 1, 1)) == day
