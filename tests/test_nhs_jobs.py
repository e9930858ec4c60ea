"""The nhs_jobs spider on real NHS Jobs markup: the real 2026 page and the recorded snapshots."""

from __future__ import annotations

import contextlib
import logging

import pytest
import scrapy
from scrapy.exceptions import DropItem
from scrapy.selector import Selector

from pipeline.pipelines import NormalisePipeline, RelevancePipeline
from spiders import stats as keys
from spiders.items import Listing
from spiders.nhs_jobs import API_FALLBACK, NhsJobsSpider
from spiders.nhs_jobs_xml import record_fields
from tests.conftest import FIXTURES, SNAPSHOTS, file_response, parsed

BASE = "https://www.jobs.nhs.uk"
PM_SEARCH = BASE + "/candidate/search/results?keyword=practice%20manager&sort=publicationDateDesc&language=en"
API = BASE + "/api/v1/search_xml?keyword=practice%20manager&sort=publicationDateDesc&externalOnly=true&limit=100"
REAL_XML = FIXTURES / "nhs_jobs/search-xml-contractType-Apprenticeship-page1-excerpt-2-of-54-2024-02.xml"
BLOCK_PAGE = FIXTURES / "nhs_jobs/blocked-cloudfront-403-search-results-playwright-2026-04.html"


def parse_api(spider, path, page=1):
    response = file_response(path, f"{API}&page={page}", meta={"pmjobs_reader": "parse_api"})
    return parsed(spider.parse_page(response, keyword="practice manager", page=page))


def run_parse(spider, path, url):
    output = list(spider.parse_page(file_response(path, url)))
    items = [entry for entry in output if isinstance(entry, Listing)]
    requests = [entry for entry in output if isinstance(entry, scrapy.Request)]
    return items, requests


def relevant(spider, items):
    """The items the crawl keeps: through the normalise and relevance pipelines, as Scrapy runs them."""
    normalise, relevance = NormalisePipeline(spider.crawler), RelevancePipeline(spider.crawler)
    kept = []
    for item in items:
        with contextlib.suppress(DropItem):
            kept.append(relevance.process_item(normalise.process_item(item)))
    return kept


@pytest.fixture
def spider(make_spider):
    return make_spider(NhsJobsSpider)


@pytest.fixture
def page1(spider):
    return run_parse(spider, SNAPSHOTS / "nhs_jobs/practice-manager-page-1.html", PM_SEARCH)


def test_real_page_keeps_no_clinical_card_and_follows_next_page(spider):
    url = BASE + "/candidate/search/results?keyword=junior%20clinical%20fellow&sort=publicationDateDesc"
    items, requests = run_parse(spider, FIXTURES / "nhs_jobs/search-results-junior-clinical-fellow-2026-07.html", url)
    assert len(items) == 10  # the spider yields every card; the relevance pipeline drops them
    assert relevant(spider, items) == []
    assert spider.crawler.stats.get_value("pmjobs/dropped/not_relevant") == 10
    assert [request.url for request in requests] == [
        BASE + "/candidate/search/results?keyword=junior%20clinical%20fellow&sort=publicationDateDesc&language=en&page=2"
    ]


def test_card_fields(page1):
    items, _ = page1
    holywell = next(item for item in items if "Holywell" in item["location"])
    assert dict(holywell) == {
        "source": "nhs_jobs",
        "source_id": "L916256359",
        "reference": "L916256359",
        "url": BASE + "/candidate/jobadvert/L916256359",
        "title": "Practice Manager",
        "employer": "GP Practices - Betsi Cadwaladr University Health Board",
        "location": "Holywell CH8 7TR",
        "salary_text": "TBC",
        "posted_text": "4 November 2020",
        "closing_text": "18 November 2020",
        "contract_type": "Permanent",
        "working_pattern": "Full time",
    }


