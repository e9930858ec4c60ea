"""NHS Jobs (England and Wales): the official XML search API first, the HTML search results as fallback.

The API (`/api/v1/search_xml`) needs no key; NHS Jobs' employer terms (cl. 10.3) let external
platforms take its feed. Each record's `<reference>` (not the internal numeric `<id>`) is the advert
key used in `/candidate/jobadvert/<reference>` and repeated by mirror boards, so it is the listing's id.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import scrapy

from spiders import pages, stats
from spiders.base import JobSpider, clean, strip_query
from spiders.nhs_jobs_xml import api_problem, api_root, record_fields

_ADVERT_COUNT = re.compile(r"\s*\(\d+\)\s*$")
_JOBS_FOUND = re.compile(r"(\d[\d,]*)\s+jobs?\s+found", re.I)
_CARDS = 'li[data-test="search-result"]'
_HEADING = 'h1[data-test="search-result-query"], #search-results-heading'
#: NHS Jobs shows ten cards a page; a page with fewer than its share of the count is cut short.
PAGE_SIZE = 10
#: Crawl stat: searches read from the HTML pages because the XML API failed or answered something else.
API_FALLBACK = "pmjobs/nhs_jobs/html_fallback"


class NhsJobsSpider(JobSpider):
    """NHS Jobs matches keywords loosely (a search finds thousands of adverts), so each search stops
    after `max_pages` result pages, newest first: a nightly run sees every new advert long before."""

    name = "nhs_jobs"
    max_pages = 20
    per_page = 100  # the API's maximum; a spider argument can lower it
    live_base_url = "https://www.jobs.nhs.uk"
    keywords = ("practice manager", "pcn manager")
    #: The XML API first; False reads the HTML results pages only (the fallback, and the fault tests).
    read_api = True

    async def start(self):
        for keyword in self.keywords:
            yield self._api_request(keyword, page=1) if self.read_api else self._html_request(keyword)

    def _api_request(self, keyword: str, page: int) -> scrapy.Request:
        query = {"keyword": keyword, "sort": "publicationDateDesc", "externalOnly": "true", "limit": int(self.per_page), "page": page}
        request = self.page_request(
            f"{self.base_url}/api/v1/search_xml?{urlencode(query, quote_via=quote)}",
            callback=self.parse_api,
            cb_kwargs={"keyword": keyword, "page": page},
        )
        return request.replace(errback=self._api_failed)

    def _html_request(self, keyword: str, why: str = "") -> scrapy.Request:
        if why:
            self.logger.warning("NHS Jobs XML API %s; reading the HTML search results for %r instead", why, keyword)
            self.crawler.stats.inc_value(API_FALLBACK)
        query = urlencode({"keyword": keyword, "sort": "publicationDateDesc", "language": "en"}, quote_via=quote)
        return self.page_request(f"{self.base_url}/candidate/search/results?{query}")

    def _api_failed(self, failure):
        """A refusal is a block; any other failure is replaced by the HTML search (the API page is withdrawn)."""
        if pages.failure_reason(failure)[1]:
            return self.page_failed(failure)
        self.crawler.stats.inc_value(stats.PAGES_REQUESTED, -1)
        return [self._html_request(failure.request.cb_kwargs["keyword"], f"failed ({failure.getErrorMessage()})")]

    def page_problem(self, response: scrapy.http.Response) -> str | None:
        if response.meta.get("pmjobs_reader") == "parse_api":
            return api_problem(response)
        return self._html_problem(response)

    def parse_api(self, response: scrapy.http.Response, keyword: str, page: int):
        root = api_root(response)
        if not root:
            yield self._html_request(keyword, f"answered {response.url} with something other than <nhsJobs>")
            return
        for index, record in enumerate(root.xpath("vacancyDetails"), start=1):
            fields = record_fields(record, self.live_base_url)
            if not fields["reference"] or not fields["title"]:
                self.broken(response, f"record {index}", "no reference or no title")
            else:
                yield self.listing(**fields)
        if page < int(clean(root.xpath("totalPages/text()").get()) or 0) and self.follow(page):
            yield self._api_request(keyword, page + 1)

    def _html_problem(self, response: scrapy.http.Response) -> str | None:
        """A results page must carry its count, the cards the count promises and a link onwards."""
        heading = response.css(_HEADING)
        if not heading:
            return "no result count: not a search results page"
        found = _JOBS_FOUND.search(" ".join([heading.attrib.get("aria-label", ""), *heading.css("::text").getall()]))
        if not found:
            return "the results heading gives no count of jobs found"
        total, page = int(found[1].replace(",", "")), _page_number(response.url)
        expected = max(0, min(PAGE_SIZE, total - (page - 1) * PAGE_SIZE))
        cards = len(response.css(_CARDS))
        if cards < expected:
            return f"{cards} result cards where {total} jobs found promises {expected} on page {page}"
        if total > page * PAGE_SIZE and not response.css('a[data-test="search-next-page"]'):
            return f"no link to page {page + 1} although {total} jobs were found"
        return None

    def parse(self, response: scrapy.http.Response):
        for index, card in enumerate(response.css(_CARDS), start=1):
            link = card.css('a[data-test="search-result-job-title"]')
            title = clean(link.css("::text").getall())
            href = link.attrib.get("href", "")
            if not title or not href:
                self.broken(response, f"card {index}", "no job title link")
                continue
            url = self.public_url(strip_query(response.urljoin(href)))
            yield self.listing(
                source_id=url.rsplit("/", 1)[-1],
                reference=url.rsplit("/", 1)[-1],
                url=url,
                title=title,
                employer=self._parse_employer(card),
                location=clean(card.css('[data-test="search-result-location"] .location-font-size ::text').getall()),
                salary_text=self._field(card, "salary"),
                posted_text=self._field(card, "publicationDate"),
                closing_text=self._field(card, "closingDate"),
                contract_type=self._field(card, "jobType"),
                working_pattern=self._field(card, "workingPattern"),
            )
        next_page = response.css('a[data-test="search-next-page"]::attr(href)').get()
        if next_page and self.follow(_page_number(response.url)):
            yield self.page_request(response.urljoin(next_page))

    @staticmethod
    def _field(card: scrapy.Selector, test_id: str) -> str:
        return clean(card.css(f'li[data-test="search-result-{test_id}"] strong ::text').getall())

    @staticmethod
    def _parse_employer(card: scrapy.Selector) -> str:
        """The h3's own text, without the nested location div or the advert count suffix."""
        own_text = clean(card.css('[data-test="search-result-location"] h3').xpath("./text()").getall())
        return _ADVERT_COUNT.sub("", own_text)


def _page_number(url: str) -> int:
    """The result page a search URL asks for (`page=N`, first page when absent)."""
    pages = parse_qs(urlsplit(url).query).get("page", ["1"])
    return int(pages[0]) if pages[0].isdigit() else 1
