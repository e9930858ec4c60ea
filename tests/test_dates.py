"""Closing and posted dates read from real advert strings (origins in ../shared/SOURCES.md §9b and
the legacy NHS Jobs JSON-LD records of stochastictalk/nhs_jobs_data, early November 2020)."""

from __future__ import annotations

from datetime import date

import pytest

from bench.accuracy import CLOSING_DEV, accuracy, closing_mismatch, load_rows
from pipeline.dates import ClosingDate, parse_closing_date, parse_date

NOV_2020 = date(2020, 11, 1)
JUL_2026 = date(2026, 7, 11)

REAL_DATES = [
    # NHS Jobs cards and detail pages (SOURCES.md §9b 1-12)
    ("14 July 2026", JUL_2026, date(2026, 7, 14)),
    ("7 August 2026", JUL_2026, date(2026, 8, 7)),
    ("Closing date: 14 July 2026", JUL_2026, date(2026, 7, 14)),
    ("The closing date is 01 September 2026", JUL_2026, date(2026, 9, 1)),
    # legacy NHS Jobs validThrough / datePosted: the written calendar date, whatever the offset
    ("2020-11-09T23:59:59+0000", NOV_2020, date(2020, 11, 9)),
    ("2020-10-06T09:30:44+0100", NOV_2020, date(2020, 10, 6)),
    ("2016-10-17T12:34:53Z", NOV_2020, date(2016, 10, 17)),
    # Reed API and NHS Scotland, dd/mm/yyyy
    ("01/01/2021", NOV_2020, date(2021, 1, 1)),
    ("12/05/2020", NOV_2020, date(2020, 5, 12)),
    ("Closing date: 20/10/2026", JUL_2026, date(2026, 10, 20)),
    ("Live date: 06/10/2026", JUL_2026, date(2026, 10, 6)),
    # BMJ Careers and the First Practice Management seed
    ("Application Closing Date: Wednesday 9th April 2025", NOV_2020, date(2025, 4, 9)),
    ("Application Closing Date: Wednesday 22nd October 2025", NOV_2020, date(2025, 10, 22)),
    ("Closing Date: 27 September 2020", NOV_2020, date(2020, 9, 27)),
    # closing-date sentences in legacy NHS Jobs descriptions
    ("Closing date: Friday6thNovember 2020", NOV_2020, date(2020, 11, 6)),
    ("Closing date: 06-Nov-2020", NOV_2020, date(2020, 11, 6)),
    ("Closing Date: 18.11.20 (This date may change dependent on the response)", NOV_2020, date(2020, 11, 18)),
    ("Closing date – 22.11.20", NOV_2020, date(2020, 11, 22)),
    ("Closing date - 10th Novmber, 2020", NOV_2020, date(2020, 11, 10)),
    ("Closing date: 13th Nov 2020, by midnight.", NOV_2020, date(2020, 11, 13)),
    ("Closing date: 6th November 2020 (midnight GMT+1).", NOV_2020, date(2020, 11, 6)),
    ("Closing Date: Thursday 12th Nov (midnight)", NOV_2020, date(2020, 11, 12)),
    ("Closing date: Sunday 29th November", NOV_2020, date(2020, 11, 29)),
    ("Closing date:                                       18/11/2020", NOV_2020, date(2020, 11, 18)),
    ("This vacancy will close on: - 12 November 2020 midnight", NOV_2020, date(2020, 11, 12)),
    ("Closing Date for Applications: Midnight on 17th November 2020", NOV_2020, date(2020, 11, 17)),
    (
        "The advert will close for applications at midnight on the evening of Wednesday 11th November "
        "and interviews are to be held on Friday 27th November.",
        NOV_2020,
        date(2020, 11, 11),
    ),
    (
        "Applications open at 10am on 27th October 2020 and the closing date is 4pm on 24th November 2020.",
        date(2020, 10, 22),
        date(2020, 11, 24),
    ),
    (
        "Please note this advert will close 27 November 2020 12 Noon. There will be two interview dates, "
        "9 December 2020 and 15 December 2020.",
        NOV_2020,
        date(2020, 11, 27),
    ),
    (
        "The advert will close for applications at midnight on the evening of 15/11/2020 and interviews will be "
        "held on 25/11/2020, subject to confirmation.",
        NOV_2020,
        date(2020, 11, 15),
    ),
    (
        "The application window opens on Thursday 5th November 2020 at 09:00 UK time and closes on "
        "Tuesday 1st December 2020 at 23:59 UK time.",
        NOV_2020,
        date(2020, 12, 1),
    ),
    ("The closing date for applications is November 9th 2020.", NOV_2020, date(2020, 11, 9)),
    ("Please note this vacancy closes on November 8th at midnight.", date(2020, 10, 23), date(2020, 11, 8)),
    ("Closing date: 12 noon on 20th November", date(2020, 11, 4), date(2020, 11, 20)),
    ("Closing date for applications: 20/11/2020 @ 4pm", NOV_2020, date(2020, 11, 20)),
    ("Please note: the advert will close at 5 pm on the 18th Novenember 2020.", NOV_2020, date(2020, 11, 18)),
    ("Closing Date: 20 Novemeber 2020", NOV_2020, date(2020, 11, 20)),
    ("Closing Date: Tuesday 10 h November 2020", NOV_2020, date(2020, 11, 10)),
    ("Closing date: 22 – November 2020", NOV_2020, date(2020, 11, 22)),
    ("Closing date: 19/11 2020", NOV_2020, date(2020, 11, 19)),
    (
        "The deadline for applications is 12-Nov-2020. However, we may close this position early if we receive sufficient applications.",
        NOV_2020,
        date(2020, 11, 12),
    ),
    # spellings and times named in docs/normalisation.md
    ("23 rd Novemeber 2020", NOV_2020, date(2020, 11, 23)),
    ("Closing 12 noon on 8th Febuary 2021", NOV_2020, date(2021, 2, 8)),
    ("Closes @ 4pm 30 Sept 2020", NOV_2020, date(2020, 9, 30)),
    ("23:45 on 5 Dec 2020", NOV_2020, date(2020, 12, 5)),
    ("30th Nov 2020", NOV_2020, date(2020, 11, 30)),
]


