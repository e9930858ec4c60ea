"""Agenda for Change band minimum and maximum annual pay, by pay year, for England and for Scotland.

Scotland negotiates its own Agenda for Change pay (its 2026/27 award is 3.75%), so a Scottish
advert's band is read from the Scottish table; every other nation's from the English one (Wales pays its own
2026/27 figures, raised to the Real Living Wage at the bottom, but no Welsh table could be read). The
Scottish tables lack bands 8d and 9 of 2023/24 and 2024/25 and bands 1, 4 and 8a-9 of 2025/26: no
published figure could be read for them. 2026/27 is complete, as NHS Scotland's own job board lists it.

A pay year runs 1 April to 31 March and is keyed by the calendar year it starts in (2024 = 2024/25).
An advert's calendar year maps to the pay year that starts in it: most of a calendar year (April to
December) falls in that pay year, and adverts early in a year mostly still quote the scales that
were current when they were written. Only published figures are held; a year or band whose
figures could not be found is left out rather than estimated.
"""

from __future__ import annotations

# band -> (minimum, maximum) annual pay in pounds, full-time, England.
PayTable = dict[str, tuple[int, int]]

# 2019/20, year two of the 2018 framework agreement, when bands 1-3 still overlapped. Sources: the
# 2019/20 column of the pay-point table reproduced by https://lasunison.com/pay (bands 1-3); bands
# 4-8a as NHS employers advertised that scale verbatim on the legacy NHS Jobs site
# (salary_values_all.tsv, e.g. "£24,214 to £30,112 pa pr", "£44,606 to £50,819 pro rata for part
# time"). Bands 8b-9 are left out: no source found.
_2019: PayTable = {
    "1": (17652, 17652),
    "2": (17652, 19020),
    "3": (18813, 20795),
    "4": (21089, 23761),
    "5": (24214, 30112),
    "6": (30401, 37267),
    "7": (37570, 43772),
    "8a": (44606, 50819),
}

# 2020/21, last year of the 2018 framework agreement. Sources: the 2020/21 pay-point tables
# reproduced by https://promedical.co.uk/blog/agenda-for-change (bands 1-5) and
# https://lasunison.com/pay (bands 1-3); bands 6-9 as NHS employers advertised them verbatim on the
# legacy NHS Jobs site in November 2020 (shared/fixtures-real/nhs-jobs-legacy-jsonld/
# salary_values_all.tsv, e.g. "£91,004 - £104,927 per annum" for band 9). Each figure times the
# 3% award of 2021/22 gives NHS Employers' published 2021/22 figure below.
_2020: PayTable = {
    "1": (18005, 18005),
    "2": (18005, 19337),
    "3": (19737, 21142),
    "4": (21892, 24157),
    "5": (24907, 30615),
    "6": (31365, 37890),
    "7": (38890, 44503),
    "8a": (45753, 51668),
    "8b": (53168, 62001),
    "8c": (63751, 73664),
    "8d": (75914, 87754),
    "9": (91004, 104927),
}

# 2021/22 (3% award). Source: NHS Employers, "Annual pay scales 2021/22",
# https://www.nhsemployers.org/articles/annual-pay-scales-202122 (bands 8a-9 cross-checked with the
# 2021/22 table of https://healthjobsonline.co.uk/uncategorized/nhs-pay-rise-calculator-nursingnotes/).
_2021: PayTable = {
    "1": (18546, 18546),
    "2": (18546, 19918),
    "3": (20330, 21777),
    "4": (22549, 24882),
    "5": (25655, 31534),
    "6": (32306, 39027),
    "7": (40057, 45839),
    "8a": (47126, 53219),
    "8b": (54764, 63862),
    "8c": (65664, 75874),
    "8d": (78192, 90387),
    "9": (93735, 108075),
}

# 2022/23 (£1,400, or 4% at the top of band 6 and in band 7). Source: NHS Employers pay poster
# 2022/23, https://nhsemployers.org/publications/nhs-terms-and-conditions-pay-poster-202223-archived
# (figures as reproduced in https://www.getmakedigital.com/nhs-banding/nhs-pay-rise-calculator);
# each agrees with the 2021/22 figure plus the award. Bands 1 and 2 are left out: no source found
# gives both of their points.
_2022: PayTable = {
    "3": (21730, 23177),
    "4": (23949, 26282),
    "5": (27055, 32934),
    "6": (33706, 40588),
    "7": (41659, 47672),
    "8a": (48526, 54619),
    "8b": (56164, 65262),
    "8c": (67064, 77274),
    "8d": (79592, 91787),
    "9": (95135, 109475),
}

