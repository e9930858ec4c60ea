"""BMJ Careers (jobs.bmj.com), a Madgex board: the `/jobs/` search results pages.

Madgex boards' robots.txt (the saved Guardian and ICAEW ones) disallow `/jobsrss/`, `*/searchjobs/*`
and any `sort=` URL, so the spider reads the plain `/jobs/?Keywords=...&Page=N` results, unsorted.
No real BMJ page has been saved, so the `lister__*` selectors come from scrapers of other Madgex boards
(the research notes, ../shared/SOURCES.md §2) and the source stays "markup unverified" until `pmjobs check bmj_careers` matches it.
"""

from __future__ import annotations

import re
from urllib.parse import quote_plus, urlencode

import scrapy

from spiders.base import JobSpider, clean, strip_query

_JOB_ID = re.compile(r"item-(\d+)")
_META = {"location": "location", "salary": "salary_text", "recruiter": "employer"}


class BmjCareersSpider(JobSpider):
    name = "bmj_careers"
    live_base_url = "https://jobs.bmj.com"
    markup_unverified = True
    why = "Madgex lister selectors from scrapers of other Madgex boards, no saved BMJ page (docs/sources.md)"
    keywords = ("practice manager", "pcn manager")

    async def start(self):
        for keyword in self.keywords:
            yield self._search(keyword, page=1)

    def _search(self, keyword: str, page: int) -> scrapy.Request:
        query = urlencode({"Keywords": keyword, "CountryCode": "GB", **({"Page": page} if page > 1 else {})}, quote_via=quote_plus)
        return self.page_request(f"{self.base_url}/jobs/?{query}", cb_kwargs={"keyword": keyword, "page": page})

    def page_problem(self, response: scrapy.http.Response) -> str | None:
        return None if response.css("ul.lister__list") else "no results list (ul.lister__list of li.lister__item cards)"

    def parse(self, response: scrapy.http.Response, keyword: str, page: int):
        cards = response.css("li.lister__item")
        for index, card in enumerate(cards, start=1):
            link = card.css("h3.lister__header a")
            title, href = clean(link.css("::text").getall()), link.attrib.get("href", "")
            job_id = _JOB_ID.search(card.attrib.get("id", "")) or re.search(r"/job/(\d+)", href)
            if not title or not job_id:
                self.broken(response, f"card {index}", "no job title link or job id")
                continue
            meta = {field: clean(card.css(f"li.lister__meta-item--{name} ::text").getall()) for name, field in _META.items()}
            yield self.listing(
                source_id=job_id.group(1),
                url=self.public_url(strip_query(response.urljoin(href))),
                title=title,
                description=clean(card.css("p.lister__description ::text").getall()),
                posted_text=clean(card.css("li.job-actions__action.pipe ::text").getall()),
                **meta,
            )
        if response.css(f'ul.paginator__items a[href*="Page={page + 1}"]') and self.follow(page):
            yield self._search(keyword, page + 1)