def test_drops_titles_that_are_not_practice_or_pcn_management(page1, spider):
    items = relevant(spider, page1[0])
    titles = {item["title"] for item in items}
    assert {"Practice Manager", "GP Practice Manager", "Primary Care Network Manager"} <= titles
    assert not titles & {"General Manager Support Services", "Advanced Clinical Practice Manager", "General Manager Facilities"}
    assert spider.crawler.stats.get_value("pmjobs/dropped/not_relevant") == 10 - len(items)


def test_follows_the_next_page_link(page1):
    _, requests = page1
    assert [request.url for request in requests] == [PM_SEARCH + "&page=2"]


def test_last_page_has_no_next_request(spider):
    items, requests = run_parse(spider, SNAPSHOTS / "nhs_jobs/practice-manager-page-5.html", PM_SEARCH + "&page=5")
    assert [item["employer"] for item in relevant(spider, items)] == ["Southam Surgery"]
    assert requests == []


def test_broken_card_is_logged_with_its_page_and_skipped(spider, caplog):
    url = PM_SEARCH + "&page=2"
    with caplog.at_level(logging.WARNING):
        items, requests = run_parse(spider, SNAPSHOTS / "nhs_jobs/practice-manager-page-2.html", url)
    assert spider.crawler.stats.get_value("pmjobs/broken_card") == 1
    assert any("broken card skipped: card 4 on" in record.message and url in record.message for record in caplog.records)
    assert [item["location"] for item in items if item["employer"] == "Modality Birmingham"] == ["Tipton DY4 8PX"]
    assert "Bridlington YO16 4QP" in {item["location"] for item in items}  # cards after the broken one still load
    assert len(requests) == 1


@pytest.mark.parametrize("path", sorted((SNAPSHOTS / "nhs_jobs").glob("*.html")), ids=lambda path: path.name)
def test_every_item_is_complete(make_spider, path):
    page = int(path.stem.rsplit("-", 1)[-1])
    items, _ = run_parse(make_spider(NhsJobsSpider), path, PM_SEARCH + (f"&page={page}" if page > 1 else ""))
    assert items
    for item in items:
        assert item["url"].startswith(BASE + "/candidate/jobadvert/") and "?" not in item["url"]
        assert item["source_id"] == item["url"].rsplit("/", 1)[-1]
        assert item["title"] and item["employer"] and item["location"] and item["salary_text"]
        assert not item["employer"].endswith(")") or "(" in item["employer"][:-1]


def test_adverts_read_from_a_snapshot_server_link_to_the_live_site(make_spider):
    spider = make_spider(NhsJobsSpider, base_url="http://127.0.0.1:8123")
    items, requests = run_parse(
        spider, SNAPSHOTS / "nhs_jobs/practice-manager-page-1.html", "http://127.0.0.1:8123" + PM_SEARCH.removeprefix(BASE)
    )
    assert items and all(item["url"].startswith(BASE + "/candidate/jobadvert/") for item in items)
    assert requests[0].url.startswith("http://127.0.0.1:8123/")


def test_stops_after_max_pages(make_spider):
    spider = make_spider(NhsJobsSpider, max_pages="2")
    response = file_response(SNAPSHOTS / "nhs_jobs/practice-manager-page-2.html", PM_SEARCH + "&page=2")
    assert not [entry for entry in spider.parse_page(response) if isinstance(entry, scrapy.Request)]
    assert spider.crawler.stats.get_value("pmjobs/search_truncated") == 1


def test_a_truncated_page_is_logged_and_yields_nothing(spider, caplog, tmp_path):
    truncated = tmp_path / "truncated.html"
    truncated.write_bytes((SNAPSHOTS / "nhs_jobs/practice-manager-page-1.html").read_bytes()[:3000])
    with caplog.at_level(logging.WARNING):
        items, requests = run_parse(spider, truncated, PM_SEARCH)
    assert items == [] and requests == []
    assert any("not a search results page" in record.message and PM_SEARCH in record.message for record in caplog.records)
    assert spider.crawler.stats.get_value(keys.PAGES_UNREADABLE) == 1 and not spider.crawler.stats.get_value(keys.PAGES_READ)