# 2023/24 (5% award). Source: NHS Employers pay scales 2023/24, as reproduced in
# https://nursingnotes.co.uk/agenda-for-change-nhs-pay-bands/ and https://athona.com/banding-in-the-nhs
# (bands 1-8a) and https://nhspayscales.co.uk/what-is-the-highest-nhs-pay-band/ (band 9).
_2023: PayTable = {
    "1": (22383, 22383),
    "2": (22383, 22383),
    "3": (22816, 24336),
    "4": (25147, 27596),
    "5": (28407, 34581),
    "6": (35392, 42618),
    "7": (43742, 50056),
    "8a": (50952, 57349),
    "8b": (58972, 68525),
    "8c": (70417, 81138),
    "8d": (83571, 96376),
    "9": (99891, 114949),
}

# 2024/25 (5.5% award). Source: NHS Health Careers, "Agenda for change - pay rates",
# https://www.healthcareers.nhs.uk/working-health/working-nhs/nhs-pay-and-benefits/agenda-change-pay-rates
# Band 1 is paid at band 2.
_2024: PayTable = {
    "1": (23615, 23615),
    "2": (23615, 23615),
    "3": (24071, 25674),
    "4": (26530, 29114),
    "5": (29970, 36483),
    "6": (37338, 44962),
    "7": (46148, 52809),
    "8a": (53755, 60504),
    "8b": (62215, 72293),
    "8c": (74290, 85601),
    "8d": (88168, 101677),
    "9": (105385, 121271),
}

# 2025/26 (3.6% award). Source: NHS Employers, "Pay scales for 2025/26",
# https://www.nhsemployers.org/articles/pay-scales-202526 (figures as reproduced in
# https://nhstakehomepaycalculator.co.uk/guides/nhs-pay-bands-2025-26). Band 1 is paid at band 2.
_2025: PayTable = {
    "1": (24465, 24465),
    "2": (24465, 24465),
    "3": (24937, 26598),
    "4": (27485, 30162),
    "5": (31049, 37796),
    "6": (38682, 46580),
    "7": (47810, 54710),
    "8a": (55690, 62682),
    "8b": (64455, 74896),
    "8c": (76965, 88682),
    "8d": (91342, 105337),
    "9": (109179, 125637),
}

# 2026/27 (3.3% award, paid from April 2026). Sources: NHS Employers, "Pay scales for 2026/27" (published 12 February
# 2026, https://www.nhsemployers.org/articles/pay-scales-202627), bands 2-8b as a careers site's published page source
# reproduces it (the NHS Employers page itself could not be read); every band 5-9 figure as NHS Jobs adverts of
# England quoted it from April to August 2026 (lloydampadu/nhs-job-tracker data/jobs.json, each pair the most common
# of its band outside London: band 5 in 20 adverts, 6 in 53, 7 in 43, 8a in 20, 8b in 5, among them C9318-26-0614
# "... Band 8b" at £66,582-£77,368; 8c in 4, e.g. C9303-26-0068; 8d in one, C9193-26-0495; 9 in one, C9262-26-1132),
# and "NHS Band 8a - £57,528 - £64,750" as an advert page read it. Each figure is within £1 of the 2025/26 one times
# 1.033, rounded up or down point by point, so none is computed here. Band 1 is paid at band 2.
_2026: PayTable = {
    "1": (25272, 25272),
    "2": (25272, 25272),
    "3": (25760, 27476),
    "4": (28392, 31157),
    "5": (32073, 39043),
    "6": (39959, 48117),
    "7": (49387, 56515),
    "8a": (57528, 64750),
    "8b": (66582, 77368),
    "8c": (79504, 91609),
    "8d": (94356, 108814),
    "9": (112782, 129783),
}

AFC_PAY: dict[int, PayTable] = {
    2019: _2019,
    2020: _2020,
    2021: _2021,
    2022: _2022,
    2023: _2023,
    2024: _2024,
    2025: _2025,
    2026: _2026,
}

# Scotland 2023/24 and 2024/25 (5.5% award). Source: the table "Scottish Pay Settlement 2023-24 |
# Scottish Pay in 2024-25 after 5.5% Uplift" of https://graemedey.info/nhs-pay-rise-agreed/ (every
# pay point of bands 1-8c; bands 8d and 9 are cut off there, so they are left out). Cross-checks:
# HSJ, https://www.hsjjobs.com/article/english-band-8-and-9-staff-now-paid-12pc-less-than-scottish-peers
# gives the same 2023-24 entry points of bands 8a (£56,992) and 8b (£67,285); each 2024/25 figure of
# bands 5-7 times 1.0425 is the 2025/26 figure below.
_SCOTLAND_2023: PayTable = {
    "1": (23240, 23240),
    "2": (23362, 25368),
    "3": (25468, 27486),
    "4": (27598, 30019),
    "5": (30229, 37664),
    "6": (37831, 46100),
    "7": (46244, 53789),
    "8a": (56992, 61522),
    "8b": (67285, 71978),
    "8c": (79466, 85181),
}
_SCOTLAND_2024: PayTable = {
    "1": (24518, 24518),
    "2": (24647, 26763),
    "3": (26869, 28998),
    "4": (29116, 31670),
    "5": (31892, 39735),
    "6": (39912, 48635),
    "7": (48788, 56747),
    "8a": (60126, 64906),
    "8b": (70986, 75937),
    "8c": (83837, 89866),
}

