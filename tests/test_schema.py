"""Each field is declared once (spiders/items.py) and every list of names is derived from it; the
published metadata names only columns, facets and queries that exist."""

from __future__ import annotations

import re

import sqlite_utils

from pipeline import csvio
from pipeline.normalise import normalise_listing
from pipeline.store import LISTING_COLUMNS, VACANCY_COLUMNS, column_descriptions, open_database
from pmjobs.serve import published_metadata
from spiders.items import CLOSING, NORMALISED_FIELDS, PLACE, RAW_FIELDS, ROLE, SALARY, STORE, Listing, fields_of


def test_every_field_has_a_type_and_a_description():
    for name, field in Listing.fields.items():
        assert field["type"] in (str, int, float) and len(field["doc"]) > 10, name


def test_derived_name_lists_agree_with_the_item():
    assert set(Listing.fields) == set(RAW_FIELDS) | set(NORMALISED_FIELDS) | set(fields_of(STORE))
    assert tuple(normalise_listing({"salary_text": "£35,000", "location": "Southam CV47 1HX"})) == NORMALISED_FIELDS
    assert set(LISTING_COLUMNS) == set(Listing.fields)
    assert {name: LISTING_COLUMNS[name] for name in Listing.fields} == {n: f["type"] for n, f in Listing.fields.items()}
    groups = csvio.ROLE_COLUMNS + csvio.SALARY_COLUMNS + csvio.CLOSING_COLUMNS + csvio.PLACE_COLUMNS
    assert groups == fields_of(ROLE, SALARY, CLOSING, PLACE)
    assert set(column_descriptions()["vacancies"]) == set(VACANCY_COLUMNS)


def test_created_tables_have_the_declared_columns(tmp_path):
    db = open_database(tmp_path / "pmjobs.db")
    assert db["listings"].columns_dict == LISTING_COLUMNS
    assert db["vacancies"].columns_dict == VACANCY_COLUMNS


def test_metadata_names_only_what_the_demo_database_has(demo_db):
    db = sqlite_utils.Database(demo_db)
    metadata = published_metadata(demo_db)
    (database,) = metadata["databases"].values()
    for table, settings in database["tables"].items():
        columns = set(db[table].columns_dict)
        named = (
            set(settings.get("facets", []))
            | set(settings.get("columns", {}))
            | {settings[key] for key in ("sort", "sort_desc", "label_column") if key in settings}
        )
        assert named <= columns, (table, named - columns)
    for query in database["queries"].values():
        parameters = {word: "" for word in re.findall(r":(\w+)", query["sql"])}
        db.execute(query["sql"], parameters).fetchall()  # raises if a canned query no longer runs


def test_metadata_is_published_under_the_database_file_name(tmp_path):
    assert list(published_metadata(tmp_path / "jobs.db")["databases"]) == ["jobs"]
