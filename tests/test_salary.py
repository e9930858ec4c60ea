"""parse_salary on real advert strings (SOURCES.md §9a, the FPM seed, the legacy NHS Jobs list)."""

from __future__ import annotations

import time
from itertools import pairwise

import pytest

from pipeline.afc_pay import AFC_PAY, AFC_PAY_SCOTLAND, band_range
from pipeline.salary import HOURS_PER_WEEK, WEEKS_PER_YEAR, parse_salary
from pipeline.text import unglue

N = None

# text, min, max, period, pro_rata, band
CASES = [
    # SOURCES.md §9a
    ("£54,499 a year", 54499, 54499, "annual", False, ""),
    ("£31,049 to £37,796 a year", 31049, 37796, "annual", False, ""),
    ("Depends on experience", N, N, "", False, ""),
    ("£24.48 an hour", 24.48, 24.48, "hourly", False, ""),
    ("£49,387 to £56,515 a year per annum, pro rata for part time", 49387, 56515, "annual", True, ""),
    ("£40,000", 40000, 40000, "annual", False, ""),
    ("£25,000 -£30,000 p.a. (dependent on experience)", 25000, 30000, "annual", False, ""),
    ("negotiable", N, N, "", False, ""),
    ("TBC", N, N, "", False, ""),
    ("35,000", 35000, 35000, "annual", False, ""),
    ("£31,365 to £37,890 pa/pr", 31365, 37890, "annual", True, ""),
    ("Competitive", N, N, "", False, ""),
    ("£42-50K dependent on experience", 42000, 50000, "annual", False, ""),
    ("50-60k DOE", 50000, 60000, "annual", False, ""),
    ("£60,000 + bonuses", 60000, 60000, "annual", False, ""),
    ("15,600", 15600, 15600, "annual", False, ""),
    ("£24,907 - £30,615 per annum, pro rata", 24907, 30615, "annual", True, ""),
    ("Band 5", N, N, "", False, "5"),
    ("Band 8a/8b", N, N, "", False, "8a-8b"),
    ("AfC Band 3: £19,737 - £21,142 pa", 19737, 21142, "annual", False, "3"),
    ("£17.40 per hour (plus £4,000 retention bonus)", 17.40, 17.40, "hourly", False, ""),
    ("£15.66-£25.05 ph", 15.66, 25.05, "hourly", False, ""),
    ("£16.40 per hour (£32,920 per annum)", 16.40, 16.40, "hourly", False, ""),
    ("£14.02 per hour plus 10% lieu of annual leave", 14.02, 14.02, "hourly", False, ""),
    ("£70-£100 per session", 70, 100, "session", False, ""),
    ("Up to £36,500 FTE - DOE + Golden Hello", N, 36500, "annual", False, ""),
    ("£38,890 - £44,503 pro rata + 5% HCAS", 38890, 44503, "annual", True, ""),
    ("£25-31000 + up to £3k salary enhancements pa", 25000, 31000, "annual", False, ""),
    ("£31,000.00 plus £3K Welcome Bonus", 31000, 31000, "annual", False, ""),
    ("£155.63 per week for 12 months, NMW for remaining", 155.63, 155.63, "weekly", False, ""),
    ("UP TO £39,000 per annum DOE", N, 39000, "annual", False, ""),
    ("£60,058.00 - £68,891.00 p.a. inc HCA", 60058, 68891, "annual", False, ""),
    ("£68,573 -78,486 - p.a inclusive of HCAS", 68573, 78486, "annual", False, ""),
    ("£40,000 - £50,000 per annum,negotiable", 40000, 50000, "annual", False, ""),
    ("Band 8A (£65,125)", 65125, 65125, "annual", False, "8a"),
    ("Consultant (£111,430 - £148,064)", 111430, 148064, "annual", False, ""),
    ("Please see advert", N, N, "", False, ""),
    # the FPM seed
    ("£35-£40,000 based on experience", 35000, 40000, "annual", False, ""),
    ("Salary Commensurate with experience", N, N, "", False, ""),
    ("£45,000 p/a (depending on experience)", 45000, 45000, "annual", False, ""),
    # docs/normalisation.md
    ("£22-£26K", 22000, 26000, "annual", False, ""),
    ("50 - 60K", 50000, 60000, "annual", False, ""),
    ("From £30,000", 30000, N, "annual", False, ""),
    ("circa £45k", 45000, 45000, "annual", False, ""),
    ("c. £45,000", 45000, 45000, "annual", False, ""),
    ("£12 p/h", 12, 12, "hourly", False, ""),
    ("£12/Hr", 12, 12, "hourly", False, ""),
    ("£12 per hours", 12, 12, "hourly", False, ""),
    ("£2,500 pcm", 2500, 2500, "monthly", False, ""),
    ("£400 per day", 400, 400, "daily", False, ""),
    ("£1,353.08 pw", 1353.08, 1353.08, "weekly", False, ""),
    ("AfC band 6 equivalent", N, N, "", False, "6"),
    ("£13,79 per hour", 13.79, 13.79, "hourly", False, ""),
    ("£17,652 - £19.020", 17652, 19020, "annual", False, ""),
    ("£29.191.50", 29191.50, 29191.50, "annual", False, ""),
    ("£25,000 pa for 37.5 hours per week", 25000, 25000, "annual", False, ""),
    ("01234 567890", N, N, "", False, ""),
    ("CV47 0FE", N, N, "", False, ""),
    ("Competetive", N, N, "", False, ""),
    # legacy NHS Jobs strings (salary_values_all.tsv) whose old-site min/max were wrong
    ("£24,907 - £30,615 pa pr", 24907, 30615, "annual", True, ""),
    ("Up to £22,450 (Pro-Ratqa)", N, 22450, "annual", True, ""),
    ("£30,401 - £37,267 per annum pr rota", 30401, 37267, "annual", True, ""),
    ("£45-£140.98 pr hour", 45, 140.98, "hourly", False, ""),
    ("£13,520 - £16,900 per session", 13520, 16900, "session", False, ""),
    ("£13.79 Weekly pay will include: Basic pay + HCAS +", 13.79, 13.79, "hourly", False, ""),
    ("£9.78p/h Weekdays/Nights, £11.55p/h Weekends", 9.78, 9.78, "hourly", False, ""),
    # lists of pay points, alternatives, second ranges (usually last year's scale)
    ("£24,907/£26,970/£27,416/£30,615", 24907, 30615, "annual", False, ""),
    ("Clinical 5: £46,284 - £51,055 - £55,825", 46284, 55825, "annual", False, ""),
    ("£21,892 / £24,157", 21892, 24157, "annual", False, ""),
    ("£16,195/ £17,222 (over 25) pro rata fixed point", 16195, 17222, "annual", True, ""),
    ("£24,907 - £30,615 £23,023 - £29,608 pa", 24907, 30615, "annual", False, ""),
    ("£82,096 £110,683 per annum per annum", 82096, 110683, "annual", False, ""),
    ("£18,108 £21,000 FTE", 18108, 18108, "annual", False, ""),
    ("£35007.97 - £5K Welcome Bonus", 35007.97, 35007.97, "annual", False, ""),
    ("AfC Band 6: £31,365 rising to £37,890 pro rata", 31365, 37890, "annual", True, "6"),
    ("£43,712 up to 49,325 pa inc HCAS", 43712, 49325, "annual", False, ""),
    ("£37,000 up to", N, 37000, "annual", False, ""),
    ("up £25,000 per annum", N, 25000, "annual", False, ""),
    ("uo to £165,000 plus relocation", N, 165000, "annual", False, ""),
    ("to £29,000", N, 29000, "annual", False, ""),
    ("Starting salary from £31,365 pro rata, per annum", 31365, N, "annual", True, ""),
    ("£9.21ph+", 9.21, N, "hourly", False, ""),
    ("£15.66+ Per Hour", 15.66, N, "hourly", False, ""),
    ("£25,000 +", 25000, N, "annual", False, ""),
    ("WTE from circa £38K per annum", 38000, N, "annual", False, ""),
    ("Between £22,000 and £23,500 DOE", 22000, 23500, "annual", False, ""),
    ("Competitive-  £12.66 and £90 overnight respite.", 12.66, 12.66, "hourly", False, ""),
    ("£38,890 - £44,503 Per Annum Pro tata for Part time", 38890, 44503, "annual", True, ""),
    ("£38,890 - £44,503 per annum per rata", 38890, 44503, "annual", True, ""),
    ("£21,892 - £24,157 pa/ pro for part time staff", 21892, 24157, "annual", True, ""),
    # every band named joins the band range
    ("B5 £24,907 - £30,615 B6 £31,365 - £37,890 per annu", 24907, 37890, "annual", False, "5-6"),
    ("Band 6 training post/Band 7 upon completion of com", N, N, "", False, "6-7"),
    ("Band 6/7/8a dependent on experience", N, N, "", False, "6-8a"),
    ("Band 8a/b dependent on experience", N, N, "", False, "8a-8b"),
    # typing slips: glued words, stray spaces and separators
    ("£24907to £30615 +5% HCAS", 24907, 30615, "annual", False, ""),
    ("£16.40per hour (£32,920 per annum)", 16.40, 16.40, "hourly", False, ""),
    ("£45,000 - £50,000pro rata DOE", 45000, 50000, "annual", True, ""),
    ("£26.30(ph)- £42.08", 26.30, 42.08, "hourly", False, ""),
    ("£110ph for GPs,", 110, 110, "hourly", False, ""),
    ("£34,605 - £37, 020 + £4,000 Welcome Incentive", 34605, 37020, "annual", False, ""),
    ("£29,888 \u200b -  £36,738  per annum inc", 29888, 36738, "annual", False, ""),
    ("£82,096- £11,0683", 82096, 110683, "annual", False, ""),
    ("£25,000 - £33,00 dependent on experience", 25000, 33000, "annual", False, ""),
    ("£43,712.00 - £49,32.00 pa inc", 43712, 49320, "annual", False, ""),
    ("£26.40 - £42.098", 26.40, 42.098, "hourly", False, ""),
    ("9.21-16.85 an hour + holiday pay & penion scheme", 9.21, 16.85, "hourly", False, ""),
    ("£24907 -£30 615", 24907, 30615, "annual", False, ""),
    ("£24,907 - £30'615", 24907, 30615, "annual", False, ""),
    ("£45-753-£51,668 (Band 8A)", 45753, 51668, "annual", False, "8a"),
    ("£26,100. - £31,500. per annum inclusive salary", 26100, 31500, "annual", False, ""),
    ("45,0000 to 50,000", 45000, 50000, "annual", False, ""),
    ("£33,65700 - depending on experience", 33657, 33657, "annual", False, ""),
    # numbers that are not pay
    ("45753 WTE", 45753, 45753, "annual", False, ""),
    ("Junior Doctors Payscale - MT03", N, N, "", False, ""),
    ("£82,096 - £110,683 1 PA Thrombolysis oncall + 0.5P", 82096, 110683, "annual", False, ""),
    ("5 Programmed Activities or Equivalent", N, N, "", False, ""),
    ("Range 2 £17,222 per annum fixed salary point", 17222, 17222, "annual", False, ""),
    ("Annex 21 may apply depending on experience", N, N, "", False, ""),
    ("10 PA Locum Consultant", N, N, "", False, ""),
    # a word cut off by the old site is not read; FTE wording is not pro rata; size decides
    ("£19,737 to £21,142 per annum pro", 19737, 21142, "annual", False, ""),
    ("£38,890 to £44,503 pa, Based on Full Time Hours", 38890, 44503, "annual", False, ""),
    ("£8000", 8000, 8000, "annual", False, ""),
    ("£10,000 per session annually", 10000, 10000, "session", False, ""),
]


