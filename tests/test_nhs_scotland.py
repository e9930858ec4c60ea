"""The nhs_scotland spider on its reconstructed `_JobCard` fragment (no real fragment survives; the
snapshot's header cites the scrapers whose selectors it holds)."""

from __future__ import annotations

import logging

import pytest

from spiders import stats as keys
from spiders.nhs_scotland import NhsScotlandSpider
from tests.conftest import FIXTURES, SNAPSHOTS, file_response, parsed

BASE = "https://apply.jobs.scot.nhs.uk"
FRAGMENT = SNAPSHOTS / "nhs_scotland/jobcard-practice-manager-skip-0.html"
URL = BASE + "/Home/_JobCard?keywords=practice%20manager&Skip=0"


@pytest.fixture
def spider(make_spider):
    return make_spider(NhsScotlandSpider)


def fragment(spider, path=FRAGMENT, status=200, skip=0):
    return parsed(spider.parse_page(file_response(path, URL, status=status), keyword="practice manager", skip=skip))


def test_the_snapshot_says_it_is_reconstructed_and_cites_its_evidence():
    header = FRAGMENT.read_text(encoding="utf-8")[:600]
    assert header.startswith("<!-- RECONSTRUCTED, not recorded") and "saksak218/whatsapp-jobs src/scrapers/nhsScotland.ts" in header


def test_card_fields(spider):
    items, requests = fragment(spider)
    assert len(items) == 4 and requests == []  # 4 shown, fewer than a page of 12
    assert dict(items[0]) == {
        "source": "nhs_scotland",
        "source_id": "272501",
        "url": BASE + "/Job/JobDetail?JobId=272501",
        "title": "Practice Manager",
        "employer": "NHS Greater Glasgow & Clyde",
        "location": "Glasgow",
        "salary_text": "Band 7 (£52,845 - £61,466)",
        "closing_text": "20/11/2026",
        "posted_text": "06/11/2026",
        "category": "Administrative Services",
        "contract_type": "Permanent",
        "reference": "",
    }


def test_a_full_fragment_asks_for_the_next_twelve(spider, tmp_path):
    full = tmp_path / "full.html"
    full.write_text(
        FRAGMENT.read_text(encoding="utf-8").replace('id="totalCurrentRecords" value="4"', 'id="totalCurrentRecords" value="12"')
    )
    _, requests = fragment(spider, full, skip=12)
    assert [request.url for request in requests] == [BASE + "/Home/_JobCard?keywords=practice%20manager&Skip=24"]


def test_no_results_is_not_an_error(spider):
    items, requests = fragment(spider, SNAPSHOTS / "nhs_scotland/jobcard-pcn-manager-skip-0.html")
    assert items == [] and requests == [] and not spider.crawler.stats.get_value(keys.PAGES_UNREADABLE)


def test_a_changed_layout_is_a_clear_error_and_no_items(spider, tmp_path, caplog):
    changed = tmp_path / "changed.html"
    changed.write_text(FRAGMENT.read_text(encoding="utf-8").replace("job-card", "vacancy-tile").replace("totalMatchRecords", "matches"))
    with caplog.at_level(logging.ERROR):
        assert fragment(spider, changed) == ([], [])
    assert spider.crawler.stats.get_value(keys.PAGES_UNREADABLE) == 1
    assert any("no job cards (.job-card)" in record.message for record in caplog.records)


def test_the_shell_page_without_cards_is_a_changed_layout(spider):
    shell = FIXTURES / "nhs_scotland/search-results-junior-clinical-fellow-2026-07.html"  # the real page shell
    assert fragment(spider, shell) == ([], [])
    assert spider.crawler.stats.get_value(keys.PAGES_UNREADABLE) == 1


def test_a_block_page_is_blocked(spider):
    assert fragment(spider, FIXTURES / "nhs_jobs/blocked-cloudfront-403-search-results-playwright-2026-04.html") == ([], [])
    assert spider.crawler.stats.get_value(keys.PAGES_BLOCKED) == 1
