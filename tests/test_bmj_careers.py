"""The bmj_careers spider on its reconstructed Madgex results pages, and the saved Madgex robots.txt."""

from __future__ import annotations

import pytest
from protego import Protego

from spiders import stats as keys
from spiders.bmj_careers import BmjCareersSpider
from tests.conftest import FIXTURES, SNAPSHOTS, file_response, parsed, start_requests

BASE = "https://jobs.bmj.com"
PAGE1 = SNAPSHOTS / "bmj_careers/jobs-practice-manager-page-1.html"
URL = BASE + "/jobs/?Keywords=practice+manager&CountryCode=GB"
MADGEX_ROBOTS = sorted((FIXTURES / "robots").glob("*madgex*.txt"))


@pytest.fixture
def spider(make_spider):
    return make_spider(BmjCareersSpider)


def search(spider, path=PAGE1, status=200, page=1):
    return parsed(spider.parse_page(file_response(path, URL, status=status), keyword="practice manager", page=page))


def test_the_snapshot_says_it_is_reconstructed_and_cites_its_evidence():
    header = PAGE1.read_text(encoding="utf-8")[:900]
    assert "RECONSTRUCTED, not recorded" in header and "li.lister__item" in header


def test_card_fields(spider):
    items, _ = search(spider)
    assert dict(items[0]) == {
        "source": "bmj_careers",
        "source_id": "9018244",
        "url": BASE + "/job/9018244/practice-manager/",
        "title": "Practice Manager",
        "employer": "Modality Partnership",
        "location": "East Grinstead, West Sussex",
        "salary_text": "£50,000 - £60,000 DOE",
        "posted_text": "3 days ago",
        "description": "Modality Partnership Mid Sussex seeks a Practice Manager, 37.5 hours a week, for its East Grinstead practice.",
    }


def test_the_posted_line_dates_the_listing_from_the_crawl_date():
    from datetime import date

    from pipeline.normalise import normalise_listing

    assert normalise_listing({"posted_text": "3 days ago", "title": "Practice Manager"}, date(2026, 12, 3))["posted_date"] == "2026-11-30"


def test_pages_while_the_paginator_links_the_next_page(spider):
    _, requests = search(spider)
    assert [request.url for request in requests] == [URL + "&Page=2"]
    items, last = search(spider, SNAPSHOTS / "bmj_careers/jobs-practice-manager-page-2.html", page=2)
    assert [item["title"] for item in items] == ["PCN Manager"] and last == []


@pytest.mark.parametrize("robots", MADGEX_ROBOTS, ids=lambda path: path.name)
def test_every_url_the_spider_asks_for_is_allowed_by_madgex_robots(spider, robots):
    rules = Protego.parse(robots.read_text(encoding="utf-8"))
    _, next_pages = search(spider)
    urls = [request.url for request in start_requests(spider)] + [request.url for request in next_pages]
    assert len(urls) == 3 and all(rules.can_fetch(url, "pmjobs") for url in urls)
    assert not rules.can_fetch(BASE + "/jobsrss/?keywords=practice+manager&countrycode=GB", "pmjobs")
    assert not rules.can_fetch(BASE + "/searchjobs/?keywords=practice+manager", "pmjobs")


def test_a_changed_layout_is_a_clear_error_and_no_items(spider, tmp_path):
    changed = tmp_path / "changed.html"
    changed.write_text(PAGE1.read_text(encoding="utf-8").replace("lister", "results"))
    assert search(spider, changed) == ([], [])
    assert spider.crawler.stats.get_value(keys.PAGES_UNREADABLE) == 1


def test_a_block_page_is_blocked(spider):
    assert search(spider, FIXTURES / "nhs_jobs/blocked-cloudfront-403-search-results-playwright-2026-04.html") == ([], [])
    assert spider.crawler.stats.get_value(keys.PAGES_BLOCKED) == 1
