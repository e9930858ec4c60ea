"""NHS Jobs (England and Wales): the official XML search API first, the HTML search results as fallback.

The API (`/api/v1/search_xml`) needs no key; NHS Jobs' employer terms (cl. 10.3) let external
platforms take its feed. Each record's `<reference>` (not the internal numeric `<id>`) is the advert
key used in `/candidate/jobadvert/<reference>` and repeated by mirror boards, so it is the listing's id.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import scrapy
from scrapy.selector import Selector

from spiders.base import JobSpider, clean, strip_query

_ADVERT_COUNT = re.compile(r"\s*\(\d+\)\s*$")
#: Crawl stat: searches read from the HTML pages because the XML API failed or answered something else.
API_FALLBACK = "pmjobs/nhs_jobs/html_fallback"


class NhsJobsSpider(JobSpider):
    """NHS Jobs matches keywords loosely (a search finds thousands of adverts), so each search stops
    after `max_pages` pages, newest first: a nightly run sees every new advert long before."""

    name = "nhs_jobs"
    max_pages = 20
    per_page = 100  # the API's maximum; a spider argument can lower it
    live_base_url = "https://www.jobs.nhs.uk"
    keywords = ("practice manager", "pcn manager")

    async def start(self):
        for keyword in self.keywords:
            yield self._api_request(keyword, page=1)

    def _api_request(self, keyword: str, page: int) -> scrapy.Request:
        query = {"keyword": keyword, "sort": "publicationDateDesc", "externalOnly": "true", "limit": int(self.per_page), "page": page}
        return scrapy.Request(
            f"{self.base_url}/api/v1/search_xml?{urlencode(query, quote_via=quote)}", callback=self.parse_api,
            errback=self._api_failed, cb_kwargs={"keyword": keyword, "page": page},
        )

    def _html_request(self, keyword: str, why: str) -> scrapy.Request:
        self.logger.warning("NHS Jobs XML API %s; reading the HTML search results for %r instead", why, keyword)
        self.crawler.stats.inc_value(API_FALLBACK)
        query = urlencode({"keyword": keyword, "sort": "publicationDateDesc", "language": "en"}, quote_via=quote)
        return scrapy.Request(f"{self.base_url}/candidate/search/results?{query}", callback=self.parse)

    def _api_failed(self, failure):
        yield self._html_request(failure.request.cb_kwargs["keyword"], f"failed ({failure.getErrorMessage()})")

    def parse_api(self, response: scrapy.http.Response, keyword: str, page: int):
        self.check_refusal(response)
        root = Selector(text=response.text, type="xml").xpath("/nhsJobs")
        if not root:
            yield self._html_request(keyword, f"answered {response.url} with something other than <nhsJobs>")
            return
        records = root.xpath("vacancyDetails")
        total_pages = int(clean(root.xpath("totalPages/text()").get()) or 0)
        if not records and total_pages >= page:
            self.layout_changed(response, f"<vacancyDetails> records (totalPages says {total_pages})")
            return
        for index, record in enumerate(records, start=1):
            fields = record_fields(record, self.live_base_url)
            if not fields["reference"] or not fields["title"]:
                self.broken(response, f"record {index}", "no reference or no title")
            else:
                yield self.listing(**fields)
        if page < total_pages:
            yield from self.next_page(self._api_request(keyword, page + 1), page)

    def parse(self, response: scrapy.http.Response):
        """An HTML results page, read from the cards' `data-test` hooks."""
        self.check_refusal(response)
        cards = response.css('li[data-test="search-result"]')
        if not cards and not response.css('h1[data-test="search-result-query"], #search-results-heading'):
            self.layout_changed(response, 'result cards (li[data-test="search-result"]) or a result count')
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
        if next_page:
            page = response.meta.get("page", 1)
            yield from self.next_page(response.follow(next_page, callback=self.parse, meta={"page": page + 1}), page)

    @staticmethod
    def _field(card: scrapy.Selector, test_id: str) -> str:
        return clean(card.css(f'li[data-test="search-result-{test_id}"] strong ::text').getall())

    @staticmethod
    def _parse_employer(card: scrapy.Selector) -> str:
        """The h3's own text, without the nested location div or the advert count suffix."""
        own_text = clean(card.css('[data-test="search-result-location"] h3').xpath("./text()").getall())
        return _ADVERT_COUNT.sub("", own_text)


def record_fields(record: Selector, site: str) -> dict[str, str]:
    """One `<vacancyDetails>` record as raw listing fields; every `<locations>` child, in order."""

    def text(name: str) -> str:
        return clean(record.xpath(f"{name}//text()").getall())

    reference = text("reference")
    return {
        "source_id": reference,
        "reference": reference,
        "url": f"{site}/candidate/jobadvert/{reference}",
        "title": text("title"),
        "employer": text("employer"),
        "location": "; ".join(clean(place.xpath(".//text()").getall()) for place in record.xpath("locations/*")),
        "salary_text": text("salary"),
        "posted_text": text("postDate"),
        "closing_text": text("closeDate"),
        "contract_type": text("type"),
        "description": text("description"),
    }