@pytest.mark.parametrize(("text", "reference", "expected"), REAL_DATES)
def test_real_closing_dates(text: str, reference: date, expected: date) -> None:
    assert parse_closing_date(text, reference) == ClosingDate(expected, False)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Closing date: 8th November", date(2020, 10, 29), date(2020, 11, 8)),
        ("Closing date: 8th November", date(2020, 11, 8), date(2020, 11, 8)),
        ("Closing date: 8th November", date(2020, 11, 9), date(2021, 11, 8)),
        ("Closing 29 February", date(2021, 3, 1), date(2024, 2, 29)),
    ],
)
def test_year_less_date_is_next_occurrence(text: str, reference: date, expected: date) -> None:
    assert parse_closing_date(text, reference).date == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Date posted: 20 November", date(2020, 11, 2), date(2019, 11, 20)),
        ("Live date: 2 November", date(2020, 11, 2), date(2020, 11, 2)),
        ("11 July", date(2026, 7, 24), date(2026, 7, 11)),
        ("11 July 2026", date(2020, 1, 1), date(2026, 7, 11)),  # a written year wins
    ],
)
def test_year_less_posted_date_is_last_occurrence(text: str, reference: date, expected: date) -> None:
    assert parse_date(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/02/2021", date(2021, 2, 1)),  # day-first
        ("11/23/2020", date(2020, 11, 23)),  # only month-first is valid
        ("Closing date: 16/11/20", date(2020, 11, 16)),  # two-digit year
    ],
)
def test_numeric_order(text: str, expected: date) -> None:
    assert parse_date(text, NOV_2020) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Until filled",
        "Ongoing",
        "Rolling",
        "Open until filled",
        "No closing date",
        # legacy NHS Jobs descriptions
        "Please note that this advert will close when sufficient applications are received",
        "Closing date for applications: Please note this post will close when sufficient number of applications have been received",
        "***PLEASE NOTE: When sufficient qualified applicants have been received this post will be closed***",
        "*This is a rolling advert and candidates will be contacted as and when they apply*",
        "We intend to interview on an ongoing basis for this role, so we won’t be waiting for a closing date, – it "
        "means we will get you in even sooner to start with us.",
        # JobG8 2026 (closing_dev.tsv)
        "We will be reviewing applications on an ongoing basis until the position is filled.",
        "Rolling Advert: We're continuously reviewing and interviewing applicants weekly for this job posting.",
        # a university lab's PhD post (closing_dev.tsv): open until someone is found is open until filled
        "Continuous until a suitable candidate has been found.",
        # a group of primary schools' NQT pool, 2020 (closing_dev.tsv)
        "Interviews will commence in January 2020 and continue on a regular basis until all vacancies have been filled.",
        # legacy NHS Jobs description, closep3 pool (closing_dev.tsv): applications read as they arrive
        "Applications will be considered as they are received and interviews will be arranged accordingly.",
    ],
)
def test_open_ended(text: str) -> None:
    assert parse_closing_date(text, NOV_2020) == ClosingDate(None, True)


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "31 February 2021",
        "31/02/2021",
        "Closing date: TBC",
        "Competitive",
        "We will ensure that all applicants are contacted within 2 weeks of the closing date.",
        "Closing date is 2 weeks from advertising, but may close early when sufficient applications have been received.",
        "Interviews will be held on a rolling basis, as needed and can be via Microsoft Teams.",
        "Interviews will be held on 16th November 2020. You will also receive a call after the advert closes to have a "
        "chat about your aspirations.",
        "The Trust reserves the right to close this vacancy prior to the closing date should we receive 50 applications "
        "prior to the advertised closing date.",
        # JobG8 2026 (closing_dev.tsv): rolling review of an advert that has a closing date
        "Please note that we operate a rolling recruitment process and may interview suitable candidates before the closing date.",
        "We review applications on an ongoing basis from the time that the role is advertised and will close the "
        "position as soon as we have found the right person, regardless of the closing date.",
        # Indeed UK 2024 (closing_dev.tsv): a start date is not a deadline
        "Expected start date: 01/04/2025",
        "Start date Friday 20th",
        # JobG8 feed, 4 August 2026 (Jopa10/ontapjobsearch.com input-jobg8-archive): an information session's date
        "Belfast Met will invite eligible applicants to attend an Online Information session week commencing 24 August 2026",
        # closep2 pool (closing_dev.tsv): an open-ended contract or position is the post's term, not open-ended recruitment
        "The contract will be open-ended but with fixed funding until 31 December 2024.",
        "A permanent lecturer in UK universities usually holds an open-ended position that covers teaching, research, and "
        "administrative responsibilities.",
        # ... nor is an ongoing commitment (Loughborough University's HR page)
        "As part of the University’s ongoing commitment to redeployment (see Redeployment Policy), all vacancies may be "
        "withdrawn at any stage of the recruitment process if a suitable redeployee is identified.",
        # University of Bristol HR guidance (closing_dev.tsv): a rule taking effect is another event
        "The new points based Immigration System took effect from 1st January 2021 in line with the UK’s exit from the EU.",
        # a county council's jobs FAQ (closing_dev.tsv): the page's update
        "Page updated on: 13/01/2025",
    ],
)
def test_no_date(text: str | None) -> None:
    assert parse_closing_date(text, NOV_2020) == ClosingDate(None, False)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # held-out set 4 (seen): a posting date, and another field's "... Date:" label after the closing label
        ("Original Posting:04/28/2026 - Until Filled", date(2026, 6, 3), ClosingDate(None, True)),
        ("Closing Date: Hybrid Worker Date: 3 Jun 2026", date(2026, 6, 5), ClosingDate(None, False)),
        # near misses: the job posting named in a sentence, a "Live date" label (NHS Scotland cards)
        (
            "Unless a specific application deadline is stated in the job posting, applications are accepted on an ongoing basis.",
            date(2026, 6, 6),
            ClosingDate(None, True),
        ),
        ("Live date: 06/10/2026", JUL_2026, ClosingDate(date(2026, 10, 6), False)),
    ],
)
def test_posting_dates_and_other_fields_dates_are_not_closing_dates(text: str, reference: date, expected: ClosingDate) -> None:
    assert parse_closing_date(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # legacy NHS Jobs advert 916255215 (fixtures-real/nhs-jobs-legacy-jsonld/): the closing date before the
        # shortlisting and interview dates
        ("Closing date for applications:23.11.2020 Shortlisting: 26/11/2020 Interviews : 02/12/2020", NOV_2020, date(2020, 11, 23)),
        ("Shortlisting: 26/11/2020", NOV_2020, None),
        # Civil Service Jobs, December 2023 (held-out set 3, seen): sift dates are not closing dates
        ("Sift dates: w/c 11/12/2023", date(2023, 12, 13), None),
        ("Application sifting is scheduled to take place on week commencing: 11/12/2023", date(2023, 12, 13), None),
    ],
)
def test_shortlisting_and_sift_dates_are_not_closing_dates(text: str, reference: date, expected: date | None) -> None:
    assert parse_closing_date(text, reference) == ClosingDate(expected, False)


