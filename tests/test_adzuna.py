"""The adzuna spider on a real Adzuna search API answer (50 GB results)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from spiders import stats as keys
from spiders.adzuna import AdzunaSpider
from tests.conftest import FIXTURES, file_response, parsed, start_requests

REAL = FIXTURES / "adzuna/search-gb-london-developer-roles-50-results-2025-08-10.json"
URL = "https://api.adzuna.com/v1/api/jobs/gb/search/1?what_phrase=practice%20manager&results_per_page=50&sort_by=date"


@pytest.fixture
def spider(make_spider, monkeypatch):
    monkeypatch.setenv("ADZUNA_APP_ID", "id-0001")
    monkeypatch.setenv("ADZUNA_APP_KEY", "key-0002")
    spider = make_spider(AdzunaSpider)
    spider.credentials = {}
    return spider


def search(spider, path=REAL, status=200, page=1):
    return parsed(spider.parse_page(file_response(path, URL, status=status), phrase="practice manager", page=page))


@pytest.fixture
def listings(spider):
    items, _ = search(spider)
    return {item["source_id"]: item for item in items}


def test_every_result_is_read(listings):
    assert len(listings) == 50


def test_fields_of_an_advertised_salary(listings):
    assert dict(listings["5346491974"]) == {
        "source": "adzuna",
        "source_id": "5346491974",
        "url": "https://www.adzuna.co.uk/jobs/details/5346491974",
        "title": "C#/GUI Developer Role",
        "employer": "TRM International",
        "location": listings["5346491974"]["location"],
        "salary_text": "£70,000 - £85,000",
        "posted_text": json.loads(REAL.read_text())["results"][2]["created"],
        "description": listings["5346491974"]["description"],
        "category": "IT Jobs",
        "contract_type": "",
        "working_pattern": "full_time",
    }
    assert listings["5346491974"]["location"] and listings["5346491974"]["description"]


def test_a_salary_adzuna_predicted_is_not_advertised(listings):
    assert listings["5346670339"]["salary_text"] == ""


def test_links_carry_no_app_id(listings):
    assert all("?" not in item["url"] and "276f06d5" not in item["url"] for item in listings.values())
    assert listings["5345146865"]["url"] == "https://www.adzuna.co.uk/jobs/land/ad/5345146865"


def test_title_highlight_markup_is_stripped(spider, tmp_path):
    data = json.loads(REAL.read_text())
    data["results"][0]["title"] = "ICT <strong>Helpdesk</strong> Apprentice"
    changed = tmp_path / "highlight.json"
    changed.write_text(json.dumps(data))
    items, _ = search(spider, changed)
    assert items[0]["title"] == "ICT Helpdesk Apprentice"


def test_pages_by_count(spider):
    _, requests = search(spider)
    assert [urlsplit(request.url).path for request in requests] == ["/v1/api/jobs/gb/search/2"]  # count 173 > 50
    _, last = search(spider, page=4)
    assert last == []  # 4 x 50 >= 173


def test_keys_travel_in_the_query_and_are_never_cached(make_spider, monkeypatch):
    monkeypatch.setenv("ADZUNA_APP_ID", "id-0001")
    monkeypatch.setenv("ADZUNA_APP_KEY", "key-0002")
    requests = start_requests(make_spider(AdzunaSpider))
    query = parse_qs(urlsplit(requests[0].url).query)
    assert (query["app_id"], query["app_key"], query["what_phrase"]) == (["id-0001"], ["key-0002"], ["practice manager"])
    assert all(request.meta["dont_cache"] for request in requests)


def test_without_both_keys_the_live_source_is_disabled(monkeypatch):
    monkeypatch.setenv("ADZUNA_APP_ID", "id-0001")
    monkeypatch.delenv("ADZUNA_APP_KEY", raising=False)
    state, why = AdzunaSpider.live_state()
    assert state == "disabled" and why.startswith("set ADZUNA_APP_KEY to crawl it")


def test_an_answer_without_results_is_a_changed_layout(spider, tmp_path):
    changed = tmp_path / "changed.json"
    changed.write_text('{"count": 3, "jobs": []}')
    assert search(spider, changed) == ([], [])
    assert spider.crawler.stats.get_value(keys.PAGES_UNREADABLE) == 1


def test_a_rejected_key_is_a_refusal_that_names_the_variables(spider, tmp_path):
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.python.failure import Failure

    rejected = tmp_path / "401.json"
    rejected.write_text('{"exception": "AUTH_FAIL"}')
    request = spider._search("practice manager", page=1)
    failure = Failure(HttpError(file_response(rejected, request.url, status=401)))
    failure.request = request
    spider.page_failed(failure)
    assert spider.crawler.stats.get_value(keys.PAGES_BLOCKED) == 1
    assert "check ADZUNA_APP_ID and ADZUNA_APP_KEY" in spider.crawler.stats.get_value(keys.FIRST_PROBLEM)


def test_a_failed_page_is_logged_without_the_keys(make_spider, monkeypatch):
    from twisted.python.failure import Failure

    monkeypatch.setenv("ADZUNA_APP_ID", "id-0001")
    monkeypatch.setenv("ADZUNA_APP_KEY", "key-0002")
    spider = make_spider(AdzunaSpider)
    request = start_requests(spider)[0]
    failure = Failure(TimeoutError("took too long"))
    failure.request = request
    spider.page_failed(failure)
    problem = spider.crawler.stats.get_value(keys.FIRST_PROBLEM)
    assert "app_key=***" in problem and "key-0002" not in problem and "id-0001" not in problem
