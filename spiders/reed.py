"""Reed.co.uk through its Jobseeker API: a search for each phrase, then each advert's job details.

The API needs a free key (https://www.reed.co.uk/developers/jobseeker), sent as the HTTP Basic user
name with an empty password; it is read from REED_API_KEY only. Search results carry the pay as bare
numbers with no unit; the details add the advert's own salary text, contract and full description.
"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import quote, urlencode

import scrapy
from w3lib.http import basic_auth_header

from spiders import pages
from spiders.base import JobSpider, clean, json_answer, money_range, text_of


class ReedSpider(JobSpider):
    name = "reed"
    live_base_url = "https://www.reed.co.uk"
    key_variables = ("REED_API_KEY",)
    why = "Reed Jobseeker API, free key from https://www.reed.co.uk/developers/jobseeker"
    keywords = ("practice manager", "pcn manager")
    per_page = 100
    max_pages = 10
    # The API is used under Reed's API terms with a key; robots.txt (Disallow: /api/) is for crawlers
    # of the site, which this is not. One request at a time, well inside the API's limits; a search
    # page asks for up to 100 job details, so the source's deadline is longer than the default.
    custom_settings: ClassVar[dict] = {
        "ROBOTSTXT_OBEY": False,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": 0.5,
        "CLOSESPIDER_TIMEOUT": 45 * 60,
    }

    async def start(self):
        keys = self.keys()
        if keys is None:
            return
        self.auth = basic_auth_header(keys["REED_API_KEY"], "") if keys else None
        for keyword in self.keywords:
            yield self._search(keyword, skip=0)

    def _headers(self) -> dict:
        return {"Authorization": self.auth} if self.auth else {}

    def _search(self, keyword: str, skip: int) -> scrapy.Request:
        query = urlencode({"keywords": keyword, "resultsToTake": self.per_page, "resultsToSkip": skip}, quote_via=quote)
        return self.page_request(
            f"{self.base_url}/api/1.0/search?{query}",
            headers=self._headers(),
            meta={"dont_cache": True},
            cb_kwargs={"keyword": keyword, "skip": skip},
        )

    def page_problem(self, response: scrapy.http.Response) -> str | None:
        return None if json_answer(response, "results") else "not a Reed search answer (no JSON 'results')"

    def parse(self, response: scrapy.http.Response, keyword: str, skip: int):
        data = json_answer(response, "results")
        for index, result in enumerate(data["results"], start=1):
            if not result.get("jobId") or not clean(result.get("jobTitle")):
                self.broken(response, f"result {index}", "no jobId or no jobTitle")
                continue
            if self.single_page:
                yield self._listing(result)
                continue
            yield scrapy.Request(
                f"{self.base_url}/api/1.0/jobs/{result['jobId']}",
                headers=self._headers(),
                meta={"dont_cache": True},
                callback=self.parse_details,
                errback=self._details_failed,
                cb_kwargs={"result": result},
            )
        if skip + self.per_page < int(data.get("totalResults") or 0) and self.follow(skip // self.per_page + 1):
            yield self._search(keyword, skip + self.per_page)

    def parse_details(self, response: scrapy.http.Response, result: dict):
        """Details add to an advert; without them it keeps its search fields (a refusal is still counted)."""
        details = json_answer(response, "jobId")
        if details is None:
            self.logger.warning("Reed job details unreadable at %s", response.url)
            if pages.is_block_page(response):
                self._page_problem("block page", response.url, blocked=True)
        yield self._listing({**result, **(details or {})})

    def _details_failed(self, failure):
        reason, blocked = pages.failure_reason(failure)
        self.logger.warning("Reed job details failed for %s: %s", failure.request.url, reason)
        if blocked:
            self._page_problem(reason, failure.request.url, blocked=True)
        yield self._listing(failure.request.cb_kwargs["result"])

    def _listing(self, job: dict):
        patterns = [label for label, flag in (("Full time", job.get("fullTime")), ("Part time", job.get("partTime"))) if flag]
        return self.listing(
            source_id=str(job["jobId"]),
            url=job.get("jobUrl") or f"{self.live_base_url}/jobs/{job['jobId']}",
            title=clean(job.get("jobTitle")),
            employer=clean(job.get("employerName")),
            location=clean(job.get("locationName")),
            salary_text=clean(job.get("salary")) or money_range(job.get("minimumSalary"), job.get("maximumSalary"), job.get("currency")),
            posted_text=clean(job.get("datePosted") or job.get("date")),
            closing_text=clean(job.get("expirationDate")),
            description=text_of(job.get("jobDescription")),
            contract_type=clean(job.get("contractType")),
            working_pattern=", ".join(patterns),
        )
