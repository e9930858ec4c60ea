"""The demo build end to end: real spiders through Scrapy on a loopback snapshot server -> SQLite ->
dedupe -> Datasette over HTTP -> CSV export. Facts checked against the FPM seed and the snapshots."""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import time
import urllib.request
from xml.etree import ElementTree

import pytest
import sqlite_utils

from pmjobs.serve import ends_with_parent
from pmjobs.site import DEMO_TODAY, TODAY_VARIABLE
from tests.conftest import PMJOBS, free_port


@pytest.fixture(scope="module")
def db(demo_db) -> sqlite_utils.Database:
    return sqlite_utils.Database(demo_db)


def vacancy_of(db, **where) -> set[str]:
    clause = " and ".join(f"{column} = ?" for column in where)
    return {row["vacancy_id"] for row in db.query(f"select vacancy_id from listings where {clause}", list(where.values()))}


def test_every_relevant_card_and_seed_advert_is_a_listing(db):
    counts = dict(db.execute("select source, count(*) from listings where vacancy_id is not null group by source").fetchall())
    assert counts == {"adzuna": 3, "bmj_careers": 3, "fpm": 10, "hscni": 2, "jsonld": 4, "nhs_jobs": 24, "nhs_scotland": 3, "reed": 6}
    harrow = list(db.query("select * from listings where title = 'Primary Care Network Manager' and source = 'nhs_jobs'"))
    assert len(harrow) == 1  # on both searches, one listing
    assert not list(
        db.query("select * from listings where title like '%Clinical Practice Manager%' or title like 'General Manager Facilities'")
    )


def test_fewer_vacancies_than_listings(db):
    assert 0 < db["vacancies"].count < db["listings"].count


def test_southam_repeats_and_its_nhs_jobs_advert_are_one_vacancy(db):
    fpm = vacancy_of(db, source="fpm", location="Southam, Warwickshire")
    nhs = vacancy_of(db, source="nhs_jobs", employer="Southam Surgery")
    assert len(fpm) == 1 and fpm == nhs
    vacancy = db["vacancies"].get(fpm.pop())
    assert vacancy["n_listings"] == 4
    assert vacancy["closing_date"] == "2020-09-27"
    assert vacancy["town"] == "Southam" and vacancy["county"] == "Warwickshire"
    assert set(vacancy["sources"].split(",")) == {"fpm", "nhs_jobs"}


def test_other_seed_repeats_merge_and_stay_apart(db):
    pcn = vacancy_of(db, source="fpm", title="Primary Care Network Manager")
    herts = vacancy_of(db, source="fpm", location="Hertfordshire")
    buckhurst = vacancy_of(db, source="fpm", location="Buckhurst Hill, Essex")
    assert len(pcn) == len(herts) == len(buckhurst) == 1
    assert len(pcn | herts | buckhurst) == 3
    assert buckhurst == vacancy_of(db, source="nhs_jobs", employer="Kings Medical Centre")
    pcn_vacancy = db["vacancies"].get(pcn.pop())
    assert (pcn_vacancy["salary_min"], pcn_vacancy["salary_max"], pcn_vacancy["salary_period"]) == (35000, 40000, "annual")
    assert pcn_vacancy["closing_date"] == "2020-09-30" and pcn_vacancy["role"] == "pcn_manager"
    assert pcn_vacancy["n_listings"] == 2


def test_parsed_fields_of_listings(db):
    holywell = next(db.query("select * from listings where location = 'Holywell, CH8 7TR'"))
    assert holywell["postcode"] == "CH8 7TR" and holywell["nation"] == "Wales"
    assert holywell["closing_date"] == "2020-11-18" and holywell["posted_date"] == "2020-11-04"
    assert holywell["salary_text"] == "TBC" and holywell["salary_min"] is None
    harrow = next(db.query("select * from listings where location = 'Harrow, HA5 3HR'"))
    assert (harrow["salary_min"], harrow["salary_max"]) == (42000, 50000)


def test_crawls_are_logged_per_source(db):
    crawls = {row["source"]: row for row in db["crawls"].rows}
    assert set(crawls) == {"adzuna", "bmj_careers", "fpm", "hscni", "jsonld", "nhs_jobs", "nhs_scotland", "reed"}
    assert all(row["status"] == "ok" for row in crawls.values())
    assert crawls["nhs_jobs"]["broken_cards"] == 1
    field_stats = json.loads(crawls["fpm"]["field_stats"])
    assert field_stats["pmjobs/field/salary/unread"] == 6  # "Salary Competitive ...", "Dependant on skills ..."
    assert field_stats["pmjobs/store/items"] == 10
    assert crawls["nhs_jobs"]["items"] >= 24


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def test_datasette_serves_the_vacancies_over_http(demo_db, db):
    port = free_port()
    server = subprocess.Popen(
        [*PMJOBS, "serve", "--db", str(demo_db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, TODAY_VARIABLE: DEMO_TODAY},
        preexec_fn=ends_with_parent,
    )  # the feed lists adverts still open
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                get_json(base + "/-/databases.json")
                break
            except OSError:
                time.sleep(0.2)
        rows = get_json(base + "/pmjobs/vacancies.json?_shape=array&_size=max")
        assert len(rows) == db["vacancies"].count
        assert {"Practice Manager", "Primary Care Network Manager"} <= {row["title"] for row in rows}
        metadata = get_json(base + "/-/metadata.json")
        assert "open_vacancies" in metadata["databases"]["pmjobs"]["queries"]
        merged = get_json(base + "/pmjobs/merged_listings.json?_shape=array")
        assert {"fpm", "nhs_jobs", "reed", "jsonld"} <= {row["source"] for row in merged}
        southam = next(row for row in rows if row["employer"] == "Southam Surgery")
        page = get_json(base + f"/pmjobs/vacancies/{southam['vacancy_id']}.json?_extras=foreign_key_tables")
        (links,) = page["foreign_key_tables"]  # a vacancy page links to the listings it collapses
        assert (links["other_table"], links["count"]) == ("listings", 4)
        with urllib.request.urlopen(base + "/pmjobs/vacancies_feed.atom?role=pcn_manager&county=Hampshire", timeout=10) as feed:
            entries = ElementTree.parse(feed).getroot().findall("{http://www.w3.org/2005/Atom}entry")
        assert [entry.findtext("{http://www.w3.org/2005/Atom}title") for entry in entries] == [
            "Primary Care Network Manager - employer not named, Hampshire"
        ]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_export_csv_for_excel(demo_db, db, tmp_path):
    output = tmp_path / "vacancies.csv"
    result = subprocess.run(
        [*PMJOBS, "export", "--format", "csv", "--vacancies", "--excel", "--db", str(demo_db), "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert output.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(output.open(encoding="utf-8-sig")))
    assert len(rows) == db["vacancies"].count
    assert any(row["salary_text"] == "£35-£40,000 based on experience" for row in rows)


def test_serve_on_a_busy_port_is_a_clear_error(demo_db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([*PMJOBS, "serve", "--db", str(demo_db), "--port", str(port)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"cannot serve on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