class _Today2026(date):
    """A fixed clock: "today" is the day of the held-out set 3 measurement."""

    @classmethod
    def today(cls) -> date:
        return date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # an NI Department of Health news article with no date of its own (held-out set 3, seen): the weekday
        # gives the latest year up to next year where 10 February is a Friday
        (
            "The closing date for applications is next Friday, February 10, with interviews to commence the following week.",
            None,
            date(2023, 2, 10),
        ),
        # with a reference date, only the years beside it: Indeed, posted 2026-01-12 (set 3), no fitting year kept as written
        ("Application closing date: Thursday 8th February", date(2026, 1, 12), date(2026, 2, 8)),
        # JobG8 feed, August 2026 (held-out set 1, seen): the nearest fitting year
        ("DEADLINE: Friday 24 th July", date(2026, 8, 4), date(2026, 7, 24)),
    ],
)
def test_a_weekday_dates_a_text_without_a_year(monkeypatch, text: str, reference: date | None, expected: date) -> None:
    monkeypatch.setattr("pipeline.dates.datetime.date", _Today2026)
    assert parse_closing_date(text, reference) == ClosingDate(expected, False)


def test_dev_set_row_exact_accuracy() -> None:
    assert CLOSING_DEV.exists(), f"{CLOSING_DEV} (the hand-labelled closing-date set) is missing"
    mismatches = [closing_mismatch(row, parse_closing_date) for row in load_rows(CLOSING_DEV)]
    # 869/876 (99.2%): the closep5 pool's news sentences (a statistic "by August 22", a surgery that "closes on 1 October")
    # and three older niche rows are missed
    assert mismatches and accuracy(mismatches) >= 0.99, "\n".join(m for m in mismatches if m)


