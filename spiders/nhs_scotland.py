"""NHS Scotland (apply.jobs.scot.nhs.uk, a Jobtrain board): the `_JobCard` fragment the search page loads.

The search page itself is a script shell without cards (the saved real page shows it); the cards come
from `/Home/_JobCard?keywords=...&Skip=N`, 12 at a time. No real fragment has been saved anywhere, so
the selectors come from other people's working scrapers (the research notes, ../shared/SOURCES.md §5a) and stay "markup
unverified" until `pmjobs check nhs_scotland` has matched the live board.
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlencode, urlsplit

import scrapy

from spiders.base import JobSpider, clean, unlabelled

#: Each card line: (the class after `.jobdetailsitem`, the board's label, the listing field).
_LINES = (
    ("school", "Employer (NHS Board)", "employer"),
    ("location", "Location", "location"),
    ("salary", "Salary", "salary_text"),
    ("closingdate", "Closing date", "closing_text"),
    ("livedate", "Live date", "posted_text"),
    ("department", "Job Family", "category"),
    ("employmenttype", "Employment type", "contract_type"),
    ("jobreference", "Job reference", "reference"),
)


class NhsScotlandSpider(JobSpider):
    name = "nhs_scotland"
    live_base_url = "https://apply.jobs.scot.nhs.uk"
    markup_unverified = True
    why = "Jobtrain _JobCard selectors from other scrapers, no saved real fragment (docs/sources.md)"
    keywords = ("practice manager", "pcn manager")
    per_page = 12  # the fragment's fixed page size

    async def start(self):
        for keyword in self.keywords:
            yield self._fragment(keyword, skip=0)

    def _fragment(self, keyword: str, skip: int) -> scrapy.Request:
        query = urlencode({"keywords": keyword, "Skip": skip}, quote_via=quote)
        return self.page_request(f"{self.base_url}/Home/_JobCard?{query}", cb_kwargs={"keyword": keyword, "skip": skip})

    def page_problem(self, response: scrapy.http.Response) -> str | None:
        if response.css(".job-card") or response.css("#totalMatchRecords").attrib.get("value") == "0":
            return None
        return "no job cards (.job-card) and no #totalMatchRecords count of 0"

    def parse(self, response: scrapy.http.Response, keyword: str, skip: int):
        cards = response.css(".job-card")
        for index, card in enumerate(cards, start=1):
            link = card.css(".job-row__details a")
            title, href = clean(link.css("::text").getall()), link.attrib.get("href", "")
            job_id = parse_qs(urlsplit(href).query).get("JobId", [""])[0]
            if not title or not job_id:
                self.broken(response, f"card {index}", "no job title link with a JobId")
                continue
            lines = {field: unlabelled(clean(card.css(f".jobdetailsitem.{name} ::text").getall()), label) for name, label, field in _LINES}
            yield self.listing(source_id=job_id, url=self.public_url(response.urljoin(href)), title=title, **lines)
        shown = int(response.css("#totalCurrentRecords").attrib.get("value") or len(cards))
        if shown >= self.per_page and self.follow(skip // self.per_page + 1):
            yield self._fragment(keyword, skip + self.per_page)