@pytest.mark.parametrize(("text", "low", "high", "period", "pro_rata", "band"), CASES)
def test_parse_salary_real_strings(text, low, high, period, pro_rata, band):
    salary = parse_salary(text)
    assert (salary.min, salary.max, salary.period, salary.pro_rata, salary.band) == (
        pytest.approx(low) if low is not None else None,
        pytest.approx(high) if high is not None else None,
        period,
        pro_rata,
        band,
    )


def test_annual_fte_from_hourly():
    salary = parse_salary("£15.66-£25.05 ph")
    assert salary.annual_fte_min == pytest.approx(15.66 * HOURS_PER_WEEK * WEEKS_PER_YEAR, abs=0.01)
    assert salary.annual_fte_max == pytest.approx(25.05 * HOURS_PER_WEEK * WEEKS_PER_YEAR, abs=0.01)


@pytest.mark.parametrize(
    ("text", "fte_min", "fte_max"),
    [
        ("£155.63 per week for 12 months, NMW for remaining", 155.63 * WEEKS_PER_YEAR, 155.63 * WEEKS_PER_YEAR),
        ("£2,500 pcm", 30000, 30000),
        ("£400 per day", 400 * 5 * WEEKS_PER_YEAR, 400 * 5 * WEEKS_PER_YEAR),
        ("UP TO £39,000 per annum DOE", None, 39000),
        ("£70-£100 per session", None, None),
        ("Competitive", None, None),
    ],
)
def test_annual_fte_by_period(text, fte_min, fte_max):
    salary = parse_salary(text)
    assert salary.annual_fte_min == (pytest.approx(fte_min, abs=0.01) if fte_min is not None else None)
    assert salary.annual_fte_max == (pytest.approx(fte_max, abs=0.01) if fte_max is not None else None)


