"""The ODS practice behind an advert, from the names and places real adverts give."""

from __future__ import annotations

import pytest

from pipeline.normalise import normalise_listing
from pipeline.places import parse_place
from pipeline.practices import (
    CONFIDENT,
    NAME_AT_POSTCODE,
    ONLY_AT_POSTCODE,
    is_umbrella_employer,
    name_key,
    named_practices,
    practice_index,
    resolve_practice,
)


def resolve(employer: str, location: str, title: str = "", description: str = "") -> str:
    return resolve_practice(employer, tuple(named_practices(title, location)), description, parse_place(location)).practice.ods_code


def test_the_table_holds_the_active_gp_practices_of_england_and_wales():
    practices = practice_index().practices
    assert len(practices) == 6830
    densham = next(p for p in practices if p.ods_code == "A81001")
    assert (densham.name, densham.postcode, densham.town) == ("The Densham Surgery", "TS18 1HU", "Stockton-on-Tees")


@pytest.mark.parametrize(
    "employer, location, title, code",
    [
        ("St. Andrew's Surgery (Bishopstoke)", "Eastleigh, Hampshire", "", "J82071"),  # suffix, full stop, apostrophe
        ("Dr Patel & Partners, Bower Mount Medical Practice", "Maidstone, Kent", "", "G82031"),  # partners prefix
        ("Bower Mount Medical Practice", "Kent", "", "G82031"),  # a name no other practice bears, county only
        ("Central Advertising - General Practitioners", "Francis Road medical Centre, Leyton E10 6PP", "", "F86696"),
        ("", "Yeading UB4", "Deputy Practice Mgr - Yeading Medical Centre", "E86020"),  # the practice named in the title
    ],
)
def test_a_practice_is_found_from_the_names_an_advert_gives(employer, location, title, code):
    assert resolve(employer, location, title) == code


def test_a_practice_named_after_the_town_is_not_found_in_another_name_by_the_town_alone():
    """Reed's copy of a real NHS Jobs advert (independent set 1): the employer adds its town in brackets."""
    assert resolve("Staplehurst Health Centre (Tonbridge)", "Tonbridge, Kent") == ""
    assert resolve("Tonbridge Medical Group", "Tonbridge, Kent") == "G82042"


def test_a_postcode_of_one_practice_settles_an_umbrella_advert():
    assert resolve("Central Advertising - General Practitioners", "Leyton E10 6PP") == "F86696"
    fields = normalise_listing({"title": "Practice Manager", "employer": "Central Advertising", "location": "Leyton E10 6PP"})
    assert fields["ods_evidence"] == ONLY_AT_POSTCODE and ONLY_AT_POSTCODE not in CONFIDENT  # where, not who


def test_a_multi_site_advert_is_the_named_practice_at_any_of_its_sites():
    """NHS Jobs lists every site of a multi-site advert (a real 2026 advert, independent set 2 row DI2-0825). The
    place is the first site, ME13 8FH, where the ODS list has only Newton Place Surgery; Faversham Medical Practice
    is at the second."""
    fields = normalise_listing(
        {"title": "Office Manager", "employer": "Faversham Medical Practice", "location": "Faversham, ME13 8FH, Faversham, ME13 8QR"}
    )
    assert (fields["postcode"], fields["ods_code"], fields["ods_evidence"]) == ("ME13 8FH", "G82027", NAME_AT_POSTCODE)


@pytest.mark.parametrize(
    "employer, location",
    [
        ("Park Surgery", "London"),  # a common name in a city of many practices
        ("", "Southam, Warwickshire"),  # no name, only a town
        ("Central Advertising - General Practitioners", "Birmingham"),
        ("Bower Mount Medical Practice", "Edinburgh EH1 1AA"),  # Scotland is not in the ODS list
    ],
)
def test_nothing_is_guessed_when_the_advert_does_not_settle_it(employer, location):
    assert resolve(employer, location) == ""


def test_a_nearby_practice_named_in_the_description_settles_it():
    description = "Bower Mount Medical Practice is looking for an experienced Practice Manager to lead our team."
    assert resolve("Central Advertising - General Practitioners", "Maidstone ME16", description=description) == "G82031"


@pytest.mark.parametrize(
    "employer, umbrella",
    [
        ("Central Advertising - General Practitioners", True),
        ("GP Practices - Aneurin Bevan University Health Board", True),
        ("Public Practice Recruitment Ltd", True),
        ("Primary Care Careers", True),  # a recruitment brand on NHS Jobs, advertising for many practices
        ("", True),
        ("The Hollies Surgery & Partners", False),
    ],
)
def test_umbrella_advertisers_and_agencies_carry_no_identity(employer, umbrella):
    assert is_umbrella_employer(employer) is umbrella
    assert (name_key(employer) == "") is umbrella


def test_the_normaliser_stores_the_code_and_the_practices_name():
    fields = normalise_listing(
        {
            "title": "Practice Manager",
            "employer": "Central Advertising - General Practitioners",
            "location": "Francis Road medical Centre, Leyton E10 6PP",
        }
    )
    assert (fields["ods_code"], fields["practice_name"]) == ("F86696", "Francis Road Medical Centre")
