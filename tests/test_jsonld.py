"""The jsonld spider on the real legacy NHS Jobs JobPosting records, served as pages in each JSON-LD layout."""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path

import pytest

from spiders import stats as keys
from spiders.jobposting import job_postings, posting_fields
from spiders.jsonld import JsonldSpider, read_urls
from tests.conftest import FIXTURES, file_response, parsed, start_requests

RECORDS = sorted((FIXTURES / "jsonld").glob("*.json"))
PAGE = "https://www.example-surgery.nhs.uk/vacancies/"


def page(tmp_path: Path, *blocks: object, raw: str = "") -> Path:
    """A page holding each value in its own JSON-LD script (plus any `raw` block text as is)."""
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(block)}</script>' for block in blocks)
    if raw:
        scripts += f'<script type="application/ld+json">{raw}</script>'
    path = tmp_path / "page.html"
    path.write_text(f"<html><head>{scripts}</head><body><h1>Vacancies</h1></body></html>", encoding="utf-8")
    return path


def record(name: str) -> dict:
    return json.loads((FIXTURES / "jsonld" / name).read_text(encoding="utf-8"))


@pytest.fixture
def spider(make_spider):
    return make_spider(JsonldSpider)


def crawl(spider, path):
    return parsed(spider.parse_page(file_response(path, PAGE)))


def test_a_real_record_gives_every_field(spider, tmp_path):
    items, _ = crawl(spider, page(tmp_path, record("916250002.json")))
    listing = dict(items[0])
    assert listing.pop("description").startswith("Due to internal staff progression Modality Partnership is looking")
    assert listing == {
        "source": "jsonld",
        "source_id": listing["source_id"],
        "url": "https://www.jobs.nhs.uk/xi/vacancy/916250002",
        "reference": "",
        "title": "Practice Manager",
        "employer": "Modality Birmingham",
        "location": "Tipton, DY4 8PX",
        "salary_text": "£30,000 to £40,000 per annum",
        "posted_text": "2020-10-30T11:44:20+0000",
        "closing_text": "2020-11-13T23:59:59+0000",
        "category": "Healthcare",
        "working_pattern": "FULL_TIME",
    }
    assert len(listing["source_id"]) == 12


@pytest.mark.parametrize("path", RECORDS, ids=lambda path: path.stem)
def test_every_real_record_keeps_its_advertised_strings(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    fields = posting_fields(data, PAGE)
    assert fields["title"] == html.unescape(data["title"]).strip()
    assert fields["salary_text"] == " ".join(html.unescape(data["baseSalary"]["value"]["value"]).split())
    assert fields["location"].endswith(data["jobLocation"]["address"]["postalCode"])
    assert fields["closing_text"] == data["validThrough"] and fields["url"] == data["url"]
    assert "&lt;" not in fields["description"] and "<p>" not in fields["description"] and fields["description"]


def test_graph_and_lists_are_walked(spider, tmp_path):
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "Vacancies"}, record("916254266.json")]}
    listed = [record("916241530.json"), record("916254924.json")]
    items, _ = crawl(spider, page(tmp_path, graph, listed))
    assert [item["title"] for item in items] == ["Primary Care Network Manager", "Practice Manager", "GP Practice Manager"]


def test_type_as_a_list_and_organisation_as_a_string():
    data = {**record("916245694.json"), "@type": ["JobPosting"], "hiringOrganization": "Operose Health"}
    data["jobLocation"] = [data["jobLocation"], {"@type": "Place", "address": "Watford"}]
    [posting] = job_postings(data)
    assert posting_fields(posting, PAGE)["employer"] == "Operose Health"
    assert posting_fields(data, PAGE)["location"] == "South Oxhey, WD19 7SF; Watford"


def test_figures_without_text_keep_their_unit_and_identifier_is_the_reference():
    data = {**record("916250002.json"), "identifier": {"@type": "PropertyValue", "name": "ref", "value": "C9279-26-0961"}}
    data["baseSalary"] = {
        "@type": "MonetaryAmount",
        "currency": "GBP",
        "value": {"@type": "QuantitativeValue", "minValue": 30000, "maxValue": 40000, "unitText": "YEAR"},
    }
    fields = posting_fields(data, PAGE)
    assert (fields["salary_text"], fields["reference"]) == ("£30,000 - £40,000 per year", "C9279-26-0961")


def test_a_broken_block_is_counted_and_the_others_still_read(spider, tmp_path):
    items, _ = crawl(spider, page(tmp_path, record("916250157.json"), raw='{"@type": "JobPosting", "title": '))
    assert [item["employer"] for item in items] == ["City Health Care Partnership CIC"]
    assert spider.crawler.stats.get_value("pmjobs/broken_card") == 1


def test_a_page_without_postings_is_a_clear_error_and_no_items(spider, tmp_path, caplog):
    with caplog.at_level(logging.ERROR):
        items, _ = crawl(spider, page(tmp_path, {"@type": "Organization", "name": "A Surgery"}))
    assert items == []
    assert spider.crawler.stats.get_value(keys.PAGES_UNREADABLE) == 1
    assert any("(no schema.org JobPosting in its JSON-LD)" in record.message and PAGE in record.message for record in caplog.records)


def test_a_block_page_is_blocked(spider):
    assert crawl(spider, FIXTURES / "nhs_jobs/blocked-cloudfront-403-search-results-playwright-2026-04.html") == ([], [])
    assert spider.crawler.stats.get_value(keys.PAGES_BLOCKED) == 1


def test_the_page_list_skips_comments_and_names_bad_lines(tmp_path):
    listed = tmp_path / "jsonld-urls.txt"
    listed.write_text(
        "# my practices\nhttps://a.example/jobs/\n\nwww.b.example/vacancies\nhttp://c.example/x  # agency\n"
        "  # https://d.example/old/\nhttps://e.example/vacancies/#practice-manager\n"
    )
    urls, problems = read_urls(listed)
    assert urls == ["https://a.example/jobs/", "http://c.example/x", "https://e.example/vacancies/#practice-manager"]
    assert problems == [f"{listed}:4: not an http(s) URL: 'www.b.example/vacancies'"]


def test_the_shipped_example_parses(tmp_path):
    from spiders.jsonld import EXAMPLE_FILE

    assert read_urls(EXAMPLE_FILE) == ([], [])


def test_without_the_operators_file_the_source_is_disabled(monkeypatch, tmp_path):
    monkeypatch.setattr("spiders.jsonld.CONFIG_FILE", tmp_path / "missing.txt")
    state, why = JsonldSpider.live_state()
    assert state == "disabled" and str(tmp_path / "missing.txt") in why and "jsonld-urls.example.txt" in why


def test_offline_pages_come_from_the_snapshot_server_and_link_to_their_sites(make_spider, tmp_path):
    listed = tmp_path / "urls.txt"
    listed.write_text("https://findajob.dwp.gov.uk/details/5026731\n")
    spider = make_spider(JsonldSpider, base_url="http://127.0.0.1:8123", urls_file=str(listed))
    [request] = start_requests(spider)
    assert request.url == "http://127.0.0.1:8123/jsonld/findajob.dwp.gov.uk/details/5026731"
    assert spider.public_url(request.url) == "https://findajob.dwp.gov.uk/details/5026731"