def test_band_without_figures_takes_its_pay_year_range():
    latest = max(AFC_PAY)
    salary = parse_salary("Band 8a/8b", pay_year=latest)
    assert (salary.band_min, salary.band_max) == (AFC_PAY[latest]["8a"][0], AFC_PAY[latest]["8b"][1])
    assert parse_salary("Band 8a/8b").band_min == salary.band_min


def test_band_with_figures_has_no_band_range():
    salary = parse_salary("AfC Band 3: £19,737 - £21,142 pa")
    assert (salary.band_min, salary.band_max) == (None, None)


def test_band_range_of_2025_band_5():
    assert band_range("5", 2025) == (31049, 37796)


def test_an_english_advert_of_2026_takes_the_2026_27_figures_as_nhs_jobs_adverts_quote_them():
    """Real NHS Jobs cards of September 2026 quote band 5 at £32,073-£39,043 (3.3% up, rounded point by point)."""
    assert band_range("5", 2026) == (32073, 39043)
    assert band_range("8a-8b", 2026, "England") == (57528, 77368)
    assert parse_salary("Band 7", pay_year=2026, nation="England").band_min == 49387
    assert band_range("5", 2027) == band_range("5", 2026)  # a later year takes the newest published table


def test_afc_bands_rise_every_year_and_stop_overlapping_from_2020():
    order = ["1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"]
    for year, table in AFC_PAY.items():
        ranges = [table[band] for band in order if band in table]
        assert all(low <= high for low, high in ranges), year
        assert all(a[0] <= b[0] and a[1] <= b[1] for a, b in pairwise(ranges)), year
        if year >= 2020:
            assert all(a[1] <= b[0] for a, b in pairwise(ranges)), year


@pytest.mark.parametrize(("year", "award"), [(2021, 1.03), (2023, 1.05), (2024, 1.055), (2025, 1.036), (2026, 1.033)])
def test_afc_tables_agree_with_the_percentage_awards(year, award):
    """Each table was copied from a different page; the announced award links consecutive years."""
    before, after = AFC_PAY[year - 1], AFC_PAY[year]
    for band in set(before) & set(after):
        for old, new in zip(before[band], after[band]):
            assert new == pytest.approx(old * award, abs=2), (year, band)


def test_scottish_adverts_take_the_scottish_table():
    """Scotland's 2026/27 award (3.75%) differs from England's: a band 5 in Glasgow is not paid as in Leeds."""
    scottish = parse_salary("Band 5", pay_year=2026, nation="Scotland")
    english = parse_salary("Band 5", pay_year=2026, nation="England")
    assert (scottish.band_min, scottish.band_max) == (34544, 43039)
    assert (english.band_min, english.band_max) == AFC_PAY[max(AFC_PAY)]["5"]
    assert parse_salary("Band 5", pay_year=2026, nation="Wales").band_min == english.band_min
    assert band_range("6", 2025, "Scotland") == (41608, 50702)
    assert band_range("8a", 2025, "Scotland") is None  # not published in what could be read: not estimated
    assert band_range("2-3", 2025, "Scotland") == (25694, 30230)  # as 2025/26 Scottish adverts quote them
    assert band_range("8d-9", 2026, "Scotland") == (107810, 133044)  # NHS Scotland's board lists every band


@pytest.mark.parametrize(("year", "before_year", "award"), [(2024, 2023, 1.055), (2025, 2024, 1.0425), (2026, 2024, 1.044 * 1.0375)])
def test_scottish_tables_agree_with_the_awards(year, before_year, award):
    """The Scottish tables come from three pages and two adverts; the awards link the bands two of them hold
    (2025/26 adverts quote 2024/25's figures after the 4.25% award; NHS Scotland's 2026/27 figures are
    2024/25's after 2025/26's adjusted 4.4% and 2026/27's 3.75%)."""
    before, after = AFC_PAY_SCOTLAND[before_year], AFC_PAY_SCOTLAND[year]
    assert set(before) & set(after)
    for band in set(before) & set(after):
        for old, new in zip(before[band], after[band]):
            assert new == pytest.approx(old * award, abs=2), (year, band)


def test_scottish_senior_bands_of_2024():
    """Band 8a-8c adverts in Scotland take Scottish figures for 2023/24 and 2024/25 (not England's lower ones)."""
    assert band_range("8a", 2024, "Scotland") == (60126, 64906)
    assert band_range("8a", 2024, "England") == (53755, 60504)
    assert band_range("8b-8c", 2023, "Scotland") == (67285, 85181)
    assert band_range("9", 2024, "Scotland") is None  # cut off the source page: not estimated


def test_band_range_before_the_oldest_table_is_unknown():
    assert band_range("5", min(AFC_PAY) - 1) is None
    assert parse_salary("Band 5", pay_year=min(AFC_PAY) - 1).band_min is None


def test_salary_dev_set_accuracy():
    from bench.accuracy import SALARY_DEV, accuracy, load_rows, salary_mismatch

    assert SALARY_DEV.exists(), f"{SALARY_DEV} (the hand-labelled salary set) is missing"
    mismatches = [salary_mismatch(row) for row in load_rows(SALARY_DEV)]
    # measured 100% (604/604) since pay points and rates for several kinds of candidate read lowest to highest
    assert accuracy(mismatches) >= 0.995, "\n".join(m for m in mismatches if m)


def test_long_text_parses_in_linear_time():
    """A whole advert pasted into the salary field must not stall a crawl."""
    text = "Band 5 £12 per hour, 01234 567890. " * 6000
    started = time.perf_counter()
    salary = parse_salary(text)
    assert time.perf_counter() - started < 3
    assert (salary.min, salary.period, salary.band) == (12, "hourly", "5")