@pytest.mark.parametrize(
    ("name", "rows", "least"),
    [
        # Set 1 (heldout_parsers/, new-board closing texts): 98.51% (132/134) at the first measurement; the two
        # misses were dates with a weekday and no year ("DEADLINE: Friday 24 th July" posted 2026-08-04, labelled
        # 2026-07-24, where the weekday fits). Since the weekday picks the year: 100% (134/134), no longer held out.
        ("CLOSING_HELDOUT", 134, 0.99),
        # Set 2 (heldout_parsers2/): first and only blind measurement 98.00% (147/150), the misses three "Expected
        # start date: dd/mm/yyyy" lines; since a start date's clause is not read for closing, 100% (no longer held out).
        ("CLOSING_HELDOUT2", 150, 0.995),
        # Set 3 (heldout_parsers3/), measured once on the code frozen before it arrived (main 34291d8): 97.22%
        # (140/144). Misses: three sift-date lines read as closing dates, and "next Friday, February 10" with no
        # reference date. Since sift and shortlisting dates are not read for closing (seen, so no longer a
        # held-out figure): 99.31% (143/144); since a weekday dates a text with no reference date: 100%.
        ("CLOSING_HELDOUT3", 144, 0.995),
        # Set 4 (heldout_parsers4/: Adzuna and LinkedIn UK 2026, Adzuna 2013 advert texts, NHS Jobs 2024 and
        # others), measured once on main d8368d9 before it was copied in: 95.73% (112/117); seen since.
        ("CLOSING_HELDOUT4", 117, 0.95),
        # Set 5 (heldout_parsers5/: Civil Service Jobs 2023 and 2026 prose and card times, NHS Jobs 2026 and
        # others), held out until main ec54011 (97/98); its one miss was read and a rule written (Welsh months).
        ("CLOSING_HELDOUT5", 98, 0.99),
        # Set 8 (heldout_parsers8/: Civil Service Jobs and Public Sector Resourcing 2026, NHS Jobs 2026 cards),
        # HELD OUT, rows never read: 96.67% (87/90) on main 142445e, before any rule was written after it arrived;
        # 89/90 after the other-event rules of 2 December (written on development pools, not on this set).
        ("CLOSING_HELDOUT8", 90, 0.98),
        # Set 9 (heldout_parsers9/: closing fields and advert sentences of universities, charities, councils, schools,
        # the civil service and an HSC trust, 2014-2026), HELD OUT, rows never read: 91/100 on main 142445e and 3e5130c;
        # 94/100 after the other-event rules of 2 December (written on development pools, not on this set). Its six
        # misses were read on 3 December (no longer held out) and rules written for their kinds: 100/100.
        ("CLOSING_HELDOUT9", 100, 0.995),
        # Set 10 (heldout_parsers10/: small UK employers', societies' and councils' pages, public appointments,
        # 2014-2026), labelled twice independently (agree on all rows), HELD OUT, rows never read: 88/94 on main
        # 71246cf, the code frozen before it arrived; 90/94 after the rules of the closep5 pool (written on that pool,
        # not on this set).
        ("CLOSING_HELDOUT10", 94, 0.95),
        # Set 11 (heldout_parsers11/: health and care employers' own pages, office posts at councils, schools and
        # charities, 2014-2026), the held-out half of the closep5 gathering, labelled twice independently (agree on all
        # rows), HELD OUT, rows never read: 83/94 on main b9bbb18 (outputs saved before any closep5 rule), 85/94 after
        # the closep5 rules.
        ("CLOSING_HELDOUT11", 94, 0.90),
    ],
)
def test_closing_heldout_accuracy(name, rows, least):
    """Row-exact accuracy on each labelled set of other boards' closing texts; a held-out set's failing rows are
    not shown (bench.accuracy.UNREAD)."""
    import bench.accuracy
    from bench.accuracy import shown_failures

    mismatches = [closing_mismatch(row, parse_closing_date) for row in load_rows(getattr(bench.accuracy, name))]
    assert len(mismatches) == rows and accuracy(mismatches) >= least, "\n".join(shown_failures(name.lower(), mismatches))


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Closing date for applications: Wednesday 9th September.", date(2020, 10, 29), date(2020, 9, 9)),
        ("Closing date: Friday 6th November", date(2020, 10, 30), date(2020, 11, 6)),
        ("Closing date: 6th November", date(2020, 11, 7), date(2021, 11, 6)),
    ],
)
def test_a_weekday_picks_the_year_of_a_date_without_one(text, reference, expected):
    assert parse_closing_date(text, reference).date == expected


