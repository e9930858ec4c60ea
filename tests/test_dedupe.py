"""Dedupe: keys, scorers, rules, clustering, stable ids, the CSV and database paths (real seed listings)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import sqlite_utils
import yaml

from bench.accuracy import (
    DEDUPE_DEV,
    DEDUPE_INDEPENDENT,
    DEDUPE_INDEPENDENT2,
    DEDUPE_INDEPENDENT4,
    DEDUPE_INDEPENDENT6,
    DEDUPE_INDEPENDENT9,
)
from dedupe.blocking import candidate_pairs
from dedupe.cluster import cluster, vacancy_id
from dedupe.csvio import csv_listing, dedupe_csv
from dedupe.evaluate import load_labelled
from dedupe.keys import ListingColumns, bands_key, employer_key, listing_columns, title_key, title_qualifier_key, written_title_key
from dedupe.model import BY_TOTAL, DISTINCT, MERGE, default_model, score
from dedupe.run import deduplicate
from dedupe.score import COMPARISONS, compare
from pipeline.practices import is_umbrella_employer
from pipeline.store import DECISION_FIELDS, ensure_schema, upsert_listing
from pmjobs.build import dedupe_stored

HEADER = ["id", "source", "title", "employer", "location", "salary", "closing", "url"]
# The First Practice Management list in the seed (003_403b1eb5cbbbe911.txt), in page order, as the dev set holds it.
FPM_SEED = [{name: row[name] for name in HEADER} for row in load_labelled(DEDUPE_DEV) if row["kind"] == "fpm-seed"]
TODAY = date(2020, 9, 20)
#: Rows of the seen labelled sets 1 and 2 by id, for real pairs.
SET1 = {row["id"]: row for row in load_labelled(DEDUPE_INDEPENDENT)}
SET2 = {row["id"]: row for row in load_labelled(DEDUPE_INDEPENDENT2)}
SET4 = {row["id"]: row for row in load_labelled(DEDUPE_INDEPENDENT4)}
SET6 = {row["id"]: row for row in load_labelled(DEDUPE_INDEPENDENT6)}
SET9 = {row["id"]: row for row in load_labelled(DEDUPE_INDEPENDENT9)}


def listing(row: dict) -> dict:
    return csv_listing(row, f"{row['source']}:{row['id']}", TODAY)


def pair_columns(a: dict, b: dict) -> tuple[ListingColumns, np.ndarray, np.ndarray]:
    return listing_columns([listing(a), listing(b)]), np.array([0]), np.array([1])


def level_names(a: dict, b: dict) -> dict[str, str]:
    levels = compare(*pair_columns(a, b))[:, 0]
    return {c.field: c.levels[level].name if level >= 0 else "" for c, level in zip(COMPARISONS, levels)}


NHS_PM = {
    "id": "916245694",
    "source": "nhs_jobs",
    "title": "Practice Manager",
    "employer": "Operose Health",
    "location": "South Oxhey WD19 7SF",
    "salary": "£33,000 per annum",
    "closing": "2020-11-11",
    "url": "u",
}
AGENCY_PM = {
    "id": "a1",
    "source": "agency",
    "title": "GP Practice Mgr",
    "employer": "Operose Health Ltd",
    "location": "South Oxhey, Hertfordshire WD19",
    "salary": "£33k pa",
    "closing": "11/11/2020",
    "url": "u",
}
#: The opening of the real advert 916245694 (fixtures-real/nhs-jobs-legacy-jsonld), as NHS Jobs shows it.
NHS_PM_TEXT = (
    "Are you a looking for an exciting new opportunity and have previous experience of managing a GP practice? "
    "Experience with CQC preparation and the ability to deliver growth to revenue streams? The ability to demonstrate "
    "leadership and management capabilities and an excellent working knowledge of EMISweb? If this sounds like you, "
    "Pathfinder Practice are looking for a Practice Manager for full time hours."
)
LEICESTER_PM = {
    "id": "916214017",
    "source": "nhs_jobs",
    "title": "PCN Business Manager",
    "employer": "DHU Health Care CIC",
    "location": "Heron GP Merlyn Vaz Health And Social Centre, Leicester LE5 3GH",
    "salary": "£40,000 per hour",
    "closing": "2021-03-09",
    "url": "u",
}


@pytest.mark.parametrize("comparison", COMPARISONS, ids=lambda c: c.field)
def test_every_comparison_weighs_an_identical_pair_for_a_match_and_a_different_one_less(comparison):
    index = COMPARISONS.index(comparison)
    advert = dict(NHS_PM, reference="NHS-916245694", description=NHS_PM_TEXT)
    same = compare(*pair_columns(advert, dict(advert, id="2")))[index, 0]
    different = compare(*pair_columns(NHS_PM, dict(LEICESTER_PM, title="Deputy PCN Business Manager")))[index, 0]
    bits = default_model().level_bits(index)
    assert same >= 0 and bits[same] > 0
    assert different != same  # a lower level, or not known (-1)
    if different >= 0:
        assert bits[different] < bits[same]


def test_rewrites_of_one_advert_agree_field_by_field():
    assert level_names(NHS_PM, AGENCY_PM) == {
        "title": "same title",  # "GP Practice Mgr" -> "practice manager"
        "seniority": "same seniority",
        "employer": "same name",  # "Ltd" is a stop word
        "place": "same postcode district",  # postcode cut to its outward code
        "salary": "same figures",  # "£33k pa" == "£33,000 per annum"
        "closing": "same closing date",  # 11/11/2020 == 2020-11-11
        "reference": "",
        "description": "",
    }
    assert score(default_model(), *pair_columns(NHS_PM, AGENCY_PM)).decision[0] == MERGE


@pytest.mark.parametrize(
    "title, key",
    [
        ("Pract. Mgr", "practice manager"),
        ("Asst Practice Manager (GP)", "assistant practice manager"),
        ("Primary Care Network Manager", "pcn manager"),
        ("Deputy Practice Mgr - Yeading Medical Centre", "deputy practice manager"),
        ("Snr Practice Mgr - Southam", "senior practice manager"),
        ("ANP", "advanced nurse practitioner"),
        ("HCA - Fixed Term", "healthcare assistant fixed term"),
        ("FCP", "first contact practitioner"),
        ("First Contact Physiotherapist", "first contact practitioner"),
        ("Pharm Tech", "pharmacy technician"),
        ("Part Time Practice Nurse (30 hours per week)", "practice nurse"),
        ("Salaried GP in Rawcliffe Surgery", "salaried"),
        ("Employed GP, Highbridge Medical Centre", "employed"),
        ("Salaried GP - Greenford", "salaried"),  # a town with its county
        ("Assistant <strong>Practice Manager</strong>", "assistant practice manager"),  # Adzuna marks the search term
        ("General Practitioner - Full and Part Time", "gp"),  # a working pattern's "and" is not the key (set 3)
        ("Optometrist / Abergavenny / £65,000", "optometrist"),  # JobG8's "/" parts: a town and the pay (set 3)
        ("Receptionist / Administrator", "receptionist administrator"),  # a part that is neither stays
    ],
)
def test_title_key_expands_abbreviations_and_drops_place_and_noise(title, key):
    assert title_key(title, "Southam, Warwickshire") == key


@pytest.mark.parametrize(
    "employer, key",
    [
        ("The Hollies Surgery & Partners", "hollies"),
        ("Francis Road Medical Centre", "francis road"),
        ("Central Advertising - General Practitioners", ""),
        ("GP Practices - Aneurin Bevan University Health Board", ""),
        ("General Practices in W, N,E Cumbria", ""),
        ("Brigstock Family Practice", "brigstock"),
    ],
)
def test_employer_key_drops_stop_words_and_umbrella_advertisers(employer, key):
    assert employer_key(employer) == key
    assert is_umbrella_employer(employer) == (key == "")


def test_a_boards_cut_copy_of_the_advert_text_is_the_same_text_and_another_advert_is_not():
    cut = NHS_PM_TEXT[:150].rsplit(" ", 1)[0] + "…"
    assert level_names(dict(NHS_PM, description=NHS_PM_TEXT), dict(AGENCY_PM, description=cut))["description"] == "same advert text"
    other = "We are looking for an enthusiastic Practice Manager to lead our friendly team of 30 staff at a busy surgery."
    assert level_names(dict(NHS_PM, description=NHS_PM_TEXT), dict(AGENCY_PM, description=other))["description"] == "different advert text"
    assert level_names(dict(NHS_PM, description=NHS_PM_TEXT), dict(AGENCY_PM, description="See attached."))["description"] == ""


def test_a_shared_advert_reference_outweighs_a_rewritten_title():
    """DWP's copy of an NHS Jobs advert keeps its reference; a title rewritten beyond recognition does not decide."""
    nhs = dict(NHS_PM, reference="916245694")
    copy = dict(AGENCY_PM, title="Operations Lead", reference="916245694", employer="", location="Hertfordshire", salary="", closing="")
    pair = score(default_model(), *pair_columns(nhs, copy))
    assert level_names(nhs, copy)["title"] == "different titles"
    assert pair.decision[0] == MERGE
    assert score(default_model(), *pair_columns(dict(nhs, reference=""), dict(copy, reference=""))).decision[0] != MERGE


