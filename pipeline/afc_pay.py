"""Agenda for Change (England) band minimum and maximum annual pay, by pay year.

A pay year runs 1 April to 31 March and is keyed by the calendar year it starts in (2024 = 2024/25).
Only published figures are held; a year whose figures could not be found is left out.
"""

from __future__ import annotations

# band -> (minimum, maximum) annual pay in pounds, full-time, England.
PayTable = dict[str, tuple[int, int]]

# 2025/26 (from 1 April 2025, 3.6% award). Source: NHS Employers, "Pay scales for 2025/26",
# https://www.nhsemployers.org/articles/pay-scales-202526 (figures as reproduced in
# https://nhstakehomepaycalculator.co.uk/guides/nhs-pay-bands-2025-26). Band 1 is paid at band 2.
_2025: PayTable = {
    "1": (24465, 24465), "2": (24465, 24465), "3": (24937, 26598), "4": (27485, 30162),
    "5": (31049, 37796), "6": (38682, 46580), "7": (47810, 54710), "8a": (55690, 62682),
    "8b": (64455, 74896), "8c": (76965, 88682), "8d": (91342, 105337), "9": (109179, 125637),
}

AFC_PAY: dict[int, PayTable] = {2025: _2025}


def band_range(band: str, pay_year: int | None = None) -> tuple[int, int] | None:
    """Annual (min, max) of a band or band range such as "7-8a" in a pay year; None when unknown.

    A year after the newest table uses the newest (the best published figure); a year before the
    oldest has no figures, since older scales are not held.
    """
    year = max(AFC_PAY) if pay_year is None or pay_year > max(AFC_PAY) else pay_year
    table = AFC_PAY.get(year)
    if table is None:
        return None
    low, _, high = band.partition("-")
    if low not in table or (high or low) not in table:
        return None
    return table[low][0], table[high or low][1]