def test_a_welsh_month_is_read() -> None:
    # NHS Jobs 2026 card of a Welsh-language advert (set 5, seen: lloydampadu/nhs-job-tracker data/jobs.json)
    assert parse_closing_date("06 Awst 2026", date(2026, 7, 22)).date == date(2026, 8, 6)
    assert parse_closing_date("medical report due 12", date(2026, 7, 22)).date is None  # "medi" only as a word


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # JobG8 feed descriptions of June-July 2026 with their tags dropped (the parsep pool, tests/data/README.md)
        ("Wednesday 3 JuneBenefitsUp to 8% employer-matched pensionLife", date(2026, 6, 1), date(2026, 6, 3)),
        ("5 JulyInterviews at Gainsborough HRS: 10 JulyWe reserve the right to", date(2026, 6, 25), date(2026, 7, 5)),
        ("10thJuly 2026About Us:The Retail Performance Company (rpc) is a", date(2026, 6, 27), date(2026, 7, 10)),
        ("Closing Date:Friday6thNovember", date(2020, 10, 30), date(2020, 11, 6)),  # docs/normalisation.md
    ],
)
def test_a_date_glued_to_the_next_label_is_read(text: str, reference: date, expected: date) -> None:
    assert parse_closing_date(text, reference).date == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # JobG8 2026 and Indeed UK 2024-2025 (closing_dev.tsv, closep pool): the post's term, its start, the posting
        ("This post is a fixed term contract until 31st March 2027.", date(2026, 6, 18), ClosingDate(None, False)),
        ("Fixed-Term Maternity Cover until 28 September 2027", date(2026, 7, 21), ClosingDate(None, False)),
        ("Temporary – required from 1st January 2026 (term starts 5/1/26) until 31st December 2026", None, ClosingDate(None, False)),
        (
            "With a 1st July start date and limited positions available, now is the time to secure your place.",
            date(2026, 7, 14),
            ClosingDate(None, False),
        ),
        ("Posted date: 06/07/2026", date(2026, 7, 9), ClosingDate(None, False)),
        (
            "We will let you know by end of day on 12th August if you are invited for an interview.",
            date(2026, 7, 27),
            ClosingDate(None, False),
        ),
        # a closing date beside them is kept
        (
            "Assistant Professor in Psychology (Research & Education) (Job Number: 24000984), Open Date 03/06/2024, Closing Date 01/07/2024.",
            date(2024, 6, 24),
            ClosingDate(date(2024, 7, 1), False),
        ),
        (
            "This full-time fixed-term post is available for 27 months from 1 July 2026. Salary £38,784–£46,049 per annum. Closing date: 18 May 2026.",
            date(2026, 4, 17),
            ClosingDate(date(2026, 5, 18), False),
        ),
        ("Completed applications are required by noon on Friday 12th June 2026", date(2026, 6, 1), ClosingDate(date(2026, 6, 12), False)),
    ],
)
def test_the_posts_term_and_start_are_not_closing_dates(text: str, reference: date | None, expected: ClosingDate) -> None:
    assert parse_closing_date(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Work- Life balance operating a 2-week rolling rota.", ClosingDate(None, False)),
        (
            "If this sounds like you, then we can't wait to hear from you! Just click on that 'apply' button and let's get the ball rolling.",
            ClosingDate(None, False),
        ),
        (
            "Please note we will be shortlisting and interviewing candidates on a rolling basis until the role is filled",
            ClosingDate(None, True),
        ),
        ("Closing Date: Rolling", ClosingDate(None, True)),
    ],
)
def test_rolling_work_patterns_are_not_rolling_recruitment(text: str, expected: ClosingDate) -> None:
    assert parse_closing_date(text, date(2024, 9, 11)) == expected


def test_a_posted_date_is_read_after_the_word_posted() -> None:
    assert parse_date("Posted on 12 May 2025", date(2025, 5, 14)) == date(2025, 5, 12)