def test_a_town_name_several_places_bear_parts_a_pair_only_when_every_one_of_them_is_far():
    """ "Newport" is a dozen towns, one of them beside Launceston: from Launceston its distance is not known, so it
    neither joins nor parts the pair; every Newport is far from Truro. Vision Express's "Optometrist" at
    "Eastbourne" (East Sussex, or Eastbourne in Darlington) and at North Shields are two stores (set 3, 2026)."""
    assert level_names(dict(NHS_PM, location="Newport"), dict(AGENCY_PM, location="Launceston"))["place"] == ""
    assert level_names(dict(NHS_PM, location="Newport"), dict(AGENCY_PM, location="Truro"))["place"] == "further apart"
    assert level_names(dict(NHS_PM, location="Penzance"), dict(AGENCY_PM, location="Truro"))["place"] == "further apart"
    north_shields = dict(AGENCY_PM, location="North Shields, Tyne And Wear, NE290")
    assert level_names(dict(NHS_PM, location="Eastbourne"), north_shields)["place"] == "further apart"
    assert level_names(dict(NHS_PM, location="Eastbourne"), dict(AGENCY_PM, location="Eastbourne"))["place"] == "same town"


def test_a_historic_county_named_alone_is_near_a_town_of_another_county_but_not_far_ones():
    """Adzuna shows Coventry's Forrest Medical Centre (West Midlands) as "Warwickshire" (real pair of set 2, 2026)."""
    coventry = dict(NHS_PM, location="Coventry, CV4 8FT")
    assert level_names(coventry, dict(AGENCY_PM, location="Warwickshire"))["place"] == "one names only a county, another nearby"
    assert level_names(coventry, dict(AGENCY_PM, location="Cornwall"))["place"] == "further apart"


