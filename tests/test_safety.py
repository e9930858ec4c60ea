"""Hostile advert text: characters XML forbids never reach the feed, links that are not http(s)
are never stored, and exported cells Excel would run are neutralised."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import shutil
from xml.etree import ElementTree

import pytest
import sqlite_utils
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from pipeline.pipelines import NormalisePipeline, RelevancePipeline, ValidatePipeline
from pipeline.safety import web_url, xml_safe
from pipeline.store import upsert_listing
from pmjobs.build import dedupe_stored
from pmjobs.export import export_csv
from pmjobs.serve import datasette_app
from pmjobs.site import DEMO_TODAY, TODAY_VARIABLE
from spiders import stats as keys
from spiders.items import Listing

ATOM = "{http://www.w3.org/2005/Atom}"
CONTROLS = ["\x01", "\x08", "\x1b", "\ufffe", "\x00", "\x0b", "\uffff"]


def advert(**fields) -> Listing:
    """A real NHS Jobs card of the snapshots (Holywell), with `fields` replaced."""
    return (
        Listing(
            source="nhs_jobs",
            source_id="L916256359",
            url="https://www.jobs.nhs.uk/candidate/jobadvert/L916256359",
            title="Practice Manager",
            employer="GP Practices - Betsi Cadwaladr University Health Board",
            location="Holywell CH8 7TR",
            salary_text="TBC",
            posted_text="4 November 2020",
            closing_text="18 November 2020",
            **fields,
        )
        if not fields
        else Listing({**advert(), **fields})
    )


def through_pipelines(item: Listing):
    crawler = get_crawler(settings_dict={"PMJOBS_TODAY": "2020-11-05"})
    for stage in (NormalisePipeline, RelevancePipeline, ValidatePipeline):
        item = stage(crawler).process_item(item)
    return item, crawler.stats


@pytest.mark.parametrize("control", CONTROLS, ids=repr)
def test_characters_xml_forbids_are_stripped_from_every_text_field(control):
    item, _ = through_pipelines(advert(title=f"Practice{control} Manager", employer=f"Holywell{control} Surgery"))
    assert (item["title"], item["employer"]) == ("Practice Manager", "Holywell Surgery")


def test_tab_newline_and_accents_are_kept():
    assert (
        xml_safe("Practice Manager\tYsbyty Gwynedd\nCaernarfon £40,000 – Llŷn")
        == "Practice Manager\tYsbyty Gwynedd\nCaernarfon £40,000 – Llŷn"
    )


def test_the_feed_of_an_advert_with_control_characters_still_answers(demo_db, tmp_path, monkeypatch):
    """A title with U+0001, U+0008, U+001B and U+FFFE used to make the Atom feed answer 500."""
    monkeypatch.setenv(TODAY_VARIABLE, DEMO_TODAY)
    copy = tmp_path / "pmjobs.db"
    shutil.copy(demo_db, copy)
    hostile = "Practice\x01 Manager\x08 \x1b[31mURGENT\ufffe"
    item, _ = through_pipelines(
        advert(
            source_id="L1",
            url="https://www.jobs.nhs.uk/candidate/jobadvert/L1",
            title=hostile,
            location="Mold CH7 1XP",
            closing_text="30 November 2020",
        )
    )
    db = sqlite_utils.Database(copy)
    upsert_listing(db, item, "2020-11-05T02:15:00+00:00")
    dedupe_stored(db)

    async def fetch():
        app = datasette_app(copy)
        await app.invoke_startup()
        return await app.client.get("/pmjobs/vacancies_feed.atom?place=&miles=&role=&county=")

    response = asyncio.run(fetch())
    assert response.status_code == 200, response.text[:500]
    titles = [entry.findtext(f"{ATOM}title") for entry in ElementTree.fromstring(response.content).findall(f"{ATOM}entry")]
    assert any(title.startswith("Practice Manager [31mURGENT") for title in titles)


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        "\tjavascript:alert(1)",
        " java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "\x01javascript:alert(1)",
        "//www.jobs.nhs.uk/candidate/jobadvert/L1",
        "file:///etc/passwd",
        "https://",
        "http://[::1",
    ],
)
def test_links_that_are_not_http_are_dropped_and_counted(link):
    with pytest.raises(DropItem, match="not an http"):
        through_pipelines(advert(url=link))
    assert web_url(link) is None


def test_the_reason_is_counted_per_crawl():
    crawler = get_crawler(settings_dict={"PMJOBS_TODAY": "2020-11-05"})
    validate = ValidatePipeline(crawler)
    for link in ("javascript:alert(1)", "data:,x", "https://www.jobs.nhs.uk/candidate/jobadvert/L916256359"):
        with contextlib.suppress(DropItem):
            validate.process_item(advert(url=link))
    assert crawler.stats.get_value(keys.URL_NOT_WEB) == 2 and crawler.stats.get_value(keys.INVALID) == 2


@pytest.mark.parametrize(
    "link, stored",
    [
        ("https://www.jobs.nhs.uk/candidate/jobadvert/L916256359", "https://www.jobs.nhs.uk/candidate/jobadvert/L916256359"),
        (" HTTPS://www.jobs.nhs.uk/candidate/jobadvert/L1\n", "HTTPS://www.jobs.nhs.uk/candidate/jobadvert/L1"),
        ("http://www.firstpracticemanagement.co.uk/jobs/", "http://www.firstpracticemanagement.co.uk/jobs/"),
    ],
)
def test_web_links_are_kept_as_a_browser_reads_them(link, stored):
    item, _ = through_pipelines(advert(url=link))
    assert item["url"] == stored


def test_export_neutralises_a_cell_starting_with_minus(demo_db, tmp_path):
    copy = tmp_path / "pmjobs.db"
    shutil.copy(demo_db, copy)
    hostile = "-2+3+cmd|' /C calc'!A0"
    sqlite_utils.Database(copy).execute("update vacancies set employer = ? where employer = 'Southam Surgery'", [hostile])
    export_csv(copy, "vacancies", tmp_path / "out.csv")
    with open(tmp_path / "out.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    employers = [row["employer"] for row in rows]
    assert "'" + hostile in employers and hostile not in employers
    assert all(not row["salary_min"].startswith("'") for row in rows)  # numbers stay numbers
