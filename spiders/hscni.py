"""HSC Northern Ireland jobs (jobs.hscni.net): the search results pages, 20 adverts a page.

No real page has been saved anywhere, so the selectors come from other people's working scrapers
(the research notes, ../shared/SOURCES.md §5d: `article.job-result` cards whose overview holds "Salary: ... Location: ... Contract
Type: ..."), and the source stays "markup unverified" until `pmjobs check hscni` matches the live board.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import scrapy

from spiders.base import JobSpider, clean, strip_query, unlabelled

_JOB_ID = re.compile(r"/Job/([^/?#]+)", re.I)
_OVERVIEW = re.compile(r"(Salary|Location|Contract Type):\s*(.*?)\s*(?=(?:Salary|Location|Contract Type):|$)", re.I)
_FIELD_BY_LABEL = {"salary": "salary_text", "location": "location", "contract type": "contract_type"}
_NO_RESULTS = re.compile(r"\b(?:no|0) (?:jobs|results|vacancies)\b", re.I)


class HscniSpider(JobSpider):
    name = "hscni"
    live_base_url = "https://jobs.hscni.net"
    markup_unverified = True
    why = "search-result selectors from other scrapers, no saved real page (docs/sources.md)"
    keywords = ("practice manager", "pcn manager")
    per_page = 20

    async def start(self):
        for keyword in self.keywords:
            yield self._search(keyword, page=1)

    def _search(self, keyword: str, page: int) -> scrapy.Request:
        query = urlencode({"SearchCatID": 0, "keyword": keyword, **({"page": page} if page > 1 else {})}, quote_via=quote)
        return self.page_request(f"{self.base_url}/Search?{query}", cb_kwargs={"keyword": keyword, "page": page})

    def page_problem(self, response: scrapy.http.Response) -> str | None:
        if response.css("article.job-result") or _NO_RESULTS.search(clean(response.css("body ::text").getall())):
            return None
        return "no job results (article.job-result) and no 'no jobs' message"

    def parse(self, response: scrapy.http.Response, keyword: str, page: int):
        cards = response.css("article.job-result")
        for index, card in enumerate(cards, start=1):
            link = card.css("h2 a[href*='/Job/']")
            title, href = clean(link.css("::text").getall()), link.attrib.get("href", "")
            job_id = _JOB_ID.search(href)
            if not title or not job_id:
                self.broken(response, f"card {index}", "no job title link to /Job/<id>")
                continue
            overview = {
                _FIELD_BY_LABEL[label.lower()]: value
                for label, value in _OVERVIEW.findall(clean(card.css(".job-result-overview ::text").getall()))
            }
            yield self.listing(
                source_id=job_id.group(1),
                url=self.public_url(strip_query(response.urljoin(href))),
                title=title,
                closing_text=unlabelled(clean(card.css(".job-closing ::text").getall()), "Closing"),
                reference=unlabelled(clean(card.css(".job-ref ::text").getall()), "Ref"),
                **overview,
            )
        if len(cards) >= self.per_page and self.follow(page):
            yield self._search(keyword, page + 1)