def test_two_full_addresses_of_one_employer_are_two_sites_unless_a_location_line_lists_both():
    """Real adverts of set 6 (2020): The London Clinic's "Staff Nurse" at W1G 6JA and at W1G 6BW, Central London
    Community Healthcare's "Community Staff Nurse" at W10 4LD and at SW1E 6QP are two posts each. The Chislehurst
    Partnership's NHS Jobs advert lists both its sites, "kent, Br7 5aq, Chislehurst, BR7 6DB"; its copy placed at
    BR7 5AQ is at one of them (set 2, 2026). A postcode read from an advert's text, not its location line, places
    it only near: Penrose Health's Reed copy at "London" is not at another address than its advert (set 1)."""
    for first, second, level in (
        ("D6-0237", "D6-0277", "same district, different addresses"),
        ("D6-0074", "D6-1101", "neighbouring postcode districts"),
    ):
        a, b = dict(SET6[first], id=first), dict(SET6[second], id=second)
        assert level_names(a, b)["place"] == level
        assert score(default_model(), *pair_columns(a, b)).decision[0] == DISTINCT
    advert, copy = dict(SET2["DI2-1289"], id="DI2-1289"), dict(SET2["DI2-1291"], id="DI2-1291")
    assert level_names(advert, copy)["place"] == "same postcode"
    advert, copy = dict(SET1["DI0066"], id="DI0066"), dict(SET1["DI0069"], id="DI0069")
    assert listing(copy)["postcode"] == "SE27 0DF"  # read from its text
    assert level_names(advert, copy)["place"] == "same town"


def real_pair(rows: dict[str, dict], first: str, second: str) -> tuple[dict, dict]:
    return dict(rows[first], id=first), dict(rows[second], id=second)


def test_two_titles_whose_bracketed_parts_differ_are_two_posts():
    """Calderdale and Huddersfield's "Flexible Workforce (Bank) Doctor (Emergency Medicine)" and "(Paediatrics)", and
    Cygnet's "Bank Registered Mental Health Nurse (RMN)" and "Bank Registered Learning Disability Nurse (RNLD)", one
    text at one address each, are two posts (set 6, 2020); a board that adds "(Permanent)" or the hours adds none."""
    for first, second in (("D6-0489", "D6-1969"), ("D6-0726", "D6-1074")):
        a, b = real_pair(SET6, first, second)
        assert level_names(a, b)["title"] == "titles differ in a bracketed part"
        assert score(default_model(), *pair_columns(a, b)).decision[0] == DISTINCT
    assert title_qualifier_key("Bank HCA (Permanent)") == title_qualifier_key("Receptionist (30 hours per week)") == ""
    assert title_qualifier_key("Staff Nurse (Ward 5)") != title_qualifier_key("Staff Nurse (Ward 7)")
    advert = dict(NHS_PM, title="Social Prescriber Link Worker (Band 4)")
    assert level_names(advert, dict(advert, id="2", title="Social Prescriber Link Worker (Band 4) (Permanent)"))["title"] != (
        "titles differ in a bracketed part"
    )


def test_two_agenda_for_change_bands_are_two_grades():
    """NHS Professionals' "Senior Mental Health Practitioner" at "Band 6 equivalent" and at "Band 7 equivalent" (set 6),
    and West Kent Primary Care's "Covid Virtual Ward – Band 3/4 Health Care Assistants" and "– Band 6 Nurse" (set 4,
    bands in the title) are two posts; a band within a range is no other band."""
    for rows, first, second in ((SET6, "D6-0082", "D6-0530"), (SET4, "DI4-0317", "DI4-0320")):
        a, b = real_pair(rows, first, second)
        assert level_names(a, b)["salary"] == "different bands"
        assert score(default_model(), *pair_columns(a, b)).decision[0] == DISTINCT
    assert bands_key(("5-6", "Staff Nurse")) == "5 6"
    assert bands_key(("", "Covid Virtual Ward – Band 3/4 Health Care Assistants")) == "3 4"
    assert (
        level_names(dict(NHS_PM, salary="Band 5/6 dependent on experience"), dict(AGENCY_PM, salary="Band 6"))["salary"]
        != "different bands"
    )


def test_two_nearby_towns_keep_their_declared_m_whatever_em_finds():
    """EM's one-vacancy class takes in one employer's look-alike adverts in nearby towns (GPHP's "First Contact
    Physiotherapist (FCP)" at Epsom and at Leatherhead, set 1), so "within 10 km" and "within 25 km" keep their
    declared m: on set 1 the second weighs against a pair and those two adverts are two vacancies."""
    rows = load_labelled(DEDUPE_INDEPENDENT)
    result = deduplicate([csv_listing(row, f"{row['source']}:{row['id']}", TODAY) for row in rows])
    place = [c.field for c in COMPARISONS].index("place")
    names = [level.name for level in COMPARISONS[place].levels]
    for name in ("within 10 km", "within 25 km"):
        assert result.model.m[place][names.index(name)] == COMPARISONS[place].levels[names.index(name)].m
    assert result.model.level_bits(place)[names.index("within 25 km")] < 0
    ids = {row["id"]: vacancy for row, vacancy in zip(rows, result.clusters.vacancy_ids)}
    assert ids["DI0498"] != ids["DI0500"]


