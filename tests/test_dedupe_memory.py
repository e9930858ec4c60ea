"""Dedupe memory grows linearly, not with the square of a block: 3,000 practice manager listings in
one town (the fault probe's 200k rows over 8 places were killed at 23.5 GB) stay within a bound."""

from __future__ import annotations

import datetime
import tracemalloc

from dedupe.blocking import BLOCKS, WINDOW
from dedupe.run import deduplicate
from pipeline.normalise import normalise_listing

LISTINGS = 3000
#: All pairs of 3,000 listings would be 4.5 million, each with its indexes, levels and scores.
PEAK_BYTES = 100 * 2**20
# Real advert texts of the snapshots at one surgery's town (Southam Surgery, M84026, CV47 1NY).
ADVERTS = [
    {"title": "Practice Manager", "employer": "Southam Surgery", "location": "Southam CV47 1NY", "salary_text": "£45,000 per annum"},
    {
        "title": "Assistant Practice Manager",
        "employer": "Southam Surgery",
        "location": "Southam, Warwickshire",
        "salary_text": "£28,000 - £32,000",
    },
    {
        "title": "PCN Manager",
        "employer": "South Warwickshire PCN",
        "location": "Southam CV47 0FA",
        "salary_text": "£35-£40,000 based on experience",
    },
    {"title": "GP Practice Manager", "employer": "Croft Medical Centre", "location": "Southam CV47 1PZ", "salary_text": "Band 7"},
]


def listings() -> list[dict]:
    base = datetime.date(2020, 9, 1)
    parsed = [{**advert, **normalise_listing(advert, reference=base)} for advert in ADVERTS]
    rows = []
    for number in range(LISTINGS):
        closing = base + datetime.timedelta(days=number % 365)
        rows.append(
            {
                **parsed[number % len(parsed)],
                "listing_id": f"nhs_jobs:L{number}",
                "source": "nhs_jobs",
                "source_id": f"L{number}",
                "url": f"https://www.jobs.nhs.uk/candidate/jobadvert/L{number}",
                "closing_text": closing.strftime("%d %B %Y"),
                "closing_date": closing.isoformat(),
                "first_seen": f"2020-09-01T02:{number % 60:02d}:00+00:00",
            }
        )
    return rows


def test_a_large_block_stays_within_a_memory_bound():
    rows = listings()
    tracemalloc.start()
    try:
        result = deduplicate(rows)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(result.clusters.vacancy_ids) == LISTINGS
    assert len(result.pairs.left) <= LISTINGS * WINDOW * len(BLOCKS)  # comparisons grow linearly
    assert peak < PEAK_BYTES, f"peak {peak / 2**20:.0f} MB"