def test_no_text_is_no_salary():
    for text in (None, "", "   "):
        salary = parse_salary(text)
        assert (salary.min, salary.max, salary.period, salary.pro_rata, salary.band) == (None, None, "", False, "")


@pytest.mark.parametrize(
    ("text", "low", "high", "period", "currency"),
    [
        # The kinds issue 16 saw failing on new boards' strings (written in the shapes it names).
        ("£30,000.00 (GBP) - £35,000.00 (GBP)", 30000, 35000, "annual", "GBP"),
        ("30,000 GBP - 35,000 GBP per annum", 30000, 35000, "annual", "GBP"),
        ("£18.50 (GBP) - £20.00 (GBP) per hour", 18.5, 20, "hourly", "GBP"),
        ("€40,000 - €50,000", 40000, 50000, "annual", "EUR"),
        ("$60,000 - $80,000 per annum", 60000, 80000, "annual", "USD"),
        ("£25,000 to Negotiable", 25000, None, "annual", "GBP"),
        ("£30,000 per annum to negotiable", 30000, None, "annual", "GBP"),
        ("£11.44 plus enhancements to £13.00 per hour", 11.44, 13, "hourly", "GBP"),
        ("£11.44 per hour, plus enhancements, to £13.00 per hour", 11.44, 13, "hourly", "GBP"),
        # and their near misses: an equivalent in another currency, a dash before a remark
        ("£40,000 (approx €47,000)", 40000, 40000, "annual", "GBP"),
        ("£10k/session - negotiable subject to experience", 10000, 10000, "session", "GBP"),
        ("£11.44 per hour plus enhancements", 11.44, 11.44, "hourly", "GBP"),
        # The kinds heldout_parsers2/ saw failing (its real strings), read by general rules
        ("£43430 basic - and up to £47486 per year", 43430, 47486, "annual", "GBP"),
        ("£12.71- up to £14.40 based on performance + Attendance bonus", 12.71, 14.4, "hourly", "GBP"),
        ("56000USD per year", 56000, 56000, "annual", "USD"),
        ("Between £11.75 an hour and £12.75 an hour depending on clients needs.", 11.75, 12.75, "hourly", "GBP"),
        ("£34,795 rising to to £36,626 (At 2 years, subject to satisfactory performance)", 34795, 36626, "annual", "GBP"),
        (
            "£13.15 per hour, rising to £13.45 per hour after three months (£29,435.70 first year), rising to £13.70ph after 18 month",
            13.15,
            13.7,
            "hourly",
            "GBP",
        ),
        ("£46,813. Salary at 12 months - £48,813 + potential to earn an additional £2k local bonus", 46813, 48813, "annual", "GBP"),
        ("Basic to 115,000 + excellent bonus", None, 115000, "annual", "GBP"),
        ("23 per hour LTD to 29 per hour LTD per hour", 23, 29, "hourly", "GBP"),
        ("Up to £250 per completed assessment", None, 250, "", ""),
        # JobG8 feed Salary lines, August 2026 (Jopa10/ontapjobsearch.com pipeline/input-jobg8-archive/2026-08/)
        ("PAYE £310 or Umbrella £434", 310, 434, "daily", "GBP"),
        ("Grade 5 salary scale (5.11 starting point): £27,241 - £31,325 per annum, plus annual £3,000", 27241, 31325, "annual", "GBP"),
        # Teaching Vacancies salary texts, August 2026 (Jopa10/ontapjobsearch.com
        # pipeline/manifests/external/teaching-vacancies/teaching-vacancies-discovery-2026-08-*.csv)
        (
            "H8/25 - H9/29 depending on experience, pro-rata actual annual salary range from £33,822 to £37,077",
            33822,
            37077,
            "annual",
            "GBP",
        ),
        ("NJC Cambridgeshire SO1 P23-25 (£34,434 – £36,363 FTE per annum)", 34434, 36363, "annual", "GBP"),
        ("SCP 23 (£35,571) - SCP 28 (£40,446)", 35571, 40446, "annual", "GBP"),
        ("21.5 hours per week. Term time only (39 weeks) Actual = £12,089; 22.5 hours per week.", 12089, 12089, "annual", "GBP"),
        ("N14 – N17 (1.0FTE £29,540-£31,022) Pro-rata: 7 hours per week 0.19FTE: £5,588-£5,869 per annum", 29540, 31022, "annual", "GBP"),
        # a bare single-digit lower end is pay when the upper end is (Adzuna 2013 strips the £ signs)
        ("5 to 7 per hour", 5, 7, "hourly", "GBP"),
        ("6 - 7/hour", 6, 7, "hourly", "GBP"),
        ("8 to 8.50 per hour", 8, 8.5, "hourly", "GBP"),
        ("5 to 7 days a week", None, None, "", ""),
        ("Monday to Friday 9 - 5", None, None, "", ""),
        # two rates for two ways of being paid or two kinds of candidate: lowest to highest
        ("£16 per hour (PAYE) or £20 per hour (self-employed/freelance)", 16, 20, "hourly", "GBP"),
        ("£34.20 per hour PAYE / £45.00 per hour Umbrella", 34.2, 45, "hourly", "GBP"),
        ("£13.45/hr (SW) £14.00/hr (SSW - SVQ Level 3 required)", 13.45, 14, "hourly", "GBP"),
        ("£38,694 (MT03) OR £49,036 (MT04)", 38694, 49036, "annual", "GBP"),
        ("£41,360 - £77,126  or £32,896 - £51,724 pa", 32896, 77126, "annual", "GBP"),
        ("£31,795 appointed / £32,216 confirmed / £34,030 advanced (all pro rata)", 31795, 34030, "annual", "GBP"),
        # near misses: enhancements, restatements and a misspelt unit stay as they were
        ("£14.27 weekday rate, £15.27 weekend rate, £12.21 sleep-in nights.", 14.27, 14.27, "hourly", "GBP"),
        ("Basic £13 Per Hour, Weekends - £17 - £21 Per Hour", 13, 13, "hourly", "GBP"),
        ("£29,600 per annum, £37,000 FTE", 29600, 29600, "annual", "GBP"),
        ("£24,907 - £30,615 £23,023 - £29,608 pa", 24907, 30615, "annual", "GBP"),
        ("£12.00 -£13.00 per hour for over 21's.", 12, 13, "hourly", "GBP"),
        ("£29.21 (ph) £46.74", 29.21, 29.21, "hourly", "GBP"),
        ("£24,907 - £30,615 per ammum", 24907, 30615, "annual", "GBP"),
        ("Up to £53,168 per rota", None, 53168, "annual", "GBP"),
    ],
)
def test_new_board_wordings(text, low, high, period, currency):
    salary = parse_salary(text)
    assert (salary.min, salary.max, salary.period, salary.currency) == (low, high, period, currency)