def test_a_contracts_end_is_not_a_closing_date() -> None:
    # JobG8 feed description, July 2026 (the parsep pool)
    assert parse_closing_date("This contract is due to expire on 31 March 2027.", date(2026, 7, 2)) == ClosingDate(None, False)


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        # legacy NHS Jobs descriptions, closep3 pool (closing_dev.tsv): continuous learning is not continuous recruitment,
        # and an open day's date is another event's
        ("Continuous training", date(2020, 10, 22)),
        ("Continuous learning and development", date(2020, 10, 14)),
        ("Open Day Saturday 21st November 10-1pm", date(2020, 10, 28)),
        (
            "Recruitment Virtual Open Day –24th November 2020 @ 3pm for our Kensington & Chelsea & North Westminster "
            "adult community services – CLCH NHS Trust",
            date(2020, 11, 3),
        ),
    ],
)
def test_continuous_learning_and_open_days_neither_close_nor_stay_open(text: str, reference: date) -> None:
    assert parse_closing_date(text, reference) == ClosingDate(None, False)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # heldout_parsers9 (seen since 3 December): a school's employment page and a university job list
        ("Closing Date: Open", None, ClosingDate(None, True)),
        (
            "[Postdoctoral Research Assistant: Machine Learning / Physics], Department of Physics, University of Oxford, UK "
            "- immediate, closes when filled",
            date(2016, 5, 25),
            ClosingDate(None, True),
        ),
        # a probation, a shortlisting "by the close of play", a test supplier's maintenance window written with
        # "p.m." dots, and the EU Settlement Scheme's cut-off in a Civil Service advert are other events
        ("Salary: £23,000, with a probationary period until 30th June.", date(2021, 2, 15), ClosingDate(None, False)),
        (
            "Candidates will be shortlisted by the close of play on the 13th of September The interview will take place "
            "on the 16th of September in Bristol.",
            date(2022, 8, 16),
            ClosingDate(None, False),
        ),
        (
            "Please note: Our online test supplier will be performing scheduled maintenance between 4 p.m., and 7 p.m., on 07/06/2026.",
            None,
            ClosingDate(None, False),
        ),
        (
            "individuals with limited leave to remain or indefinite leave to remain who were eligible to apply for EUSS on "
            "or before 31 December 2020",
            date(2023, 12, 13),
            ClosingDate(None, False),
        ),
    ],
)
def test_open_recruitment_and_other_events_of_the_ninth_set(text: str, reference: date | None, expected: ClosingDate) -> None:
    assert parse_closing_date(text, reference) == expected


def test_time_dots_do_not_hide_a_closing_date_after_another_event() -> None:
    """A closing date written after an interview sentence ending in "a.m." is still the closing date (closing_dev.tsv,
    legacy NHS Jobs: the dots of the time end no clause, but the closing words start a new one)."""
    text = "Interviews will be held at 10 a.m. Closing date: 20th November 2020"
    assert parse_closing_date(text, NOV_2020) == ClosingDate(date(2020, 11, 20), False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Madgex lister's posted line (BMJ Careers; ../shared/SOURCES.md §2, from scrapers of Madgex boards)
        ("3 days ago", date(2026, 11, 30)),
        # Workday's postedOn values and Indeed's card line, as scrapers of those boards quote them
        ("Posted Today", date(2026, 12, 3)),
        ("Posted Yesterday", date(2026, 12, 2)),
        ("Posted 14 Days Ago", date(2026, 11, 19)),
        ("Just posted", date(2026, 12, 3)),
        # "at least 30 days" is no date
        ("Posted 30+ Days Ago", None),
    ],
)
def test_a_relative_posted_date_counts_back_from_the_crawl_date(text: str, expected: date | None) -> None:
    assert parse_date(text, date(2026, 12, 3)) == expected


def test_a_written_posted_date_wins_over_relative_words() -> None:
    assert parse_date("Posted 12 May 2026 (today)", date(2026, 12, 3)) == date(2026, 5, 12)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # closep4 pool (closing_dev.tsv): a recruitment drop-in day, an offer's hold deadline and a call-out's opening
        # are other events; review "before the stated deadline" keeps the advert's own closing; a bank that is
        # always recruiting is open recruitment
        (
            "The drop-in days are being held between 8am and 5pm at Apley Castle, Telford, on January 26, and Bicton Heath, "
            "Shrewsbury, on January 27.",
            date(2026, 1, 11),
            ClosingDate(None, False),
        ),
        ("Hold deadline Date: Thursday 25 July 2024 Time: 1pm", date(2023, 9, 21), ClosingDate(None, False)),
        ("Callout opens: Tuesday 21st Dec", date(2021, 12, 21), ClosingDate(None, False)),
        (
            "Please note that some applications will be reviewed on an ongoing basis and the advertised post(s) may be "
            "filled before the stated deadline.",
            date(2018, 8, 30),
            ClosingDate(None, False),
        ),
        (
            "We are always looking for extra help from bank staff in patient care (clinical and non-clinical), particularly "
            "nurses, healthcare support workers and administrators.",
            None,
            ClosingDate(None, True),
        ),
    ],
)
def test_recruitment_events_and_always_open_banks_of_the_closep4_pool(text: str, reference: date | None, expected: ClosingDate) -> None:
    assert parse_closing_date(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # closep5 pool (closing_dev.tsv): a policy's ratification and a page's review or update, a jobs fair, a
        # recruitment day whose clause holds "3.30pm", an opening of applications, a window's first day, a listing's
        # publication written after its date, and a form "by no later than" a day after a training year's mention
        ("Date Ratified 28th September 2015", None, ClosingDate(None, False)),
        ("Last review: 09 October 2025", None, ClosingDate(None, False)),
        ("Updated on 2nd February 2018 at 9:22 am", date(2018, 2, 2), ClosingDate(None, False)),
        (
            "They are going to a jobs fair in Dublin on April 23, plus others in Manchester and Glasgow in June, to fill "
            "positions in nursing, physiotherapy, pharmacy and doctors, so reducing the use of agency staff.",
            None,
            ClosingDate(None, False),
        ),
        (
            "SaTH will hold a staff nurse recruitment day for people interested in working in emergency care and medicine "
            "at the Treatment Centre at RSH from 10am until 3.30pm on January 28",
            date(2017, 1, 23),
            ClosingDate(None, False),
        ),
        (
            "The new GP Retention Scheme was opened to new applicants on April 1st 2017.",
            None,
            ClosingDate(None, False),
        ),
        (
            "You have the ability to register on the Oriel system at any point to familiarise yourself with the system "
            "before applying when the application window opens (5th June 2019).",
            None,
            ClosingDate(None, False),
        ),
        (
            "Applications will only be accepted through Oriel between 10am Thursday 14 November 2024 and 4pm Thursday 5 December 2024.",
            None,
            ClosingDate(date(2024, 12, 5), False),
        ),
        ('Fri, 27 Feb 2026 "> published -', date(2026, 2, 27), ClosingDate(None, False)),
        (
            "If you are interested in offering trainee pharmacist posts in the 2026/27 Training Year, please complete this "
            "form and confirm the details requested by no later than Friday, 14th March 2025 at 12pm.",
            None,
            ClosingDate(date(2025, 3, 14), False),
        ),
    ],
)
def test_reviews_fairs_openings_and_windows_of_the_closep5_pool(text: str, reference: date | None, expected: ClosingDate) -> None:
    assert parse_closing_date(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("40 days remaining to apply", date(2025, 12, 4)),  # a GOV.UK-style card (closep5 pool)
        ("Closes in 15 days", date(2025, 11, 9)),
        ("Expires tomorrow", date(2025, 10, 26)),
        ("Expires: Expiring in less than 2 weeks", None),  # names no day (closep5 pool)
    ],
)
def test_a_counted_down_deadline_counts_from_the_day_the_page_was_read(text: str, expected: date | None) -> None:
    posted, read_on = date(2025, 10, 22), date(2025, 10, 25)
    assert parse_closing_date(text, posted, read_on=read_on) == ClosingDate(expected, False)
    # with no reading day given, from the reference
    assert parse_closing_date("40 days remaining to apply", posted) == ClosingDate(date(2025, 12, 1), False)


