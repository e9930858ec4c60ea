"""NHS Jobs (England and Wales) search results, read from the cards' `data-test` hooks."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import scrapy

from spiders import stats
from spiders.base import JobSpider, clean, strip_query

_ADVERT_COUNT = re.compile(r"\s*\(\d+\)\s*$")
_JOBS_FOUND = re.compile(r"(\d[\d,]*)\s+jobs?\s+found", re.I)
_CARDS = 'li[data-test="search-result"]'
_HEADING = 'h1[data-test="search-result-query"], #search-results-heading'
#: NHS Jobs shows ten cards a page; a page with fewer than its share of the count is cut short.
PAGE_SIZE = 10


class NhsJobsSpider(JobSpider):
    """NHS Jobs matches keywords loosely (a search finds thousands of adverts), so each search stops
    after `max_pages` result pages, newest first: a nightly run sees every new advert long before."""

    name = "nhs_jobs"
    max_pages = 20
    live_base_url = "https://www.jobs.nhs.uk"
    start_paths = (
        "/candidate/search/results?keyword=practice%20manager&sort=publicationDateDesc&language=en",
        "/candidate/search/results?keyword=pcn%20manager&sort=publicationDateDesc&language=en",
    )

    def page_problem(self, response: scrapy.http.Response) -> str | None:
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
        if next_page and _page_number(response.url) < int(self.max_pages):
            yield self.page_request(response.urljoin(next_page))
        elif next_page:
            # Unseen older adverts are not gone: the nightly run must not close them.
            self.crawler.stats.inc_value(stats.SEARCH_TRUNCATED)

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