def test_one_boards_adverts_with_one_text_but_other_pay_or_identical_fields_but_other_text_are_two():
    """Real NHS Jobs adverts of sets 6 and 9 (2020, no reference, two addresses): NHS England's "Nurse Fellow" at
    £91,004 - £104,927 and at £53,168 - £62,001, and University Hospitals Coventry and Warwickshire's "Midwife" at
    £31,365 - £37,890 and at £24,907 - £37,890, one text at one address each, are two grades, not a repost; The Rotherham NHS
    Foundation Trust's two "Staff Nurse" adverts, identical but for their texts, are two adverts."""
    midwife, other_grade = real_pair(SET6, "D6-0394", "D6-1334")
    assert level_names(midwife, other_grade)["reference"] == "two references on one board"
    fellow, other_grade = real_pair(SET9, "D9-0784", "D9-0785")
    assert level_names(fellow, other_grade)["reference"] == "two references on one board"
    assert (
        level_names(fellow, dict(other_grade, salary=fellow["salary"]))["reference"] == "two references on one board, same text and place"
    )
    first, second = real_pair(SET9, "D9-0385", "D9-0386")
    assert level_names(first, second)["description"] == "different advert text"
    assert score(default_model(), *pair_columns(first, second)).decision[0] == DISTINCT
    assert score(default_model(), *pair_columns(first, dict(second, description=first["description"]))).decision[0] == MERGE


def test_rounded_salaries_and_a_missing_closing_date_have_their_own_levels():
    names = level_names(dict(NHS_PM, salary="£31,365 - £37,890 pa"), dict(AGENCY_PM, salary="£31k - £38k", closing="", posted="2020-10-20"))
    assert names["salary"] == "same to the nearest thousand"
    names = level_names(dict(NHS_PM, posted="2020-10-18"), dict(AGENCY_PM, closing="", posted="2020-10-20"))
    assert names["closing"] == "no closing date, posted within 7 days"


def test_two_practices_found_by_name_decide_but_a_groups_site_found_by_postcode_does_not():
    """Farnham Road and Wexham Road are two Slough practices, each found by its name at its postcode: two employers.
    Mendip Vale Medical Group's advert at BS10 6DF (where ODS lists only another name) and its copy found by the
    group's name in Bristol are one employer's (real adverts A0219-26-0043 and a Reed copy, 2026)."""
    farnham = {**NHS_PM, "employer": "Farnham Road Practice", "location": "Slough SL2 1HD"}
    wexham = {**NHS_PM, "id": "w", "employer": "Wexham Road Surgery", "location": "Slough SL2 5JP"}
    assert level_names(farnham, wexham)["employer"] == "different ODS practices"
    assert score(default_model(), *pair_columns(farnham, wexham)).decision[0] == DISTINCT
    site = {**NHS_PM, "title": "Patient Co-ordinator", "employer": "Mendip Vale Medical Group", "location": "Bristol, BS10 6DF"}
    copy = {**site, "id": "r", "source": "reed", "location": "Bristol, County of Bristol"}
    assert level_names(site, copy)["employer"] == "one employer's name, different ODS practices"
    assert score(default_model(), *pair_columns(site, copy)).decision[0] == MERGE


def test_two_references_on_one_board_are_two_adverts():
    """NHS Jobs gives each advert its own reference: Practice Plus Group's two GP adverts at UB2 5NH on one day
    (set 1) are two adverts; another board's reference for its copy says nothing."""
    ealing, southall = (dict(SET1[key], id=key) for key in ("DI0382", "DI0385"))
    assert level_names(ealing, southall)["reference"] == "two references on one board"
    assert score(default_model(), *pair_columns(ealing, southall)).decision[0] == DISTINCT
    first = dict(NHS_PM, reference="A0219-26-0043")
    jobg8 = dict(AGENCY_PM, source="jobg8", reference="107887300")
    assert level_names(first, jobg8)["reference"] == "different advert references"
    assert score(default_model(), *pair_columns(first, jobg8)).decision[0] == MERGE


def test_two_adverts_on_one_board_with_one_text_but_two_titles_as_written_are_two_posts():
    """Lynda Jacobs Recruitment's JobG8 "Medical Receptionist (28-33 hrs pw)" and "(17.5 hrs pw)" in Belfast share
    one text (set 2: two posts), and their titles read nearly the same; as written they are two titles. A board's
    "Receptionist and Administrator" and "Receptionist/Administrator" are one title as written."""
    longer, shorter = (dict(SET2[key], id=key) for key in ("DI2-0859", "DI2-0861"))
    assert level_names(longer, shorter)["title"] == "nearly the same title"
    assert level_names(longer, shorter)["reference"] == "two references on one board"
    assert level_names(longer, dict(shorter, title=longer["title"]))["reference"] == "two references on one board, same text and place"
    assert written_title_key("Receptionist and Administrator") == written_title_key("Receptionist/Administrator")
    assert written_title_key("Patient Flow Co-ordinator") == written_title_key("Patient Flow Coordinator")
    assert written_title_key("Part-Time Care Coordinator") != written_title_key("Care Coordinator")