def test_a_written_closing_date_wins_over_a_count() -> None:
    text = "Closes in 15 days (Friday 22 August 2025 at 11:59pm)"  # closep5 pool
    assert parse_closing_date(text, date(2025, 8, 6), read_on=date(2025, 8, 20)) == ClosingDate(date(2025, 8, 22), False)


def test_the_pipeline_counts_a_counted_down_deadline_from_the_crawl_date() -> None:
    from pipeline.normalise import normalise_listing

    listing = {"title": "Practice Manager", "posted_text": "22 October 2025", "closing_text": "40 days remaining to apply"}
    assert normalise_listing(listing, date(2025, 10, 25))["closing_date"] == "2025-12-04"


# Verbatim excerpts of NHS Jobs advert texts of October 2020 as the dedupe sets hold them (heldout_dedupe/,
# dedupe_dev.csv, heldout_dedupe3/listings.csv), with their posted dates
CLOSING_IN_TEXT = [
    (
        "Post: Social Prescribing Link Worker Location: Newark PCN Salary: £21,892 – 24,157 referencing Agenda for Change, "
        "Band 4 Hours: 37.5 hours per week Closing Date: 8th November 2020 Interview Date: To be assigned – Via Microsoft "
        "Teams PICS is the employer for this role.",
        date(2020, 10, 22),
        ClosingDate(date(2020, 11, 8), False),
    ),
    (
        "Please note the following important dates: Closing date: Wednesday 11th November Proposed Interview date: Monday "
        "16th November For further details / informal visits contact: NameIndia BrummittJob titleGeneral Ma",
        date(2020, 10, 29),
        ClosingDate(date(2020, 11, 11), False),
    ),
    (
        "For more information, an informal discussion or to arrange an informal visit please contact us on the details "
        "provided. This job advert will close as soon as a sufficient number of suitable applications have been received. "
        "Please apply for this job as soon as you can, if interested.",
        date(2020, 11, 1),
        ClosingDate(None, True),
    ),
    (
        "About the Job The Worcester OOH service provides advice, information and treatment for NHS patients who become "
        "unwell during the out-of-hours period when their own GP surgery is closed.",
        date(2020, 10, 27),
        ClosingDate(None, False),
    ),
]


@pytest.mark.parametrize(("text", "reference", "expected"), CLOSING_IN_TEXT)
def test_the_closing_clause_of_an_advert_text_is_read(text: str, reference: date, expected: ClosingDate) -> None:
    from pipeline.dates import closing_in_text

    assert closing_in_text(text, reference) == expected