# Scotland 2025/26 (year one of the two-year deal: 4.25%, then 3.75% in 2026/27, as RCN Scotland
# reports the accepted offer, https://www.rcn.org.uk/scotland/Get-involved/Pay-and-other-campaigns/Fair-pay-for-nursing-Scotland;
# https://salaryaftertaxuk.co.uk/blog/nhs-scotland-pay-rise-2026-27 adds an adjustment to 4.4%; the
# figures here are the 2024/25 ones times 1.0425). Source: the 2025-26 band ranges of
# https://nhstakehomepaycalculator.co.uk/guides/nurse-salary-scotland-2025-27 (bands 5-7; the page
# gives bands 8a-9 only as one span, so they are left out, and bands 2-4 are not on it). Each figure
# times 1.0375 is the calculator site's own 2026/27 figure, not NHS Scotland's (see below).
# Bands 2 and 3 as NHS Scotland adverts of the pay year quote them: a Healthcare Support Worker post of NHS
# Scotland in Perthshire posted on Indeed on 17 March 2026 (https://to.indeed.com/aaydnzhp8z9m, "£25,694–£27,900",
# as a public job-board project's listing of Indeed results copies it), and an NHS advert's salary line
# "1 year temporary post salary £28,011 to £30,230 (pro-rata) 36 hours over 5 Days" (36 hours: Scotland's
# working week from April 2025) quoted in a public scraper's tests. Neither names the band: both ends of
# each equal the 2024/25 band 2 and band 3 ends times 1.0425, to the pound, as bands 5-7 do, so these
# adverts also show that 2025/26 adverts quoted the 4.25% figures.
_SCOTLAND_2025: PayTable = {
    "2": (25694, 27900),
    "3": (28011, 30230),
    "5": (33247, 41424),
    "6": (41608, 50702),
    "7": (50861, 59159),
}

# Scotland 2026/27 (3.75%, year two). Source: NHS Scotland's own job board (Jobtrain,
# apply.jobs.scot.nhs.uk), its salary filter as saved about 11 July 2026 in
# shared/fixtures-real/nhs-scotland/search-results-junior-clinical-fellow-2026-07.html (options
# "Band 1 (£26,557)" to "Band 9 (£127,521 - £133,044)"; the page is from saksak218/whatsapp-jobs,
# tmp-nhs-scotland.html). Each figure is the 2024/25 one times 1.044 (2025/26 with its adjustment to
# 4.4%) times 1.0375. It replaces the bands 2-5 read before from a calculator site
# (nhstakehomepaycalculator.co.uk), which had applied 4.25% for 2025/26 and so ran about 0.15% low;
# the 2025/26 figures above are that site's too, and may be low by as much.
_SCOTLAND_2026: PayTable = {
    "1": (26557, 26557),
    "2": (26696, 28988),
    "3": (29103, 31409),
    "4": (31537, 34303),
    "5": (34544, 43039),
    "6": (43231, 52679),
    "7": (52845, 61466),
    "8a": (65125, 70303),
    "8b": (76888, 82251),
    "8c": (90808, 97338),
    "8d": (107810, 112426),
    "9": (127521, 133044),
}

AFC_PAY_SCOTLAND: dict[int, PayTable] = {
    2023: _SCOTLAND_2023,
    2024: _SCOTLAND_2024,
    2025: _SCOTLAND_2025,
    2026: _SCOTLAND_2026,
}


def band_range(band: str, pay_year: int | None = None, nation: str = "") -> tuple[int, int] | None:
    """Annual (min, max) of a band or band range such as "7-8a" in a pay year and nation; None when unknown.

    Scotland has its own table, every other nation England's. A year after the newest table uses
    the newest (the best published figure); a year before the oldest has no figures, since older
    scales are not held.
    """
    tables = AFC_PAY_SCOTLAND if nation == "Scotland" else AFC_PAY
    year = max(tables) if pay_year is None or pay_year > max(tables) else pay_year
    table = tables.get(year)
    if table is None:
        return None
    low, _, high = band.partition("-")
    if low not in table or (high or low) not in table:
        return None
    return table[low][0], table[high or low][1]