def test_a_general_boards_copy_not_placed_in_general_practice_is_still_compared_with_the_advert():
    """Adzuna's "Practice Manager" with nothing saying GP is not relevant (a dental or veterinary practice's post
    reads the same), but it is compared with the NHS Jobs advert it may copy (real advert A3692-26-0006, 2026)."""
    nhs = {**NHS_PM, "employer": "Mount Group Practice", "location": "Doncaster, DN1 2JP", "salary": "Negotiable"}
    adzuna = {
        **nhs,
        "id": "a",
        "source": "adzuna",
        "location": "South Yorkshire",
        "salary": "£27,811.88 (estimated)",
        "description": "Join Mount Group Practice as a Practice Manager. Based in Doncaster…",
    }
    rows = [listing(nhs), listing(adzuna)]
    assert [row["role"] for row in rows] == ["practice_manager", "not_relevant"]
    found = candidate_pairs(listing_columns(rows))
    assert list(zip(found.left.tolist(), found.right.tolist())) == [(0, 1)]


def test_a_provider_and_the_practice_it_runs_weigh_against_but_do_not_decide():
    """A provider's name on one board and its practice's on another (real pair of set 2, 2026), unlike two practices' names."""
    provider = {**NHS_PM, "title": "Receptionist/Admin", "employer": "Operose Health", "location": "Dagenham, London"}
    practice = {**provider, "id": "p", "employer": "Five Elms Medical Practice", "location": "Dagenham RM9 5TT"}
    pair = score(default_model(), *pair_columns(provider, practice))
    assert level_names(provider, practice)["employer"] == "different names"
    assert pair.weights[[c.field for c in COMPARISONS].index("employer"), 0] < 0
    assert pair.reason[0] < 0  # the total decided, not a level


def test_the_practice_named_in_an_umbrella_listings_location_is_its_employer():
    umbrella = {
        **NHS_PM,
        "employer": "Central Advertising - General Practitioners",
        "location": "Francis Road medical Centre, Leyton E10 6PP",
    }
    columns = listing_columns([listing(umbrella)])
    assert columns.employer.values[columns.employer.codes[0]] == "francis road"
    assert columns.ods_code.values[columns.ods_code.codes[0]] == "f86696"


def test_blocking_compares_one_practices_listings_and_not_other_towns():
    rows = [listing(NHS_PM), listing(AGENCY_PM), listing(LEICESTER_PM)]
    found = candidate_pairs(listing_columns(rows))
    assert list(zip(found.left.tolist(), found.right.tolist())) == [(0, 1)]


def test_blocking_cost_is_capped_in_a_large_block():
    """200 listings of one title in one town: each is compared with a window of neighbours, not all 199 others."""
    rows = [
        listing({**NHS_PM, "id": str(i), "employer": "", "location": "Leeds", "closing": f"2020-{1 + i // 28:02d}-{1 + i % 28:02d}"})
        for i in range(200)
    ]
    found = candidate_pairs(listing_columns(rows))
    assert 200 <= len(found.left) <= 200 * 12
    assert len(found.left) < 200 * 199 // 2


def test_a_template_phrase_forms_no_block_but_a_shared_advert_text_does():
    """60 adverts open with one stock phrase; two copies of one advert share its own opening. With no
    place, employer or reference to block on, only the copies are compared."""
    stock = "An exciting opportunity has arisen for a motivated and experienced Practice Manager to join our friendly team."
    own = "Bower Mount Medical Practice in Maidstone is looking for a Practice Manager to lead our team of forty staff."
    rows = [
        listing({**NHS_PM, "id": f"t{i}", "employer": "", "location": "", "description": text, "closing": "2020-11-06"})
        for i, text in enumerate([stock] * 60 + [own, own[:80]])
    ]
    found = candidate_pairs(listing_columns(rows))
    assert list(zip(found.left.tolist(), found.right.tolist())) == [(60, 61)]


def test_look_alikes_are_kept_apart():
    other_branch = {**NHS_PM, "id": "b2", "location": "Tipton DY4 8PX"}  # same employer and salary text, elsewhere
    pathfinder = {**NHS_PM, "employer": "Pathfinder Practice"}  # the practice advert 916245694 is for
    other_practice = {**NHS_PM, "id": "b3", "employer": "Oxhey Village Surgery"}  # same title, town and date
    umbrella_a = {**NHS_PM, "id": "b4", "employer": "Central Advertising - General Practitioners", "location": "Lincoln LN6 9AY"}
    umbrella_b = {**umbrella_a, "id": "b5", "location": "Dorking RH4 2QR"}
    assistant = {**NHS_PM, "id": "b6", "title": "Assistant Practice Manager"}
    for a, b in [(NHS_PM, other_branch), (pathfinder, other_practice), (umbrella_a, umbrella_b), (NHS_PM, assistant)]:
        assert score(default_model(), *pair_columns(a, b)).decision[0] == DISTINCT


def test_a_readvert_after_45_days_is_a_new_vacancy_linked_as_a_repost():
    readvert = {**NHS_PM, "id": "916300000", "closing": "2021-01-29"}
    result = deduplicate([listing(NHS_PM), listing(readvert)])
    first, second = result.clusters.vacancy_ids
    assert first != second
    assert result.clusters.repost_of == {second: first}


def test_no_chaining_through_a_vague_listing():
    """A county-only listing may match two towns' adverts; the two towns must not merge through it."""
    a = {**NHS_PM, "id": "c1", "employer": "", "location": "Watford WD17 1AA"}
    b = {**NHS_PM, "id": "c2", "employer": "", "location": "Hertfordshire"}
    c = {**NHS_PM, "id": "c3", "employer": "", "location": "Royston SG8 5AA"}
    result = deduplicate([listing(row) for row in (a, b, c)])
    ids = result.clusters.vacancy_ids
    merged_pairs = {(int(x), int(y)) for x, y, d in zip(result.pairs.left, result.pairs.right, result.pairs.decision) if d == MERGE}
    assert merged_pairs == {(0, 1), (1, 2)}  # the county-only listing matches both towns' adverts...
    assert ids[1] in (ids[0], ids[2]) and ids[0] != ids[2]  # ...but joins only one of them