def test_the_advert_text_gives_the_closing_date_only_when_the_board_gives_none() -> None:
    from pipeline.normalise import normalise_listing

    text = CLOSING_IN_TEXT[0][0]
    from_board = normalise_listing({"title": "Link Worker", "closing_text": "10/11/2020", "description": text}, date(2020, 11, 2))
    assert (from_board["closing_date"], from_board["closing_from"]) == ("2020-11-10", "closing field")
    from_text = normalise_listing({"title": "Link Worker", "closing_text": "", "description": text}, date(2020, 11, 2))
    assert (from_text["closing_date"], from_text["closing_from"]) == ("2020-11-08", "advert text")
    nothing = normalise_listing({"title": "GP", "description": CLOSING_IN_TEXT[-1][0]}, date(2020, 11, 2))
    assert (nothing["closing_date"], nothing["closing_open_ended"], nothing["closing_from"]) == (None, 0, "")


def test_a_closing_line_older_than_the_posting_is_not_read() -> None:
    """A repost keeps the first advert's line: an NHS Jobs advert posted on 26 October 2020 (held-out dedupe set 3) ends
    "Closing date for applications is Monday 9th October 2020."; the listing is not expired by it."""
    from pipeline.normalise import normalise_listing

    listing = {
        "title": "Central Administration Manager",
        "posted_text": "26 October 2020",
        "description": "For an informal discussion about the role please contact Suzanna Ball, Central Administration Manager via e-mail "
        "address suzanna.ball@nhs.net Closing date for applications is Monday 9th October 2020.",
    }
    fields = normalise_listing(listing, date(2020, 10, 25))
    assert (fields["closing_date"], fields["closing_from"]) == (None, "")


def test_a_text_with_no_date_of_its_own_is_dated_by_the_years_it_writes(monkeypatch) -> None:
    """closep5 pool (NHS England's offer to PCNs, quoted on a GP-practice site): the weekday fits 2020, the year the
    text writes, and 2026, the latest year the weekday alone would give."""
    text = (
        "‘This offer will be available for six months from 3 August 2020 to 31 January 2021. All PCNs interested in "
        "expanding the number of DES-funded SPLWs are encouraged to submit an expression of interest. This should be "
        "returned to by Monday 24 August.’"
    )
    monkeypatch.setattr("pipeline.dates.datetime.date", _Today2026)
    assert parse_closing_date(text) == ClosingDate(date(2020, 8, 24), False)
    assert parse_closing_date("This should be returned to by Monday 24 August.") == ClosingDate(date(2026, 8, 24), False)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # closep6 pool (closing_dev.tsv): taking up the post, a council meeting, a Welsh fixed term, a launch, an
        # announcement, a notice's own date, a listing date, an unveiling, an election's deadline and a period's end
        # are other events
        (
            "If you're successful, you'll take up your position on the 1st July 2020, running until the 30th June 2021.",
            None,
            ClosingDate(None, False),
        ),
        (
            "The vacancy will be filled by co-option at the council meeting to be held at 7pm on Wednesday 24 November 2021.",
            None,
            ClosingDate(None, False),
        ),
        (
            "Cyfnod penodol hyd at 19/09/2023 â phosibilrwydd o drosi yn swydd barhaol ar ddiwedd y cyfnod",
            None,
            ClosingDate(None, False),
        ),
        ("The new Appeal went live on Friday 2 October 2020.", date(2020, 10, 8), ClosingDate(None, False)),
        ("Roles will be announced by 2nd September.", None, ClosingDate(None, False)),
        ("This notice is dated: Tuesday 24 June 2025", None, ClosingDate(None, False)),
        ("Date listed 5 October 2025", date(2025, 10, 5), ClosingDate(None, False)),
        (
            "Staff and volunteers are working hard this week and next to ensure the shop is ready for its grand unveiling on May 9.",
            date(2019, 5, 2),
            ClosingDate(None, False),
        ),
        (
            "As a consequence of the Returning Officer having received no written requests for a Parish election by the "
            "deadline of the 16th October 2020, the Parish Council, as a statutory requirement, will now fill the vacancy "
            "by co-option.",
            date(2020, 11, 11),
            ClosingDate(None, False),
        ),
        (
            "That request must be made within FOURTEEN DAYS, calculated in accordance with the rules** of the date of this "
            "notice. This period ends on Tuesday 15 July 2025.",
            None,
            ClosingDate(None, False),
        ),
        # and a closing line beside them keeps its date
        (
            "Completed forms must be submitted to the Clerk by noon on Monday 13 December 2021. The Parish Council will "
            "consider all applications and will appoint by a vote at the meeting of the Full Council on the 20 December 2021.",
            date(2021, 10, 12),
            ClosingDate(date(2021, 12, 13), False),
        ),
    ],
)
def test_taking_up_the_post_meetings_launches_and_notices_of_the_closep6_pool(
    text: str, reference: date | None, expected: ClosingDate
) -> None:
    assert parse_closing_date(text, reference) == expected


def test_a_countdown_written_with_day_s() -> None:
    # closep6 pool: a Tes-style card
    assert parse_closing_date("Ref: SCH-WeA-0022 21 day(s) remaining", date(2025, 3, 1), read_on=date(2025, 3, 4)) == ClosingDate(
        date(2025, 3, 25), False
    )
