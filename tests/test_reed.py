"""The reed spider on real Reed Jobseeker API answers: a search page of 100 results and one job's details."""

from __future__ import annotations

import base64
import json
import logging

import pytest
import scrapy

from spiders import stats as keys
from spiders.reed import ReedSpider
from tests.conftest import FIXTURES, file_response, parsed, start_requests

BASE = "https://www.reed.co.uk"
SEARCH = FIXTURES / "reed/search-unfiltered-100-results-2024-03.json"
DETAILS = FIXTURES / "reed/job-details-41416247-management-accountant-2020-11.json"
SEARCH_URL = BASE + "/api/1.0/search?keywords=practice%20manager&resultsToTake=100&resultsToSkip=0"


@pytest.fixture
def spider(make_spider, monkeypatch):
    monkeypatch.setenv("REED_API_KEY", "test-key-0001")
    spider = make_spider(ReedSpider)
    spider.auth = None
    return spider


def search(spider, path=SEARCH, status=200):
    return parsed(spider.parse_page(file_response(path, SEARCH_URL, status=status), keyword="practice manager", skip=0))


def test_search_asks_for_each_jobs_details_and_the_next_page(spider):
    items, requests = search(spider)
    assert items == []
    details = [request.url for request in requests if "/jobs/" in request.url]
    assert len(details) == 100 and details[0] == BASE + "/api/1.0/jobs/52262625"
    assert [request.url for request in requests if "/search" in request.url] == [SEARCH_URL.replace("Skip=0", "Skip=100")]


def test_details_complete_the_search_result(spider):
    result = json.loads(SEARCH.read_text())["results"][0]
    result["jobId"] = 41416247  # the details fixture's job
    items, _ = parsed(spider.parse_details(file_response(DETAILS, BASE + "/api/1.0/jobs/41416247"), result=result))
    listing = dict(items[0])
    assert listing.pop("description").startswith("Investigo are pleased to be supporting a national organisation")
    assert listing == {
        "source": "reed",
        "source_id": "41416247",
        "url": "https://www.reed.co.uk/jobs/management-accountant/41416247",
        "title": "Management Accountant",
        "employer": "Investigo",
        "location": "Peterborough",
        "salary_text": "£38,000 - £42,000 per annum",
        "posted_text": "20/11/2020",
        "closing_text": "01/01/2021",
        "contract_type": "Permanent",
        "working_pattern": "Full time",
    }


def test_description_html_becomes_text(spider):
    result = json.loads(DETAILS.read_text())
    items, _ = parsed(spider.parse_details(file_response(DETAILS, BASE + "/api/1.0/jobs/41416247"), result=result))
    assert "<" not in items[0]["description"] and "Key Duties Reporting of weekly" in items[0]["description"]


def test_failed_details_keep_the_search_fields(spider):
    result = json.loads(SEARCH.read_text())["results"][1]
    from twisted.python.failure import Failure

    failure = Failure(TimeoutError("took too long"))
    failure.request = scrapy.Request(BASE + "/api/1.0/jobs/51962352", cb_kwargs={"result": result})
    items, _ = parsed(spider._details_failed(failure))
    assert (items[0]["title"], items[0]["salary_text"], items[0]["location"]) == ("Data Analyst Trainee", "£30,000 - £50,000", "DA14FH")
    assert (items[0]["posted_text"], items[0]["closing_text"]) == ("16/01/2024", "10/04/2024")


def test_search_results_without_pay_have_no_salary_text(spider):
    spider.single_page = True  # `pmjobs check`: the search fields alone, no details
    items, requests = search(spider)
    assert len(items) == 100 and requests == []
    assert next(item for item in items if item["source_id"] == "52262616")["salary_text"] == ""


def test_the_key_is_sent_as_basic_auth_user(make_spider, monkeypatch):
    monkeypatch.setenv("REED_API_KEY", "test-key-0001")
    requests = start_requests(make_spider(ReedSpider))
    assert [request.url for request in requests] == [SEARCH_URL, SEARCH_URL.replace("practice", "pcn")]
    assert requests[0].headers["Authorization"] == b"Basic " + base64.b64encode(b"test-key-0001:")
    assert requests[0].meta["dont_cache"]


def test_without_a_key_the_live_source_is_disabled_and_says_which_variable(make_spider, monkeypatch, caplog):
    monkeypatch.delenv("REED_API_KEY", raising=False)
    state, why = ReedSpider.live_state()
    assert state == "disabled" and why.startswith("set REED_API_KEY to crawl it")
    with caplog.at_level(logging.ERROR):
        assert start_requests(make_spider(ReedSpider)) == []
    assert any("reed is disabled: set REED_API_KEY" in record.message for record in caplog.records)


def test_a_snapshot_is_read_without_a_key(make_spider, monkeypatch):
    monkeypatch.delenv("REED_API_KEY", raising=False)
    requests = start_requests(make_spider(ReedSpider, base_url="http://127.0.0.1:8123"))
    assert requests[0].url.startswith("http://127.0.0.1:8123/api/1.0/search?") and b"Authorization" not in requests[0].headers


def test_a_rejected_key_is_an_error_not_an_empty_result(spider, caplog, tmp_path):
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.python.failure import Failure

    body = tmp_path / "401.json"
    body.write_text('{"message": "Unauthorized"}')
    request = spider._search("practice manager", skip=0)
    failure = Failure(HttpError(file_response(body, request.url, status=401)))
    failure.request = request
    with caplog.at_level(logging.ERROR):
        spider.page_failed(failure)
    assert any("HTTP 401: the API refused the key, check REED_API_KEY" in record.message for record in caplog.records)


def test_an_answer_without_results_is_a_changed_layout(spider, tmp_path):
    body = tmp_path / "changed.json"
    body.write_text(json.dumps({"jobs": json.loads(SEARCH.read_text())["results"]}))
    assert search(spider, body) == ([], [])
    assert spider.crawler.stats.get_value(keys.PAGES_UNREADABLE) == 1


def test_a_refusal_stops_the_crawl_as_blocked(spider):
    assert search(spider, FIXTURES / "nhs_jobs/blocked-cloudfront-403-search-results-playwright-2026-04.html") == ([], [])
    assert spider.crawler.stats.get_value(keys.PAGES_BLOCKED) == 1
