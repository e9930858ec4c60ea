"""Hostile lengths: the date parser reads a bounded prefix of any cell, so its work is bounded
whatever a board sends (a 20 kB closing cell once made `pmjobs normalise` take 36 s)."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import dates
from pipeline.dates import MAX_TEXT, parse_closing_date

REFERENCE = datetime.date(2020, 9, 24)
# The probe's inputs, and others of the same shape: fillers that each pattern scans over.
FILLERS = [" ", "1 jan ", "1/", "1-", "12 ", "jan 1 ", "interview ", "closing ", "\t\n", "Mon 1st "]


def test_the_probes_inputs_reach_the_patterns_bounded(monkeypatch):
    seen: list[int] = []
    parse = dates._parse

    def measured(text, *context):
        seen.append(len(text))
        return parse(text, *context)

    monkeypatch.setattr(dates, "_parse", measured)
    for text in ("1" + " " * 10000 + "x", "1 jan " * 16666, "Closing date: 30/09/2020 " + "x" * 20000):
        parse_closing_date(text, REFERENCE)
    assert seen and max(seen) <= MAX_TEXT
    assert parse_closing_date("Closing date: 30/09/2020 " + "x" * 20000, REFERENCE).date == datetime.date(2020, 9, 30)


@settings(max_examples=60, deadline=None)
@given(head=st.text(max_size=40), filler=st.sampled_from(FILLERS), repeats=st.integers(200, 5000), tail=st.text(max_size=40))
def test_nothing_past_the_bound_changes_the_reading(head, filler, repeats, tail):
    """The reading depends on the first MAX_TEXT characters only: bounded input, bounded work."""
    text = head + filler * repeats
    if len(" ".join(text.split())) <= MAX_TEXT:
        return
    assert parse_closing_date(text + tail, REFERENCE) == parse_closing_date(text + " Closing date: 1 January 2030", REFERENCE)


@given(day=st.integers(1, 28), spaces=st.integers(1, 3000))
def test_runs_of_spaces_read_as_one(day, spaces):
    text = f"Closing{' ' * spaces}{day}{' ' * spaces}October 2020"
    assert parse_closing_date(text, REFERENCE).date == datetime.date(2020, 10, day)
