"""Every field of a listing, declared once with its type and meaning.

A `Listing` is one advert as one board shows it: the spider fills the raw strings, the pipeline the
parsed fields, the store the bookkeeping. The store's columns, the normaliser's output, the CSV
commands' column groups and the column descriptions Datasette publishes are all derived from here.
"""

from __future__ import annotations

from itertools import count

import scrapy

RAW = "raw"  # strings as the board shows them, filled by the spider
ROLE = "role"
SALARY = "salary"
CLOSING = "closing"
POSTED = "posted"
PLACE = "place"
PRACTICE = "practice"
STORE = "store"  # kept by the store: identity, crawl bookkeeping and the vacancy it belongs to
PARSED_GROUPS = (ROLE, SALARY, CLOSING, POSTED, PLACE, PRACTICE)


_declared = count()


def _field(group: str, type_: type, doc: str) -> scrapy.Field:
    # Scrapy keeps an Item's fields in name order; `order` keeps the order they are declared in.
    return scrapy.Field(group=group, type=type_, doc=doc, order=next(_declared))


class Listing(scrapy.Item):
    """One advert as one board shows it: raw strings from the spider, parsed fields from the pipeline."""

    source = _field(RAW, str, "The board the advert was read from (a spider name, e.g. nhs_jobs)")
    source_id = _field(RAW, str, "The board's own id of the advert, or a content hash where it has none")
    url = _field(RAW, str, "The advert's address on the board (http or https)")
    title = _field(RAW, str, "The job title exactly as advertised")
    employer = _field(RAW, str, "The advertiser as the board names it (a practice, a PCN or an umbrella advertiser)")
    location = _field(RAW, str, "The place line exactly as advertised")
    salary_text = _field(RAW, str, "The salary exactly as advertised")
    closing_text = _field(RAW, str, "The closing date exactly as advertised")
    posted_text = _field(RAW, str, "The posting date exactly as advertised")
    description = _field(RAW, str, "The advert text, as much of it as the board shows")
    category = _field(RAW, str, "The board's own category of the advert (Adzuna category, JobPosting occupationalCategory)")
    reference = _field(RAW, str, "The advert reference the board shows (NHS Jobs repeats it on mirror boards)")
    contract_type = _field(RAW, str, "Contract type as advertised (permanent, fixed term, bank)")
    working_pattern = _field(RAW, str, "Working pattern as advertised (full time, part time, flexible)")
    category = _field(RAW, str, "The board's own category of the advert (Adzuna's category label), where it gives one")

    role = _field(ROLE, str, "Which practice or PCN management role the advert is for, or not_relevant")
    relevance_reason = _field(ROLE, str, "The words of the title, employer, advert text or category that decided the role")

    salary_min = _field(SALARY, float, "Lowest advertised pay, in the unit of salary_period")
    salary_max = _field(SALARY, float, "Highest advertised pay, in the unit of salary_period")
    salary_period = _field(SALARY, str, "Unit of salary_min and salary_max: annual, hourly, weekly, monthly, daily; empty when no figure")
    salary_pro_rata = _field(SALARY, int, "1 when the advert says the pay is pro rata")
    salary_band = _field(SALARY, str, "Agenda for Change band named in the advert (7, 8a, 7-8a)")
    salary_annual_fte_min = _field(SALARY, float, "Lowest pay as a full-time annual figure (hourly x 37.5 h x 52.143 weeks)")
    salary_annual_fte_max = _field(SALARY, float, "Highest pay as a full-time annual figure")
    salary_band_min = _field(SALARY, float, "Bottom of the named band's pay range in the advert's pay year")
    salary_band_max = _field(SALARY, float, "Top of the named band's pay range in the advert's pay year")
    salary_currency = _field(
        SALARY, str, "Currency of the salary figures (GBP unless the advert writes another); no FTE figures for another"
    )

    closing_date = _field(CLOSING, str, "Closing date, ISO YYYY-MM-DD")
    closing_open_ended = _field(CLOSING, int, "1 when the advert closes when filled, rolling or ongoing")
    closing_from = _field(
        CLOSING, str, "Where the closing date was read: closing field (the board's), advert text (the board gives none), or empty"
    )

    posted_date = _field(POSTED, str, "Posting date, ISO YYYY-MM-DD")

    postcode = _field(PLACE, str, "Full postcode named in the advert")
    outward_code = _field(PLACE, str, "Outward part of the postcode (the district, e.g. CV47)")
    town = _field(PLACE, str, "Town of the advert's place")
    county = _field(PLACE, str, "County of the advert's place")
    nation = _field(PLACE, str, "England, Scotland, Wales or Northern Ireland")
    latitude = _field(PLACE, float, "Latitude of the place (postcode district, town or county centre: located_by)")
    longitude = _field(PLACE, float, "Longitude of the place (postcode district, town or county centre: located_by)")
    located_by = _field(PLACE, str, "What latitude and longitude are the centre of: postcode district, town or county")

    ods_code = _field(
        PRACTICE, str, "NHS ODS code of the GP practice the advert is for, where its names and place settle it (England and Wales)"
    )
    practice_name = _field(PRACTICE, str, "The practice's name in the NHS ODS list")
    ods_evidence = _field(
        PRACTICE, str, "How the practice was found: its name at the advert's postcode, district or town, its postcode alone, ..."
    )

    listing_id = _field(STORE, str, "source:source_id, the listing's key")
    first_seen = _field(STORE, str, "When a crawl first saw the advert (UTC)")
    last_seen = _field(STORE, str, "When a crawl last saw the advert (UTC)")
    status = _field(STORE, str, "open, closed (no longer advertised) or expired (past its closing date)")
    vacancy_id = _field(STORE, str, "The vacancy this listing belongs to")


def fields_of(*groups: str) -> tuple[str, ...]:
    """Names of the listing fields in `groups`, in declaration order."""
    declared = sorted(Listing.fields.items(), key=lambda item: item[1]["order"])
    return tuple(name for name, field in declared if field["group"] in groups)


def column_types(*groups: str) -> dict[str, type]:
    return {name: Listing.fields[name]["type"] for name in fields_of(*groups)}


def descriptions() -> dict[str, str]:
    """One line per field, as Datasette shows it."""
    return {name: Listing.fields[name]["doc"] for name in fields_of(RAW, *PARSED_GROUPS, STORE)}


RAW_FIELDS = fields_of(RAW)
#: What pay is shown from: the advertised text and its parsed figures.
PAY_FIELDS = ("salary_text", *fields_of(SALARY))
NORMALISED_FIELDS = fields_of(*PARSED_GROUPS)
