"""The hscni spider on its reconstructed search-results page (no real page survives; the snapshot's
header cites the scrapers whose selectors it holds)."""

from __future__ import annotations

import pytest

from spiders import stats as keys
from spiders.hscni import HscniSpider
from tests.conftest import FIXTURES, SNAPSHOTS, file_response, parsed

BASE = "https://jobs.hscni.net"
PAGE = SNAPSHOTS / "hscni/search-practice-manager-page-1.html"
URL = BASE + "/Search?SearchCatID=0&keyword=practice%20manager"


@pytest.fixture
def spider(make_spider):
    return make_spider(HscniSpider)


def search(spider, path=PAGE, status=200, page=1):
    return parsed(spider.parse_page(file_response(path, URL, status=status), keyword="practice manager", page=page))


def test_the_snapshot_says_it_is_reconstructed_and_cites_its_evidence():
    assert "RECONSTRUCTED, not recorded" in PAGE.read_text(encoding="utf-8")[:400]
    assert "src/scrapers/hscni.ts" in PAGE.read_text(encoding="utf-8")[:800]


def test_card_fields_from_the_overview_labels(spider):
    items, requests = search(spider)
    assert len(items) == 3 and requests == []  # fewer than 20: the last page
    assert dict(items[0]) == {
        "source": "hscni",
        "source_id": "80512",
        "url": BASE + "/Job/80512",
        "title": "Practice Manager",
        "salary_text": "£39,000 - £42,000 per annum",
        "location": "Enniskillen",
        "contract_type": "Permanent",
        "closing_text": "24/11/2026",
        "reference": "GP/80512",
    }


def test_a_full_page_asks_for_the_next(spider, tmp_path):
    full = tmp_path / "full.html"
    text = PAGE.read_text(encoding="utf-8")
    card = text[text.index("<article") : text.index("</article>") + len("</article>")]
    full.write_text(text.replace(card, card * 20, 1))
    _, requests = search(spider, full)
    assert [request.url for request in requests] == [URL + "&page=2"]


def test_a_search_without_results_is_not_an_error(spider):
    assert search(spider, SNAPSHOTS / "hscni/search-pcn-manager-page-1.html") == ([], [])
    assert not spider.crawler.stats.get_value(keys.PAGES_UNREADABLE)


def test_a_changed_layout_is_a_clear_error_and_no_items(spider, tmp_path):
    changed = tmp_path / "changed.html"
    changed.write_text(PAGE.read_text(encoding="utf-8").replace("article", "div").replace("job-result", "vacancy"))
    assert search(spider, changed) == ([], [])
    assert spider.crawler.stats.get_value(keys.PAGES_UNREADABLE) == 1


def test_a_block_page_is_blocked(spider):
    assert search(spider, FIXTURES / "nhs_jobs/blocked-cloudfront-403-search-results-playwright-2026-04.html") == ([], [])
    assert spider.crawler.stats.get_value(keys.PAGES_BLOCKED) == 1