@pytest.mark.parametrize(
    ("weakest", "reason", "joined"),
    [(1.0, BY_TOTAL, True), (-1.0, BY_TOTAL, False), (1.0, 0, False)],
    ids=["weak-pair-weighed", "pair-against", "pair-decided"],
)
def test_a_copy_joins_a_small_group_when_its_pairs_reach_the_threshold_on_average(weakest, reason, joined):
    """A copy that matches one of an advert's two listings strongly and the other weakly (below the threshold but
    not against) joins them; not when that pair is evidence against, nor when a deciding level kept it apart."""
    left, right = np.array([0, 0, 1]), np.array([1, 2, 2])
    decision = np.array([MERGE, MERGE, DISTINCT], dtype=np.int8)
    total = np.array([20.0, 8.0, weakest], dtype=np.float32)
    reasons = np.array([BY_TOTAL, BY_TOTAL, reason], dtype=np.int8)
    clusters = cluster(["a", "b", "c"], [None] * 3, left, right, decision, total, reasons, np.zeros(3), None)
    ids = clusters.vacancy_ids
    assert (ids[2] == ids[0]) is joined
    assert ids[0] == ids[1]
    assert clusters.joined_on_average == ((2,) if joined else ())  # the weak pair, to be recorded as a merge


def test_a_copy_naming_only_a_rare_county_weighs_more_than_one_naming_a_common_county():
    """Term frequency at the county-only level: "Northumberland" says more than "Greater London"."""
    towns = ["Hackney E8 1DY", "Peckham SE15 5LJ", "Harrow HA2 7DU", "Southall UB2 4XQ", "Greenwich SE10 9GB"]
    london = [
        dict(NHS_PM, id=f"l{i}", title=title, location=town)
        for i, (town, title) in enumerate(zip(towns, ["Practice Manager", "Practice Nurse", "Receptionist", "Salaried GP", "Pharmacist"]))
    ]
    alnwick = dict(NHS_PM, id="n1", location="Alnwick NE66 2NL")
    copies = [
        dict(AGENCY_PM, id="c1", title="Practice Manager", employer="", location="Greater London"),
        dict(AGENCY_PM, id="c2", title="Practice Manager", employer="", location="Northumberland"),
    ]
    rows = [listing(row) for row in [*london, alnwick, *copies]]
    result = deduplicate(rows)
    place = [c.field for c in COMPARISONS].index("place")
    weight = {(int(a), int(b)): float(w) for a, b, w in zip(result.pairs.left, result.pairs.right, result.pairs.weights[place])}
    # Alnwick and its Northumberland copy against Hackney and a London copy: 6 of the 8 adverts are in London, 2 in
    # Northumberland, so the London copy's agreement is 3 times as common
    assert weight[(5, 7)] - weight[(0, 6)] == pytest.approx(np.log2(3), abs=0.01)


