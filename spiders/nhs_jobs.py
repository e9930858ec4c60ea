"""NHS Jobs (England and Wales) search results, read from the cards' `data-test` hooks."""

from __future__ import annotations

import re

import scrapy

from spiders import stats
from spiders.base import JobSpider, clean, strip_query

_ADVERT_COUNT = re.compile(r"\s*\(\d+\)\s*$")


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

    def parse(self, response: scrapy.http.Response):
        cards = response.css('li[data-test="search-result"]')
        if not cards and not response.css('h1[data-test="search-result-query"], #search-results-heading'):
            self.broken(response, "page", "neither result cards nor a result count: not a search results page")
        for index, card in enumerate(cards, start=1):
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
        page = response.meta.get("page", 1)
        if next_page and page < int(self.max_pages):
            yield response.follow(next_page, callback=self.parse, meta={"page": page + 1})
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