def test_another_currency_is_not_annualised_as_pounds():
    assert parse_salary("€40,000 - €50,000").annual_fte_max is None
    assert parse_salary("£40,000 - £50,000").annual_fte_max == 50000
    assert parse_salary("Competitive").currency == ""


@pytest.mark.parametrize(
    ("text", "low", "high", "period", "band"),
    [
        # Real strings of the held-out set (tests/data/heldout_parsers) that the first measurement missed; the
        # rules that read them are general (see docs/normalisation.md), and the set is measured as a whole below.
        (
            "£25,989.00 - £28,142.00 Annually (FTE) Band 6, SCP 6 to SCP 11 (actual salary £22,350 - £24,202 per annum)",
            25989,
            28142,
            "annual",
            "",
        ),
        ("B1 (SCP 4-6) £26,016 - £26,846, Actual Salary: £24,098 - £24,867", 26016, 26846, "annual", ""),
        ("CSET 10 £26,403 FTE, £15,217 prorated", 26403, 26403, "annual", ""),
        ("NJC07 £24,294.00 – NJC11 £25,979.00 FTE Actual Salary: £20,779.00 to £22,220.00", 24294, 25979, "annual", ""),
        ("19,807 FTE - £20,392 FTE. NJC Grade 5 SCP 13 - 15 (Outer London)", 19807, 20392, "annual", ""),
        ("LBR 6 Pt 18 - 20", None, None, "", ""),
        ("30,000+ depending on experience", 30000, None, "annual", ""),
        ("32 000 (pro rata), dependent on experience.", 32000, 32000, "annual", ""),
        ("Live-in Carer Earn £800£1,050 per week Choose your own placements Nationwide", 800, 1050, "weekly", ""),
        ("£29000k pro rata", 29000, 29000, "annual", ""),
        ("Band 4 pay scale: £14.05 per hour", 14.05, 14.05, "hourly", "4"),
        # JobG8 2026 salary lines of the development set (tests/data/salary_dev.tsv)
        ("Grade E starting salary of £28,598 (level 1) rising to £31,022 (level 4) per annum", 28598, 31022, "annual", ""),
        ("£45,000£50,000 DOE", 45000, 50000, "annual", ""),
        ("DHU Band 4.0, £27,273 per annum (pro rata)", 27273, 27273, "annual", "4"),
        ("Starting salary £11.05- £12,91 (experience depending)", 11.05, 12.91, "hourly", ""),
    ],
)
def test_new_board_strings(text, low, high, period, band):
    salary = parse_salary(text)
    assert (salary.min, salary.max, salary.period, salary.band) == (low, high, period, band)


def test_alternative_band_rates_keep_every_band():
    salary = parse_salary("8a (£45,753 - £51,668) or 8b (53,168 - £62,001)")
    assert (salary.min, salary.max, salary.band) == (45753, 62001, "8a-8b")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        # Reed.co.uk pages of 2018-19 saved with their UTF-8 read as Windows-1252, the "â" of "â‚¬" lost too
        # (ParthPrajapati2005/WHACK reed_uk.csv rows 15416 and 21659; held-out set 3, seen)
        ("‚¬38,000 - ‚¬42,000 per annum", 38000, 42000),
        ("‚¬18,000 - ‚¬31,000 per annum, OTE", 18000, 31000),
    ],
)
def test_a_misdecoded_euro_sign_is_a_euro(text, low, high):
    salary = parse_salary(text)
    assert (salary.min, salary.max, salary.period, salary.currency) == (low, high, "annual", "EUR")


@pytest.mark.parametrize(
    ("name", "rows", "least"),
    [
        # Set 1 (heldout_parsers/, new-board strings): first measurement 94.34% (300/318); after general rules,
        # 99.69% (317/318): no longer a held-out figure; 100% since digits cut after a thousands comma are no figure
        # ("£43,.5 hours per week").
        ("SALARY_HELDOUT", 318, 0.995),
        # Set 2 (heldout_parsers2/): first and only blind measurement 96.85% (338/349); after the general rules
        # above (its misses were read) 100%, no longer a held-out figure.
        ("SALARY_HELDOUT2", 349, 0.995),
        # Set 3 (heldout_parsers3/: Totaljobs, Reed, Civil Service Jobs, NHS Jobs 2026 and others), measured once
        # on the code frozen before it arrived (main 34291d8): 95.89% (583/608); the target, 99%, is missed. 14 of
        # the 25 misses are euro figures whose sign arrived broken ('‚¬150,000'), the rest a "£0 -" lower end, two
        # rates written "£55.47 Umb / £41.11 PAYE", and pension or budget figures that are not pay
        # (tests/data/README.md). Since a misdecoded euro sign is read as one (seen, so no longer a held-out
        # figure): 98.19% (597/608); since the rules for the other miss kinds (test_heldout3_miss_kinds): 100%.
        ("SALARY_HELDOUT3", 608, 0.995),
        # Set 4 (heldout_parsers4/: Adzuna and LinkedIn UK 2026, NHS Scotland band labels, Totaljobs and Reed 2022
        # and others), measured once on main d8368d9 before it was copied in: 95.77% (340/355). Its misses were
        # read since and their kinds given general rules, so it is seen: 99.44% (353/355) is an upper bound.
        ("SALARY_HELDOUT4", 355, 0.99),
        # Set 5 (heldout_parsers5/: Adzuna UK 2025, NHS Jobs 2026 cards, Civil Service Jobs 2023 and 2026, Reed
        # 2020, Indeed UK 2026 and others), held out until main ec54011: 90.79% (217/239). Its misses were read
        # since (tests/data/README.md, "Set 5 after reading") and their kinds given general rules, so it is seen:
        # 99.16% (237/239) is an upper bound.
        ("SALARY_HELDOUT5", 239, 0.99),
        # Set 8 (heldout_parsers8/: Reed 2022-2026, Civil Service Jobs 2026, Totaljobs 2023-2025, Adzuna 2013),
        # HELD OUT, rows never read: 99.59% (240/241) on main 142445e, before any rule was written after it arrived.
        ("SALARY_HELDOUT8", 241, 0.99),
    ],
)
def test_salary_heldout_accuracy(name, rows, least):
    """Row-exact accuracy on each labelled set of other boards' salary texts; a held-out set's failing rows are
    not shown (bench.accuracy.UNREAD)."""
    import bench.accuracy
    from bench.accuracy import accuracy, load_rows, salary_mismatch, shown_failures

    mismatches = [salary_mismatch(row) for row in load_rows(getattr(bench.accuracy, name))]
    assert len(mismatches) == rows and accuracy(mismatches) >= least, "\n".join(shown_failures(name.lower(), mismatches))


