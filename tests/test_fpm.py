"""The fpm spider on the First Practice Management list written from the seed's text."""

from __future__ import annotations

from collections import Counter

import pytest
from scrapy.http import HtmlResponse, Request

from spiders import stats as keys
from spiders.base import content_id
from spiders.fpm import FpmSpider, parse_entries
from tests.conftest import SNAPSHOTS, file_response

URL = "https://www.firstpracticemanagement.co.uk/jobs/"


@pytest.fixture
def items(make_spider):
    spider = make_spider(FpmSpider)
    return list(spider.parse(file_response(SNAPSHOTS / "fpm/jobs.html", URL)))


def test_reads_every_advert_of_the_seed_with_its_repeats(items):
    assert len(items) == 10
    assert Counter((item["title"], item["location"]) for item in items) == {
        ("Practice Manager", "Southam, Warwickshire"): 3,
        ("Primary Care Network Manager", "Hampshire"): 2,
        ("Practice Manager", "Hertfordshire"): 2,
        ("Practice Manager", "Buckhurst Hill, Essex"): 2,
        ("Practice Manager", "Sharnbrook, Bedfordshire"): 1,
    }


def test_fields_of_one_advert(items):
    pcn = next(item for item in items if item["title"] == "Primary Care Network Manager")
    assert pcn["closing_text"] == "30 September 2020"
    assert pcn["salary_text"] == "£35-£40,000 based on experience"
    assert pcn["source"] == "fpm" and pcn["url"] == URL


def test_repeats_are_separate_listings_with_stable_ids(items, make_spider):
    southam = sorted(item["source_id"] for item in items if item["location"] == "Southam, Warwickshire")
    stem = southam[0].rsplit("-", 1)[0]
    assert southam == [f"{stem}-1", f"{stem}-2", f"{stem}-3"]
    again = list(make_spider(FpmSpider).parse(file_response(SNAPSHOTS / "fpm/jobs.html", URL)))
    assert [item["source_id"] for item in again] == [item["source_id"] for item in items]
    assert len({item["source_id"] for item in items}) == 10


def test_prose_headings_with_a_dash_are_not_adverts():
    lines = [
        "Being a pactice manager – having a mentor",
        "Mentoring has its origins in Greek mythology.",
        "Practice Manager - Hertfordshire",
        "Closing Date: 30 September 2020",
    ]
    assert list(parse_entries(lines)) == [{"title": "Practice Manager", "location": "Hertfordshire", "closing_text": "30 September 2020"}]


@pytest.mark.parametrize(
    "slipped", ["Â£35-Â£40,000 based on experience", "\ufffd35-\ufffd40,000 based on experience", "£35-£40,000  based on experience."]
)
def test_ids_survive_an_encoding_slip_in_the_salary(slipped):
    """UTF-8 read as cp1252 turns `£` into `Â£`: the listing must keep its id, not close and reopen."""
    fields = ("Primary Care Network Manager", "Hampshire", "30 September 2020")
    assert content_id(*fields, slipped) == content_id(*fields, "£35-£40,000 based on experience")
    assert content_id(*fields, "£35-£45,000 based on experience") != content_id(*fields, slipped)


def test_a_page_without_adverts_fails_instead_of_reading_as_empty(make_spider):
    spider = make_spider(FpmSpider)
    page = HtmlResponse(
        url=URL, body=b"<html><main><h1>Jobs</h1><p>Our jobs board has moved.</p></main></html>", encoding="utf-8", request=Request(URL)
    )
    assert list(spider.parse_page(page)) == []
    assert spider.crawler.stats.get_value(keys.PAGES_UNREADABLE) == 1
    assert "no advert" in spider.crawler.stats.get_value(keys.FIRST_PROBLEM)