def _page_with(tmp_path, cut: str):
    """Page 1 of the snapshot with `cut` applied: a real page the site could serve when it misbehaves."""
    html = (SNAPSHOTS / "nhs_jobs/practice-manager-page-1.html").read_text(encoding="utf-8")
    start = html.index('<li class="nhsuk-list-panel search-result')
    end = html.index("</ul>", html.rindex('data-test="search-result"'))
    variants = {
        "no cards": html[:start] + html[end:],
        "half the cards": html[:start] + html[start:end][: (end - start) // 2].rsplit('<li class="nhsuk-list-panel', 1)[0] + html[end:],
        "no next link": html.replace('data-test="search-next-page"', ""),
    }
    path = tmp_path / "page.html"
    path.write_text(variants[cut], encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "cut, reason",
    [
        ("no cards", "0 result cards where 41 jobs found promises 10 on page 1"),
        ("half the cards", "where 41 jobs found promises 10 on page 1"),
        ("no next link", "no link to page 2 although 41 jobs were found"),
    ],
)
def test_a_results_page_that_breaks_its_own_count_is_not_read(spider, caplog, tmp_path, cut, reason):
    """A page with the heading but not the cards, or no way on, fails the crawl instead of closing adverts."""
    with caplog.at_level(logging.ERROR):
        items, requests = run_parse(spider, _page_with(tmp_path, cut), PM_SEARCH)
    assert items == [] and requests == []
    assert any(reason in record.message for record in caplog.records)
    assert reason in spider.crawler.stats.get_value(keys.FIRST_PROBLEM)


def test_a_page_whose_bytes_do_not_fit_its_declared_encoding_is_not_read(spider, tmp_path):
    """cp1252 bytes declared UTF-8 would turn every £ into U+FFFD and rewrite stored salaries."""
    html = (SNAPSHOTS / "nhs_jobs/practice-manager-page-1.html").read_text(encoding="utf-8")
    assert "£" in html
    path = tmp_path / "cp1252.html"
    path.write_bytes(html.encode("cp1252", errors="replace"))
    items, requests = run_parse(spider, path, PM_SEARCH)
    assert items == [] and requests == []
    assert spider.crawler.stats.get_value(keys.FIRST_PROBLEM).startswith("bytes not valid in the declared encoding")


def test_the_real_cloudfront_block_page_counts_as_blocked(spider):
    items, requests = run_parse(spider, FIXTURES / "nhs_jobs/blocked-cloudfront-403-search-results-playwright-2026-04.html", PM_SEARCH)
    assert items == [] and requests == []
    assert spider.crawler.stats.get_value(keys.PAGES_BLOCKED) == 1


def test_xml_record_fields_keep_the_reference_not_the_internal_id():
    records = Selector(text=REAL_XML.read_text(encoding="utf-8"), type="xml").xpath("/nhsJobs/vacancyDetails")
    first, second = (record_fields(record, BASE) for record in records)
    assert first == {
        "source_id": "C9309-24-0264",
        "reference": "C9309-24-0264",
        "url": BASE + "/candidate/jobadvert/C9309-24-0264",
        "title": "Leadership and Management Trainee, Band 6",
        "employer": "University College London Hospitals NHS Foundation Trust",
        "location": "London, NW1 2PG",
        "salary_text": "£37578.60 to £39709.50",
        "posted_text": "2024-02-12T15:57:11.165",
        "closing_text": "2024-03-06",
        "contract_type": "Apprenticeship",
        "description": "Who is the scheme for? University College London Hospitals are seeking top class leaders of the "
        "future with the potential to make a difference at one ...",
    }
    assert (second["reference"], second["location"], second["salary_text"]) == ("M9439-24-0020", "Peterlee, SR8 2RU", "£10295.00")


def test_xml_reads_every_location_in_order():
    record = Selector(
        text="<vacancyDetails><reference>C1-26-1</reference><locations><location>Leeds, LS1 4AP</location>"
        "<location>Remote</location></locations></vacancyDetails>",
        type="xml",
    ).xpath("/vacancyDetails")[0]
    assert record_fields(record, BASE)["location"] == "Leeds, LS1 4AP; Remote"


def test_xml_pages_by_total_pages(spider):
    items, requests = parse_api(spider, REAL_XML)
    assert [item["reference"] for item in items] == ["C9309-24-0264", "M9439-24-0020"]
    assert relevant(spider, items) == []  # apprenticeships: the relevance pipeline drops them
    assert [request.url for request in requests] == [API + "&page=2"]
    _, last = parse_api(spider, REAL_XML, page=2)
    assert last == []  # page 2 of totalPages 2 is the last


def test_xml_without_results_is_no_results_not_an_error(spider):
    items, requests = parse_api(spider, FIXTURES / "nhs_jobs/mock-search-xml-no-results-2024-02.xml")
    assert items == [] and requests == []
    assert spider.crawler.stats.get_value(keys.PAGES_READ) == 1 and not spider.crawler.stats.get_value(keys.PAGES_UNREADABLE)


def test_xml_whose_records_are_renamed_is_a_changed_layout(spider, tmp_path, caplog):
    renamed = tmp_path / "renamed.xml"
    renamed.write_text(REAL_XML.read_text(encoding="utf-8").replace("vacancyDetails>", "vacancy>"), encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        items, requests = parse_api(spider, renamed)
    assert items == [] and requests == []
    assert spider.crawler.stats.get_value(keys.PAGES_UNREADABLE) == 1
    assert any("no <vacancyDetails> records although totalPages says 2" in record.message for record in caplog.records)


def test_the_block_page_served_for_the_api_counts_as_blocked(spider):
    assert parse_api(spider, BLOCK_PAGE) == ([], [])
    assert spider.crawler.stats.get_value(keys.PAGES_BLOCKED) == 1


def test_an_http_403_from_the_api_is_blocked_not_a_fallback(spider):
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.python.failure import Failure

    request = spider._api_request("practice manager", page=1)
    failure = Failure(HttpError(file_response(BLOCK_PAGE, request.url, status=403)))
    failure.request = request
    assert not list(spider._api_failed(failure) or [])
    assert spider.crawler.stats.get_value(keys.PAGES_BLOCKED) == 1


def test_an_answer_that_is_not_the_xml_api_falls_back_to_the_html_search(spider):
    items, requests = parse_api(spider, SNAPSHOTS / "nhs_jobs/practice-manager-page-1.html")
    assert items == []
    assert [request.url for request in requests] == [PM_SEARCH]
    assert spider.crawler.stats.get_value(API_FALLBACK) == 1


def test_a_failed_xml_request_falls_back_to_the_html_search(spider):
    from twisted.python.failure import Failure

    request = spider._api_request("pcn manager", page=1)
    failure = Failure(ConnectionRefusedError("connection refused"))
    failure.request = request
    requests = list(spider._api_failed(failure))
    assert [request.url for request in requests] == [PM_SEARCH.replace("practice%20manager", "pcn%20manager")]
    assert spider.crawler.stats.get_value(keys.PAGES_REQUESTED) == 1  # the API page is withdrawn, the HTML page asked


def test_html_fallback_keeps_non_standard_references(make_spider):
    spider = make_spider(NhsJobsSpider)
    response = file_response(
        FIXTURES / "nhs_jobs/search-results-nurse-best-match-fragment-2026-09.html",
        BASE + "/candidate/search/results?keyword=nurse&language=en",
    )
    items, requests = parsed(spider.parse(response))  # the slice has the cards and pager, not the heading
    assert len(items) == 10
    assert {"B0069-NurMilB5", "B0069-MB62408", "B0069-NurMilB6Aug26", "C0023-26-1064"} <= {item["reference"] for item in items}
    assert all(item["source_id"] == item["reference"] for item in items)
    assert "East Anglia’s Children’s Hospices" in {item["employer"] for item in items}
    assert [request.url for request in requests] == [BASE + "/candidate/search/results?keyword=nurse&language=en&page=2"]