@pytest.mark.parametrize(
    ("text", "low", "high", "period", "currency"),
    [
        # Kinds of set 4's misses (heldout_parsers4/, seen since its first measurement), read by general rules.
        # Rates for places that each name their place: lowest to highest (a headline with no place keeps the first)
        ("Circa: £140k London / Circa: £120k National", 120000, 140000, "annual", "GBP"),
        ("£92,701 - £115,000 per annum (outside London) £107,304 - £130,000 per annum (London)", 92701, 130000, "annual", "GBP"),
        ("Manchester: £34,000 - £36,900 / Milton Keynes: £35,400 - £38,400", 34000, 38400, "annual", "GBP"),
        ("£53,669 London minimum £57498", 53669, 53669, "annual", "GBP"),
        # "to £X" after a label is an upper bound; "competitive, with ..." states the pay that follows
        ("Salary to £120k", None, 120000, "annual", "GBP"),
        ("Salary (to £80k, negotiable)", None, 80000, "annual", "GBP"),
        ("competitive, with a guideline range up to £60,000 depending on experience", None, 60000, "annual", "GBP"),
        # feed slips: a space before the thousands comma, a lost space after a thousands figure, a hyphen for the
        # point of a lower end whose upper end shows pence, two k figures side by side
        ("Up to £60 ,000 DOE", None, 60000, "annual", "GBP"),
        ("Up to £46,000No sponsorship offered - must be a UK citizen", None, 46000, "annual", "GBP"),
        ("Hourly Rate £17-94 - £23.07", 17.94, 23.07, "hourly", "GBP"),
        ("£45k 55k per year Bens", 45000, 55000, "annual", "GBP"),
        # a number of weeks written with a hyphen is a quantity
        (
            "Based outside Pitreavie Primary School, Dunfermline, working 7.5 hours per week, Working split shifts on a part"
            " time, permanent pa 38-week basis with a salary of £23,783.40 pro-rata and annualised pay.",
            23783.4,
            23783.4,
            "annual",
            "GBP",
        ),
        # a rate named as one of several may be lower than the one before it (NHS Scotland's salary filter, 2026)
        ("LAS - Specialty Trainee Higher Rate (£1,353.08 pw) - Lower Rate (£1,228.51)", 1228.51, 1353.08, "weekly", "GBP"),
        # "salary starting" names the salary one starts on; its hourly equivalent after it is not a range (LinkedIn
        # UK 2026); "starting at" is "from" (Adzuna UK 2026)
        ("Salary starting: £40,100 - £19.49 per hour", 40100, 40100, "annual", "GBP"),
        ("Starting salary is £26,853 per annum", 26853, 26853, "annual", "GBP"),
        ("Starting at £75,000 per annum", 75000, None, "annual", "GBP"),
    ],
)
def test_heldout4_miss_kinds(text, low, high, period, currency):
    salary = parse_salary(text)
    assert (salary.min, salary.max, salary.period, salary.currency) == (low, high, period, currency)


def test_letter_grades_of_another_scale_are_not_bands():
    assert parse_salary("Grade: Level 1 A1/B1").band == ""  # Teaching Vacancies 2026 (set 1, seen)
    assert parse_salary("B6 £31,365 - £37,890 per annum").band == "6"  # legacy NHS Jobs 2020


def test_pro_rata_of_the_holiday_is_not_the_pays():
    assert not parse_salary("£52,800 up to £70,400 per annum | 35 days' holiday (pro rata)").pro_rata  # set 4
    # set 5 (Civil Service Jobs 2023): the leave's days are counted on ("rising to 30" is days, not pay)
    leave = parse_salary("Annual leave: 25 days pro rata (rising to 30 after 5 years)")
    assert (leave.period, leave.pro_rata) == ("", False)
    assert parse_salary("£24,907 - £30,615 per annum, pro rata").pro_rata