def write_csv(path: Path, rows: list[dict], header: list[str] = HEADER) -> None:
    with open(path, "w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def test_dedupe_csv_collapses_the_fpm_seed_repeats(tmp_path):
    rows = FPM_SEED
    write_csv(tmp_path / "in.csv", rows)
    summary = dedupe_csv(tmp_path / "in.csv", tmp_path / "out.csv", today=TODAY)
    out = read_csv(tmp_path / "out.csv")
    assert (summary.listings, summary.vacancies) == (10, 5)
    assert [{k: v for k, v in row.items() if k != "vacancy_id"} for row in out] == rows
    by_place = {}
    for row in out:
        by_place.setdefault((row["title"], row["location"]), set()).add(row["vacancy_id"])
    assert all(len(ids) == 1 for ids in by_place.values())
    assert out[0]["vacancy_id"] == vacancy_id("fpm:seed-1")


def test_dedupe_csv_ids_survive_rows_appended_later_and_a_rerun_on_its_own_output(tmp_path):
    rows = FPM_SEED
    write_csv(tmp_path / "day1.csv", rows[:5])
    dedupe_csv(tmp_path / "day1.csv", tmp_path / "day1-out.csv", today=TODAY)
    write_csv(tmp_path / "day2.csv", rows)
    dedupe_csv(tmp_path / "day2.csv", tmp_path / "day2-out.csv", today=TODAY)
    day1, day2 = read_csv(tmp_path / "day1-out.csv"), read_csv(tmp_path / "day2-out.csv")
    assert [row["vacancy_id"] for row in day2[:5]] == [row["vacancy_id"] for row in day1]
    dedupe_csv(tmp_path / "day2-out.csv", tmp_path / "again.csv", today=TODAY)
    again = read_csv(tmp_path / "again.csv")
    assert list(again[0]) == HEADER + ["vacancy_id"]
    assert [row["vacancy_id"] for row in again] == [row["vacancy_id"] for row in day2]


def test_dedupe_csv_names_a_missing_column(tmp_path):
    write_csv(tmp_path / "in.csv", [], header=[name for name in HEADER if name != "closing"])
    with pytest.raises(ValueError, match="closing"):
        dedupe_csv(tmp_path / "in.csv", tmp_path / "out.csv")


def store_listing(db: sqlite_utils.Database, row: dict, seen_at: str) -> None:
    fields = listing(row)
    fields.pop("listing_id")
    upsert_listing(db, {**fields, "source_id": row["id"], "url": row["url"]}, seen_at)


def test_dedupe_database_keeps_vacancy_ids_when_listings_join_later():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    for row in FPM_SEED[:5]:
        store_listing(db, row, "2020-09-20T02:00:00+00:00")
    first = dedupe_stored(db)
    before = {row["listing_id"]: row["vacancy_id"] for row in db["listings"].rows}
    for row in FPM_SEED[5:]:
        store_listing(db, row, "2020-09-21T02:00:00+00:00")
    store_listing(db, {**NHS_PM, "title": "Clinical Pharmacist"}, "2020-09-21T02:00:00+00:00")
    second = dedupe_stored(db)
    after = {row["listing_id"]: row["vacancy_id"] for row in db["listings"].rows}
    assert (first.listings, first.vacancies, first.new_vacancies) == (5, 5, 5)
    assert (second.listings, second.vacancies, second.new_vacancies) == (10, 5, 0)
    assert all(after[listing_id] == vacancy for listing_id, vacancy in before.items())
    assert after["nhs_jobs:916245694"] is None  # not a practice-management role
    southam = db["vacancies"].get(before["fpm:seed-1"])
    assert southam["n_listings"] == 3 and json.loads(southam["listing_ids"]) == ["fpm:seed-1", "fpm:seed-6", "fpm:seed-7"]
    decisions = list(db["dedupe_decisions"].rows_where("decision = 'merge'"))
    assert {row["decided_by"] for row in decisions} == {"identical advert text"}
    assert dedupe_stored(db).new_vacancies == 0


def test_dedupe_database_links_a_readvert_to_the_vacancy_it_repeats():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    store_listing(db, NHS_PM, "2020-10-28T02:00:00+00:00")
    store_listing(db, {**AGENCY_PM, "id": "a2", "closing": "29/01/2021"}, "2021-01-02T02:00:00+00:00")
    assert dedupe_stored(db).vacancies == 2
    first = db["listings"].get("nhs_jobs:916245694")["vacancy_id"]
    readvert = db["vacancies"].get(db["listings"].get("agency:a2")["vacancy_id"])
    assert readvert["repost_of"] == first
    decision = next(db["dedupe_decisions"].rows)
    assert (decision["decision"], decision["decided_by"]) == ("repost", "more than 45 days apart")
    assert decision["closing_level"] == "more than 45 days apart" and decision["title_level"] == "same title"
    assert decision["total_weight"] == pytest.approx(
        decision["prior_weight"] + sum(decision[f"{c.field}_weight"] for c in COMPARISONS), abs=0.05
    )


def test_every_comparison_level_is_explained_in_the_user_docs():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "dedupe.md").read_text(encoding="utf-8")
    assert all(f"| {level.name} |" in docs for c in COMPARISONS for level in c.levels)


def test_vacancy_takes_the_real_employer_and_full_postcode_over_an_umbrella_listing():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    umbrella = {**NHS_PM, "employer": "Central Advertising - General Practitioners"}
    store_listing(db, umbrella, "2020-10-28T02:00:00+00:00")
    store_listing(db, AGENCY_PM, "2020-10-29T02:00:00+00:00")
    assert dedupe_stored(db).vacancies == 1
    vacancy = next(iter(db["vacancies"].rows))
    assert (vacancy["employer"], vacancy["postcode"], vacancy["sources"]) == ("Operose Health Ltd", "WD19 7SF", "agency,nhs_jobs")


def test_an_umbrella_only_vacancy_is_named_after_the_practice_in_its_location():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    store_listing(
        db,
        {**NHS_PM, "employer": "Central Advertising - General Practitioners", "location": "Francis Road medical Centre, Leyton E10 6PP"},
        "2020-10-28T02:00:00+00:00",
    )
    dedupe_stored(db)
    assert next(iter(db["vacancies"].rows))["employer"] == "Francis Road medical Centre"


def test_nothing_to_dedupe_is_no_error(tmp_path):
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    assert (dedupe_stored(db).vacancies, db["vacancies"].count, db["dedupe_decisions"].count) == (0, 0, 0)
    write_csv(tmp_path / "in.csv", [])
    assert dedupe_csv(tmp_path / "in.csv", tmp_path / "out.csv").listings == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").strip() == ",".join(HEADER + ["vacancy_id"])


def test_the_store_declares_a_level_and_a_weight_column_for_every_comparison():
    assert tuple(c.field for c in COMPARISONS) == DECISION_FIELDS


def test_why_these_two_shows_each_fields_level_and_weight_adding_up_to_the_total():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    umbrella = {
        **NHS_PM,
        "employer": "Central Advertising - General Practitioners",
        "location": "Francis Road medical Centre, Leyton E10 6PP",
    }
    agency = {**AGENCY_PM, "employer": "Francis Road Medical Centre", "location": "Leyton E10"}
    store_listing(db, umbrella, "2020-10-28T02:00:00+00:00")
    store_listing(db, agency, "2020-10-29T02:00:00+00:00")
    assert dedupe_stored(db).vacancies == 1
    metadata = yaml.safe_load((Path(__file__).resolve().parents[1] / "datasette" / "metadata.yml").read_text(encoding="utf-8"))
    sql = metadata["databases"]["pmjobs"]["queries"]["why_these_two"]["sql"]
    rows = list(db.query(sql, {"listing_a": "agency:a1", "listing_b": "nhs_jobs:916245694"}))
    by_field = {row["field"]: row for row in rows}
    assert list(by_field) == [c.field for c in COMPARISONS] + ["prior", "total"]
    assert by_field["employer"]["level"] == "same ODS practice"
    assert by_field["place"]["level"] == "same postcode district"
    assert {row["decision"] for row in rows} == {"merge"}
    parts = sum(row["weight_bits"] for row in rows if row["field"] != "total")
    assert by_field["total"]["weight_bits"] == pytest.approx(parts, abs=0.05) and parts >= 2