@pytest.mark.parametrize(
    ("text", "low", "high", "period", "currency"),
    [
        # The kinds of held-out set 3's last misses (seen), each read by a general rule (docs/normalisation.md),
        # with real strings of the same kinds from the scans of unlabelled texts (tests/data/README.md).
        # A £0 lower end is a board's placeholder: "up to" (Totaljobs 2021, axvargas/workshop1-scraper total_jobs.json)
        ("£0 - £60000 per annum", None, 60000, "annual", "GBP"),
        ("£0 per annum Competitive across different experience levels", None, None, "", ""),
        # a second rate for another way of being paid, lower or higher: lowest to highest (Totaljobs 2021)
        ("£55.47 Umb / £41.11 PAYE ph", 41.11, 55.47, "hourly", "GBP"),
        ("Rates: Dispenser - £16.52 PAYE or £19.00 Umbrella PAYE.", 16.52, 19, "hourly", "GBP"),  # JobG8 2026 (dedupe set 3)
        # an IR35 status or CIS is a way of being paid too (shaped after Totaljobs' "£550 - £650 per day + INSIDE IR35";
        # no real advert with both rates was found)
        ("£450 per day Outside IR35 / £380 per day Inside IR35", 380, 450, "daily", "GBP"),
        ("£20 per hour CIS / £16 per hour PAYE", 16, 20, "hourly", "GBP"),
        ("£550 - £650 per day + INSIDE IR35", 550, 650, "daily", "GBP"),
        # a second rate for another place is a location's rate: the first stated wins, unless "or" offers both
        # (Civil Service Jobs, December 2023, heathd/civil_service_jobs csj.sqlite)
        ("£53,669 London minimum £57498", 53669, 53669, "annual", "GBP"),
        (
            "£36,597 Croydon Salary £40,329 A Civil Service Pension with an average employer contribution of 27%",
            36597,
            36597,
            "annual",
            "GBP",
        ),
        ("The salary for this role is £57,091 (London) or £51,934 (National).", 51934, 57091, "annual", "GBP"),
        # money the sentence names as something else: a pension contribution, a budget, a sector's income
        ("£7,641 towards you being a member of the Civil Service Defined Benefit Pension scheme.", None, None, "", ""),
        ("£250 Brighten your day annual budget", None, None, "", ""),
        (
            "We support a thriving space sector in the UK, which generates an annual income of £16.5 billion and employs 47,000"
            " people across the country.",
            None,
            None,
            "",
            "",
        ),
        ("Alongside your salary of £28,300, Ministry of Defence contributes", 28300, 28300, "annual", "GBP"),
        # pay written as a word before an addition: the figure is the addition's (Totaljobs 2021)
        ("£negotiable + bonus/pension c.£6,150", None, None, "", ""),
        # a dollar sign carrying its country (Reed.co.uk, May 2021, axvargas/workshop1-scraper reed_uk.csv)
        ("AUD$90,000 - AUD$115,000 per annum", 90000, 115000, "annual", "AUD"),
        ("USD$90,000 - USD$135,000 per annum, negotiable", 90000, 135000, "annual", "USD"),
        ("$38000 to $45000 per year", 38000, 45000, "annual", "USD"),  # Adzuna 2013 SalaryRaw: a bare "$"
        # a "per" unit right after the pay is its period as written, even for an unlikely figure (Totaljobs 2021,
        # Indeed January 2026, Reed.co.uk 2018-19, legacy NHS Jobs 2020); an adjective is not ("£13.79 Weekly pay")
        ("From £45 to £55 per annum", 45, 55, "annual", "GBP"),
        ("Pay: £55.00-£58.00 per month", 55, 58, "monthly", "GBP"),
        ("£525 - £700 per annum", 525, 700, "annual", "GBP"),
        (":£8.63 - £12.93 Per Session", 8.63, 12.93, "session", "GBP"),
        ("From £400 to £450 per hour Negotiable - Outside IR35", 400, 450, "hourly", "GBP"),
    ],
)
def test_heldout3_miss_kinds(text, low, high, period, currency):
    salary = parse_salary(text)
    assert (salary.min, salary.max, salary.period, salary.currency) == (low, high, period, currency)


@pytest.mark.parametrize(
    "text",
    [
        # Money that its clause names as an addition or a benefit, before the figure or right after it, is not pay
        # (set 5, seen: Civil Service Jobs December 2023, CalMckenzieUK/csj-data; Indeed UK 2026)
        "Excellent employer pension contributions, for this role ranging from £14,858 to £22,649.",
        "An opportunity to be considered for Reward and Recognition - £250-£5000 per year",
        "This post is eligible for a Digital Skills Allowance of up to £11,400 per annum.",
        "Company bonus: Up to £2,500 (based on company performance and will vary year to year)",
        "a cycle to work scheme (worth up to £4000)",
        "This role attracts a £4,000 allowance in recognition of the requirement for professional engineering and/or"
        " relevant professional occupational experience.",
        # the same kinds in advert texts no set holds (ontap's 2026 manifests, Jopa10/ontapjobsearch.com)
        "- Refer-a-friend bonus, up to £1,000",
        "Alternatively, a monthly taxable car allowance of £250, or use of company pool cars can be offered.",
        "This role includes an RSU allowance of £1,446 per annum on top of your salary.",
    ],
)
def test_money_named_as_something_else_is_not_pay(text):
    assert parse_salary(text).period == ""


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        # a pay word in the clause keeps the figure pay; words that run on to the next figure name that one
        # (legacy NHS Jobs 2020, ontap 2026)
        ("Alongside your salary of £28,300, Ministry of Defence contributes", 28300, 28300),
        ("£82,096 - £110,683 London Allowance £2,162", 82096, 110683),
        ("UP to £16.71 - Location allowance of £4,000", None, 16.71),
        ("£25,338 – £30,000 DOE Living Allowance = £4,000 PA", 25338, 30000),
        ("Location: Alinora Crescent, WorthingSalary: £13.49 per hour Hours: Part time and full time", 13.49, 13.49),
    ],
)
def test_pay_beside_an_allowance_stays_pay(text, low, high):
    salary = parse_salary(text)
    assert (salary.min, salary.max) == (low, high)


@pytest.mark.parametrize(
    ("text", "low", "high", "period"),
    [
        # Kinds of set 5's misses (heldout_parsers5/, seen since main ec54011), read by general rules.
        # a progression written with any verb of progression (Civil Service Jobs December 2023)
        (
            "your starting salary will be £32100.00 and you will have opportunities to progress to £34925.00 over time.",
            32100,
            34925,
            "annual",
        ),
        (
            "Our 2022-25 pay award means the salary will increase to £26,954.00 from 1st April 2024, and you will be able to"
            " progress towards £29,531.00 over time.",
            26954,
            29531,
            "annual",
        ),
        # rates that each name their place or whom they are for, one sentence each, the label ending in a dash
        # (Civil Service Jobs December 2023, Adzuna UK 2025): lowest to highest
        (
            "National banding -£25,976 - £30,264 per annum. Inner London - £29,737- £34,453 per annum. Outer London"
            " -£27,722- £32,505 per annum.",
            25976,
            34453,
            "annual",
        ),
        (
            "Salary: £45,000 – 55,000 for Mid-level Data Engineers. £60, 000 - 75,000 for Senior-level Data Engineers.",
            45000,
            75000,
            "annual",
        ),
        ("£25,000 per annum. Bonus - £2,000", 25000, 25000, "annual"),  # an addition in the next sentence is not a rate
        # figure readings: the other reading of an ambiguous upper end when the one read is far above the lower end
        # (Adzuna UK 2025), a thousands figure without its sign beside the first (Civil Service Jobs 2026), digits the
        # board cut after the thousands comma (Adzuna UK 2025; "£43,.5 hours per week", set 1)
        ("Salary: £95,000 - 105,0000 (dependant on experience).", 95000, 105000, "annual"),
        ("£60,778  68,422 p.a. + benefits", 60778, 68422, "annual"),
        ("Salary £60,(Apply online only) - £75,(Apply online only)", None, None, ""),
        ("£43,.5 hours per week", None, None, ""),
        ("£82,096- £11,0683", 82096, 110683, "annual"),  # legacy NHS Jobs 2020: the reading that fits stays
    ],
)
def test_heldout5_miss_kinds(text, low, high, period):
    salary = parse_salary(text)
    assert (salary.min, salary.max, salary.period) == (low, high, period)


@pytest.mark.parametrize(
    ("text", "low", "high", "period"),
    [
        # A value glued to the next field's label where a page's markup was dropped without a space (JobG8 feed
        # descriptions of June-July 2026 as a tag-stripping scraper reads them: the parsep pool, tests/data/README.md)
        ("£15phJob Type", 15, 15, "hourly"),
        ("£16.50phStart: ASAPDuration: 6 months (potential for longer term opportunities)Main", 16.5, 16.5, "hourly"),
        ("£13.50Location: BasingstokeJob Type: Full-time Temp with a possibility of the role going", 13.5, 13.5, "hourly"),
        ("£35kStore bonus schemeProfessional fees paidOutstanding clinical and professional", 35000, 35000, "annual"),
        ("£16- £17phContract: Temporary til December Fortus Recruitment provides specialist", 16, 17, "hourly"),
        ("£13.85per hourBeauty Studio at SuperdrugWith Beauty Studios located in over 400 of our", 13.85, 13.85, "hourly"),
        ("£55,000-£65,000.00 per annumCar allowance: £5,280  click apply for full job details", 55000, 65000, "annual"),
        ("£23,311 per annumAdditional Hours AllowanceShift Pattern AllowanceCompany pension", 23311, 23311, "annual"),
        # a time of day is not pay per month
        ("£30,000 Hours: 8.30am - 5pm, Office basedBenefits include yearly bonus scheme, company", 30000, 30000, "annual"),
        ("£32,198.40 per annumHours: Full Time - Days (7am - 7pm shift pattern)About the HomeThis", 32198.4, 32198.4, "annual"),
        ("£26,700 Contract: Permanent - Full time Hours of work: 9am - 5pm, Monday - Friday The", 26700, 26700, "annual"),
        ("From £1,200.00 per month", 1200, None, "monthly"),  # Adzuna 2013 (held-out set 2, seen)
        # benefits listed after the pay do not name it: a unit or a pay word comes first, a bullet or a label ends
        # the clause, or the benefit is more than a few words on (JobG8 descriptions with their tags dropped, 2026)
        ("£12.75 per hour Weekly pay Holiday allowance Ongoing support and placement with a", 12.75, 12.75, "hourly"),
        ("£14.06 Weekly pay Holiday allowance Opportunity to gain valuable experience in the public", 14.06, 14.06, "hourly"),
        ("£26,000 • Holiday allowance: 28 days plus bank holidays Career Development •", 26000, 26000, "annual"),
        ("£13.45 Mileage: 40p per mile Shifts: Flexible - Full Time, Part Time, Evenings & Weekends", 13.45, 13.45, "hourly"),
        ("Up to £69,000 FTE negotiable depending on experience Relocation Package Available (T&Cs", None, 69000, "annual"),
        # glued to a label in capitals or after a thousands K
        ("£13.50phTERM: 3 months +HOURS: 9am to 5pm, Monday to FridayAre you available immediately", 13.5, 13.5, "hourly"),
        ("£35-45KContract Type: Full-Time, PermanentWorking Hours: 40 hours per week (may include", 35000, 45000, "annual"),
        ("Up to £70,000 FTE Relocation Package Available (T&Cs apply)Healthcare at SuperdrugWith an", None, 70000, "annual"),
        # a working day per month is the working pattern; a unit with a full stop before the range's dash
        ("£29,000 Working pattern: full time hybrid, approximately 1 weekend working day per month", 29000, 29000, "annual"),
        ("£65,000/Yr. - £70,000/Yr.Duration: Permanent - full timeType: On-siteSpeciality: Dementia", 65000, 70000, "annual"),
        # a k shared across a slash, a progression's last step glued to its range's other end, a unit glued to hours
        ("c£60/65k per annum  Service Type: Small Mental Health Service  Client Group: Adults (18+)", 60000, 65000, "annual"),
        ("£46,362, rising to £52,855£55,608 upon successful registrationHours: Full time, 37.5", 46362, 55608, "annual"),
        ("£12.91ph37.5 hours a week (weekend working required)BenefitsWe will auto-enroll you into", 12.91, 12.91, "hourly"),
    ],
)
def test_parsep_pool_kinds(text, low, high, period):
    salary = parse_salary(text)
    assert (salary.min, salary.max, salary.period) == (low, high, period)


def test_words_that_are_not_glued_stay_whole():
    assert unglue("AfC Band 6: £31,365 - £37,890 per annum pro rata") == "AfC Band 6: £31,365 - £37,890 per annum pro rata"
    assert unglue("PhD, NHS Scotland") == "PhD, NHS Scotland"
    assert unglue("£15phJob Type") == "£15ph, Job Type"


@pytest.mark.parametrize(
    "text",
    [
        # money a sentence deducts, or bounds of a share of the salary (NHS Jobs 2020 and 2026 advert sentences)
        "Standard Check: £23.00 + Administration cost of £3.69 = deduction from salary as a one off payment.",
        "As this post is based in Dartford, Gravesham or Swanley, the successful applicant will receive an additional"
        " payment each month. 5% of basic salary, subject to a minimum payment of £1,346 per year and a maximum payment"
        " of £2,270 per year (the agreed annual amount will be divided into 12 equal amounts and paid monthly)"
        " (2026/27 figures).",
        # incentives, supplements, expenses and mileage are not pay (JobG8 /Job/SalaryAdditional, June-July 2026)
        "+ Professional Joining Incentive of £6,000",
        "plus £7,000 market forces supplement",
        "Paid mileage (35p per mile)",
        "+ £100 Expenses",
        "£1,300 annual contribution towards travel or other costsOngoing training and",
        "£3,000 recruitment and retention payments. Up to £8,000 relocation support. Reimbursement",
        # a time of day is not pay (JobG8 2026)
        "£ per annum (Dependent on experience)Hours: 40 hours per week, Monday to Friday, 08:30 -",
    ],
)
def test_money_named_as_a_deduction_share_or_expense_is_not_pay(text):
    salary = parse_salary(text)
    assert (salary.min, salary.max, salary.period) == (None, None, "")