def test_two_titles_naming_two_practices_are_two_sites_posts():
    """Gtd Healthcare advertised "Bank Receptionist - <practice>" once per practice (real NHS Jobs adverts, August
    2026, set 3); a copy that drops the practice, or names part of the same one, is not kept apart by it."""
    lindley = dict(NHS_PM, title="Bank Receptionist - Lindley Medical Practice", employer="Gtd Healthcare", location="Oldham")
    droylsden = dict(lindley, id="2", title="Bank Receptionist - Droylsden & Guide Bridge Medical Practices")
    assert level_names(lindley, droylsden)["title"] == "titles name two practices"
    assert score(default_model(), *pair_columns(lindley, droylsden)).decision[0] == DISTINCT
    assert level_names(lindley, dict(lindley, id="3", title="Bank Receptionist"))["title"] == "same title"
    assert level_names(lindley, dict(lindley, id="4", title="Bank Receptionist - Lindley Surgery"))["title"] == "same title"


def test_a_listing_placed_only_by_a_county_or_nation_is_placed_at_the_town_its_title_names():
    """Vivid Optical's JobG8 adverts give only "Wales" and name the town in the title (set 3, 2026); Adzuna shows
    "Practice Nurse - St Neots" at "Cambridgeshire" (dev set)."""
    abergavenny = dict(AGENCY_PM, title="Optometrist / Abergavenny / £65,000", employer="Vivid Optical", location="Wales")
    salisbury = dict(abergavenny, id="2", title="Optometrist", location="Salisbury, Wiltshire")
    assert level_names(abergavenny, salisbury)["place"] == "further apart"
    st_neots = dict(AGENCY_PM, title="Practice Nurse - St Neots", location="Cambridgeshire")
    assert level_names(st_neots, dict(NHS_PM, title="Practice Nurse", location="St Neots PE19 1AG"))["place"] == "same town"


def test_two_references_on_one_board_with_one_template_opening_but_other_text_are_two_adverts():
    """NLDC's JobG8 "Trainee Dental Nurse" adverts in one town open alike and then differ (set 3, 2026): two
    adverts; the feed re-sending one advert's whole text under a new reference is weighed as a repost."""
    opening = "Job Title: Trainee Dental Nurse Location: St Albans, Hertfordshire AL1 Salary: Starting from £13.40 per hour. "
    first = dict(AGENCY_PM, source="jobg8", reference="107626366", description=opening * 2 + "We are a friendly family practice. " * 20)
    resent = dict(first, id="2", reference="b8e38e78")
    second = dict(resent, description=opening * 2 + "Our new clinic opens in spring with six surgeries. " * 20)
    assert level_names(first, resent)["reference"] == "two references on one board, same text and place"
    assert level_names(first, second)["reference"] == "two references on one board"


def test_a_listing_that_could_be_either_of_two_vacancies_joins_neither():
    """Two practices in Chingford advertise a practice nurse on NHS Jobs; an aggregator's "Practice Nurse,
    Chingford" with no employer could be either and joins neither, while a copy naming one practice joins it."""
    first = dict(
        NHS_PM, id="n1", title="Practice Nurse", employer="Chingford Mount Surgery", location="Chingford E4 8SD", reference="916200001"
    )
    second = dict(first, id="n2", employer="Ainslie Rood Surgery", location="Chingford E4 9DD", reference="916200002")
    vague = dict(AGENCY_PM, id="a1", source="adzuna", title="Practice Nurse", employer="", location="Chingford", salary="£33k pa")
    named = dict(vague, id="a2", source="reed", employer="Chingford Mount Surgery")
    run = deduplicate([listing(row) for row in (first, second, vague, named)])
    ids = run.clusters.vacancy_ids
    assert ids[0] != ids[1]
    assert ids[2] not in (ids[0], ids[1])
    assert ids[3] == ids[0]


def test_a_place_named_only_by_its_countys_name_is_placed_by_the_county():
    """An aggregator's "Durham" (Adzuna's location area for County Durham, or the city) beside an NHS Jobs advert in
    Darlington DL3 8SQ: one names only the county, not two towns 28 km apart; a postcode keeps the city a town."""
    nhs = {
        "id": "916237956",
        "source": "nhs_jobs",
        "title": "Nurse Practitioner",
        "employer": "Central Advertising - General Practitioners",
        "location": "Darlington DL3 8SQ",
        "salary": "negotiable",
        "closing": "2020-11-09",
        "url": "https://www.jobs.nhs.uk/xi/vacancy/916237956",
    }
    adzuna = {
        "id": "adz-916237956",
        "source": "adzuna",
        "title": "NURSE PRACTITIONER",
        "employer": "Central Advertising - General Practitioners",
        "location": "Durham",
        "salary": "",
        "closing": "",
        "url": "",
    }
    assert level_names(nhs, adzuna)["place"] == "same county, one names only the county"
    assert level_names(nhs, dict(adzuna, location="Durham DH1 3EE"))["place"] != "same county, one names only the county"
